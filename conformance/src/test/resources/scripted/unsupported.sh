# Declines the scenario as PEER-PROTOCOL.md allows.
echo '{"t":"ready","impl":"scripted-unsupported 1"}'
echo '{"t":"result","ok":false,"unsupported":true,"scenario":"echo"}'
exit 3
