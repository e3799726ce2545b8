# Becomes ready, then hangs: the coordinator must kill it (and this sleep) at the timeout.
echo '{"t":"ready","impl":"scripted-staller 1"}'
sleep 300
