# Breaks the protocol with a line that is not JSON.
echo '{"t":"ready","impl":"scripted-malformed 1"}'
echo 'hello, this is not JSON'
sleep 300
