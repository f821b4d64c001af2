#!/usr/bin/env bash
# Where the time goes: records a JFR file (execution samples) while gradfit fits 1e6 points FITS times,
# then while wrk sends single-value predictions for DURATION, and prints the hottest frames (top of stack)
# and the hottest methods anywhere on the stack of each phase.
#
#   bench/profile.sh [FITS] [DURATION]              # defaults: 10 30s
#   BENCH_JAR=/tmp/base/target/gradfit-0.1.0-SNAPSHOT.jar bench/profile.sh   # another build
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
fits=${1:-10}
duration=${2:-30s}
JFR_BIN=${JFR_BIN:-$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr 2>/dev/null || command -v jfr)}
need_data 1e6
out=$BENCH_DATA/profile
mkdir -p "$out"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:StartFlightRecording=settings=profile,filename=$out/all.jfr"
start_server
jcmd_dump() { jcmd "$SERVER_PID" JFR.dump name=1 filename="$1" >/dev/null; }
for _ in 1 2 3; do post_fit "$BENCH_DATA/n1e6.json" >/dev/null; done
jcmd "$SERVER_PID" JFR.stop name=1 >/dev/null
jcmd "$SERVER_PID" JFR.start name=fit settings=profile >/dev/null
for ((r = 0; r < fits; r++)); do post_fit "$BENCH_DATA/n1e6.json" >/dev/null; done
jcmd "$SERVER_PID" JFR.stop name=fit filename="$out/fit.jfr" >/dev/null
location=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05, "epochs": 2000}' \
  "http://127.0.0.1:$BENCH_PORT/api/v1/models" | tr -d '\r' | sed -n 's/^Location: //Ip')
export MODEL_PATH=$location
wrk -t2 -c64 -d"$duration" -s "$BENCH_ROOT/bench/predict.lua" "http://127.0.0.1:$BENCH_PORT" >/dev/null
jcmd "$SERVER_PID" JFR.start name=predict settings=profile >/dev/null
wrk -t2 -c64 -d"$duration" -s "$BENCH_ROOT/bench/predict.lua" "http://127.0.0.1:$BENCH_PORT" | grep Requests/sec >&2
jcmd "$SERVER_PID" JFR.stop name=predict filename="$out/predict.jfr" >/dev/null
for phase in fit predict; do
  echo "== $phase: top frames"
  "$JFR_BIN" view --width 160 hot-methods "$out/$phase.jfr" | head -40
  echo "== $phase: samples by thread"
  "$JFR_BIN" print --events jdk.ExecutionSample "$out/$phase.jfr" | grep -o 'sampledThread = "[^"]*' | sed 's/-[0-9]*$//' | sort | uniq -c | sort -rn | head
done
