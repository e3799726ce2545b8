#!/usr/bin/env bash
# Installs the outside WebRTC stacks the conformance suite pairs with:
# Debian's chromium (apt) and the npm peers pinned in peers/package-lock.json.
# Idempotent and quiet: everything goes to a log that is shown only on failure.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
peers="$here/peers"
log="${TMPDIR:-/tmp}/puredc-install-peers.log"
: >"$log"

fail() {
  echo "install-peers: $1 (log: $log)" >&2
  tail -n 40 "$log" >&2
  exit 1
}

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only when the package is unknown, so a warm machine stays offline.
  if ! apt-cache show chromium >>"$log" 2>&1; then
    apt-get update >>"$log" 2>&1 || fail "apt-get update failed"
  fi
  apt-get install -y --no-install-recommends chromium >>"$log" 2>&1 \
    || { apt-get update >>"$log" 2>&1 && apt-get install -y --no-install-recommends chromium >>"$log" 2>&1; } \
    || fail "apt-get install chromium failed"
fi

command -v node >/dev/null || fail "node is missing"
command -v npm >/dev/null || fail "npm is missing"

# npm ci only when node_modules is missing or the lock changed since the last install.
stamp="$peers/node_modules/.puredc-lock.sha256"
want="$(sha256sum "$peers/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # playwright-core never downloads browsers; the variable guards any other tool.
  (cd "$peers" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >>"$log" 2>&1) \
    || fail "npm ci failed"
  echo "$want" >"$stamp"
fi

# Prove the native binding of node-datachannel loads (it ships in an npm platform package).
(cd "$peers" && node -e 'require("node-datachannel")' >>"$log" 2>&1) \
  || fail "node-datachannel does not load"
