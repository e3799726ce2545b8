# Dies without a result.
echo '{"t":"ready","impl":"scripted-crasher 1"}'
exit 7
