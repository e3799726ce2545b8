# Leaves a file in its TMPDIR, tells the test where (--param marker=FILE), then hangs until killed.
for a in "$@"; do case "$a" in marker=*) marker="${a#marker=}" ;; esac; done
echo '{"t":"ready","impl":"scripted-tmpdir 1"}'
echo left-behind > "$TMPDIR/profile-file"
echo "$TMPDIR" > "$marker"
sleep 300
