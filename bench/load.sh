#!/usr/bin/env bash
# Load test: starts the jar, warms it up, sends mixed fit and predict traffic with wrk, and reports answers by
# status (non-2xx must be 0, apart from deliberate 503s when fits are refused), p50 and p99 latency,
# and the heap afterwards. Loopback only; stops the server when done.
#
#   bench/load.sh                       # 60 s, 64 connections, 2 wrk threads, 1 fit in 4 requests
#   DURATION=120s CONNECTIONS=64 FIT_EVERY=10 JAVA_OPTS=-Xmx1g bench/load.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
FIT_EVERY=${FIT_EVERY:-4}
WARMUP=${WARMUP:-15s}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
out=target/load
mkdir -p "$out"

command -v wrk >/dev/null || { echo "load: wrk is missing (apt-get install wrk)" >&2; exit 1; }
jar=$(ls target/gradfit-*.jar 2>/dev/null | head -1 || true)
if [[ -z $jar ]]; then
  ./mvnw -q -B -DskipTests package
  jar=$(ls target/gradfit-*.jar | head -1)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$jar" --server.port="$port" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "$base/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$base/actuator/health/readiness" >/dev/null || { echo "load: server did not start" >&2; exit 1; }

model=$(curl -fs -H 'Content-Type: application/json' \
  -d '{"x":[1,2,3,4,5],"y":[6,8,10,12,14],"learningRate":0.05,"epochs":2000}' "$base/api/v1/models" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
echo "load: server pid $server on $base ($JAVA_OPTS), model $model"
# Warm-up, not reported: the JIT compiles the hot paths, the model cache fills.
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -s bench/mixed.lua "$base" -- "$model" "$FIT_EVERY" >"$out/warmup.txt"
echo "load: machine load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/mixed.lua $base -- $model $FIT_EVERY"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/mixed.lua "$base" -- "$model" "$FIT_EVERY" \
  | tee "$out/wrk.txt"

curl -fs "$base/actuator/prometheus" >"$out/prometheus.txt"
python3 - "$out/prometheus.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def total(name, area):
    return sum(float(v) for v in re.findall(r'^%s\{area="%s"[^}]*\} (\S+)$' % (name, area), text, re.M))
used, committed = total("jvm_memory_used_bytes", "heap"), total("jvm_memory_committed_bytes", "heap")
models = re.search(r'^cache_size\{cache="models"\} (\S+)$', text, re.M)
evictions = re.search(r'^cache_evictions_total\{cache="models"\} (\S+)$', text, re.M)
fits = re.findall(r'^gradfit_fits_seconds_count\{outcome="(\w+)"\} (\S+)$', text, re.M)
print("load: heap after: used %.0f MiB, committed %.0f MiB" % (used / 2**20, committed / 2**20))
print("load: models kept %s, evicted %s; fits by outcome %s" % (
    models.group(1) if models else "?", evictions.group(1) if evictions else "?", dict(fits)))
PY
grep -q "non-2xx 0 " "$out/wrk.txt" || grep -qE "non-2xx ([0-9]+) \(of which deliberate 503: \1\)" "$out/wrk.txt" \
  || { echo "load: FAILED: answers other than 2xx and deliberate 503" >&2; exit 1; }
grep -qE "timeout 0$" "$out/wrk.txt" || { echo "load: FAILED: requests timed out (10 s)" >&2; exit 1; }
echo "load: passed"
