# Reports ok only if the coordinator passed the protocol's arguments and PEER_ADDRESS as expected
# in $EXPECT_ARGS / $EXPECT_ADDRESS; inside a namespace it also checks the veth addresses exist.
echo '{"t":"ready","impl":"scripted-args 1"}'
got="$*"
if [ "$got" != "--role $2 --scenario echo --param k=v --param timeout_ms=5000" ]; then
  echo "{\"t\":\"result\",\"ok\":false,\"error\":\"args: $got\"}"; exit 1
fi
case "$2:$PEER_ADDRESS" in
  offerer:127.0.0.1|answerer:127.0.0.1) ns=no ;;
  offerer:10.233.0.1|answerer:10.233.0.2) ns=yes ;;
  *) echo "{\"t\":\"result\",\"ok\":false,\"error\":\"role $2 address $PEER_ADDRESS\"}"; exit 1 ;;
esac
if [ $ns = yes ]; then
  ip -4 -o addr show | grep -q "inet $PEER_ADDRESS/24" || { echo '{"t":"result","ok":false,"error":"no veth address"}'; exit 1; }
  # Nothing but lo and the veth pair: no way out of the namespace.
  n=$(ip -o link show | grep -cv ': \(lo\|v0@v1\|v1@v0\):')
  [ "$n" = 0 ] || { echo '{"t":"result","ok":false,"error":"other interfaces present"}'; exit 1; }
fi
echo '{"t":"done"}'
read -r line
echo "{\"t\":\"result\",\"ok\":true,\"scenario\":\"echo\",\"detail\":{\"netns\":\"$ns\"}}"
