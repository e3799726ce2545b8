# Scripted answerer: becomes ready late, then expects exactly the offerer's offer and candidate.
sleep 0.5
echo '{"t":"ready","impl":"scripted-answerer 2"}'
read -r o; read -r c
if [ "$o" = '{"t":"sdp","type":"offer","sdp":"v=0 offer"}' ] \
  && [ "$c" = '{"t":"candidate","candidate":"candidate:1 1 udp 1 127.0.0.1 9 typ host","sdpMid":"0","sdpMLineIndex":0}' ]; then
  echo '{"t":"sdp","type":"answer","sdp":"v=0 answer"}'
  echo '{"t":"done"}'
  read -r d
  [ "$d" = '{"t":"done"}' ] || { echo '{"t":"result","ok":false,"error":"no done"}'; exit 1; }
  echo '{"t":"result","ok":true,"scenario":"echo","setup_ms":2.5,"ms":7.25,"detail":{}}'
else
  echo '{"t":"result","ok":false,"scenario":"echo","error":"answerer got other lines"}'; exit 1
fi
