# Breaks the protocol with a JSON line of an unknown type.
echo '{"t":"ready","impl":"scripted-unknown 1"}'
echo '{"t":"bogus"}'
sleep 300
