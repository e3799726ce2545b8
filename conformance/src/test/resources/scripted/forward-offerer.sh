# Scripted offerer: writes its offer and a candidate before the answerer is ready (the
# coordinator must hold them), an event (must not be forwarded), then checks the answer verbatim.
echo '{"t":"ready","impl":"scripted-offerer 1"}'
echo '{"t":"event","name":"open","label":"x","ms":1.0}'
echo '{"t":"sdp","type":"offer","sdp":"v=0 offer"}'
echo '{"t":"candidate","candidate":"candidate:1 1 udp 1 127.0.0.1 9 typ host","sdpMid":"0","sdpMLineIndex":0}'
read -r a; read -r d
if [ "$a" = '{"t":"sdp","type":"answer","sdp":"v=0 answer"}' ] && [ "$d" = '{"t":"done"}' ]; then
  echo '{"t":"done"}'
  echo '{"t":"result","ok":true,"scenario":"echo","setup_ms":1.5,"detail":{}}'
else
  echo "{\"t\":\"result\",\"ok\":false,\"scenario\":\"echo\",\"error\":\"offerer got other lines\"}"; exit 1
fi
