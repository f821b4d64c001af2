#!/usr/bin/env bash
# Runs the README's curl and Python examples (.ci/readme_examples.py) against the jar that Maven
# built, started on a free port with its defaults; always stops it. Needs curl and Debian's
# /usr/bin/python3 with python3-requests (.ci/run installs them).
#
#   bash .ci/readme-examples.sh
set -euo pipefail
say() { echo "ci: readme: $*"; }
fail() { echo "ci: readme: FAILED: $*" >&2; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
python=/usr/bin/python3
[[ -x $python ]] && "$python" -c 'import requests' 2>/dev/null \
  || fail "$python with requests is needed (apt-get install python3-requests)"
command -v curl >/dev/null || fail "curl is needed (apt-get install curl)"

jars=(target/gradfit-*.jar)
jar=${jars[0]}
[[ -f $jar && ${#jars[@]} -eq 1 ]] || fail "expected one target/gradfit-*.jar (run ./mvnw package first), found: ${jars[*]}"
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=target/readme-examples-app.log

java -Xmx512m -jar "$jar" --server.port="$port" >"$log" 2>&1 &
app=$!
stop() { kill "$app" 2>/dev/null && wait "$app" 2>/dev/null || true; }
trap stop EXIT

say "started $jar on port $port (pid $app, log $log)"
for _ in $(seq 1 120); do
  kill -0 "$app" 2>/dev/null || { tail -40 "$log"; fail "the application exited while starting"; }
  curl -sf "http://localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://localhost:$port/actuator/health/readiness" >/dev/null \
  || { tail -40 "$log"; fail "the application was not ready after 120 s"; }

"$python" .ci/readme_examples.py README.md "$port" || fail "a README example failed (above)"
