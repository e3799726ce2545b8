# Finishes its part and reports, then waits for the other side's done forever (bounded by the coordinator).
echo '{"t":"ready","impl":"scripted-waiter 1"}'
echo '{"t":"done"}'
read -r line
echo '{"t":"result","ok":true,"scenario":"echo","detail":{}}'
