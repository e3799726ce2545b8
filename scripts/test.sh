#!/usr/bin/env bash
# Runs every test of the project: the one command the README and .ci/run name.
#   1. makes sure the tools the tests need are here (idempotent, quiet):
#      a JDK and Maven, Debian packages the tests drive (ffmpeg for
#      transcode, coturn for ice's TURN test), and the outside WebRTC peers of
#      the interop matrix (conformance/bin/install-peers.sh);
#   2. proves the enforcer's ban on native code is live (scripts/check-native-ban.sh);
#   3. when a JDK >= 24 is under /usr/lib/jvm, runs the Java<->Java end-to-end
#      test on it with --illegal-native-access=deny: the stack is pure Java;
#   4. runs the whole reactor with `mvn -B verify` on the default JDK (17).
# Extra Maven arguments are passed through, e.g. scripts/test.sh -pl wire.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'test.sh: %s\n' "$*"; }

require() { # command, what to do when it is missing
  command -v "$1" >/dev/null 2>&1 || { log "missing '$1': $2"; exit 2; }
}
require java "install a JDK 17 (Debian: openjdk-17-jdk-headless)"
require mvn "install Maven 3.8 or newer (Debian: maven)"

# Debian packages the tests drive for real (never mocked). Installed only when
# missing, so a second run costs nothing; apt's output goes to a log, not the console.
debian_packages=(ffmpeg coturn libusrsctp-examples)
ensure_debian_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  local apt_log
  apt_log=$(mktemp)
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
      --no-install-recommends "${missing[@]}"; } >"$apt_log" 2>&1; then
    log "apt-get failed:"; tail -n 30 "$apt_log"; exit 2
  fi
  rm -f "$apt_log"
}
ensure_debian_packages "${debian_packages[@]}"

# The build targets release 17 and the default java is 17; JAVA_HOME wins when set.
log "JDK: $(java -version 2>&1 | head -n 1)"

scripts/check-native-ban.sh

# The outside WebRTC stacks the interop tests pair us with: Debian's chromium and the npm
# packages werift and node-datachannel (quiet, idempotent; see conformance/README.md).
conformance/bin/install-peers.sh

# The newest JDK under /usr/lib/jvm, if it is 24 or later (where native access can be denied).
newest_jdk() {
  local best="" best_v=0 dir v
  for dir in /usr/lib/jvm/*/; do
    [ -x "$dir/bin/java" ] || continue
    v=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -gt "$best_v" ]; then best_v=$v; best=${dir%/}; fi
  done
  [ "$best_v" -ge 24 ] && echo "$best"
}
if jdk=$(newest_jdk); then
  log "pure-Java proof: EndToEndTest on $jdk with --illegal-native-access=deny"
  JAVA_HOME="$jdk" mvn -B -ntp -pl peer -am verify -Dtest=EndToEndTest -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine=--illegal-native-access=deny "$@"
else
  log "no JDK >= 24 under /usr/lib/jvm: the native-access proof runs where one is installed"
fi

# Last, so that the closing Surefire summary is the whole reactor's.
mvn -B -ntp verify "$@"
