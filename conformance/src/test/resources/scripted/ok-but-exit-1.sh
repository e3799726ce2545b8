# Reports ok but exits non-zero: the run must not pass.
echo '{"t":"ready","impl":"scripted-liar 1"}'
echo '{"t":"done"}'
read -r line
echo '{"t":"result","ok":true,"scenario":"echo","detail":{}}'
exit 1
