# Breaks the protocol: its first line is not ready.
echo '{"t":"done"}'
sleep 300
