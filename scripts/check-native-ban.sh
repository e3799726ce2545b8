#!/usr/bin/env bash
# Proves the enforcer's ban on native code is live: each project under
# build-checks/ depends on something banned, and its build must fail with the
# bannedDependencies rule naming that artifact. Prints one line per check.
set -euo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0
check() { # folder, artifact the rule must name
  local dir=$1 artifact=$2 log
  log=$(mktemp)
  if mvn -B -f "build-checks/$dir/pom.xml" validate >"$log" 2>&1; then
    echo "native-ban: FAILED: build-checks/$dir built although it depends on $artifact"
    failed=$((failed + 1))
  elif grep -q "BannedDependencies" "$log" && grep -q "$artifact" "$log"; then
    echo "native-ban: ok: build-checks/$dir refused ($artifact)"
    passed=$((passed + 1))
  else
    echo "native-ban: FAILED: build-checks/$dir failed for another reason:"
    tail -n 20 "$log"
    failed=$((failed + 1))
  fi
  rm -f "$log"
}

check banned-native net.java.dev.jna:jna
check banned-netty-native io.netty:netty-transport-native-epoll
echo "native-ban: $passed of $((passed + failed)) banned builds refused as expected"
[ "$failed" -eq 0 ]
