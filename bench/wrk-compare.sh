#!/usr/bin/env bash
# Single-value predictions of this build against another (BASE_JAR), side by side in one run: both
# servers up at once, the same model, warmed for the same time, then RUNS alternating wrk runs of
# DURATION each (wrk -t2 -c64, bench/predict.lua). Prints each run and the medians of requests/s, p99
# latency and requests per server CPU-second, and the ratio of this build to the base. NEW_ARGS and
# BASE_ARGS are extra arguments for either server; with BASE_ARGS alone the base is this build too.
# BASE=tomcat compares with bench/TomcatFloor.java instead: gradfit's Tomcat with one servlet and no work.
#
#   BASE_JAR=/tmp/base/target/gradfit-0.1.0-SNAPSHOT.jar bench/wrk-compare.sh [RUNS] [DURATION] [WARMUP]
#   BASE_ARGS=--gradfit.http.fast-predictions=false bench/wrk-compare.sh
#   BASE=tomcat bench/wrk-compare.sh
#   defaults: 5 10s 60s (warm-up per server, in slices that alternate)
set -euo pipefail
BENCH_HEAP=${BENCH_HEAP:-512m}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-5}
duration=${2:-10s}
warmup=${3:-60s}
[[ -n ${BASE_JAR:-}${BASE_ARGS:-}${BASE:-} ]] || { say "set BASE_JAR to the jar to compare with, BASE_ARGS or BASE"; exit 1; }
need_jar
declare -A PID_OF URL_OF
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
start() { # NAME JAR PORT [ARGS...]
  # shellcheck disable=SC2086 # the ARGS are several words
  java -Xmx"$BENCH_HEAP" -jar "$2" --server.port="$3" --server.address=127.0.0.1 --logging.level.root=WARN ${4:-} \
    >"$BENCH_DATA/$1.log" 2>&1 &
  PIDS+=($!)
  PID_OF[$1]=$!
  URL_OF[$1]="http://127.0.0.1:$3"
}
start new "$JAR" "$BENCH_PORT" "${NEW_ARGS:-}"
if [[ ${BASE:-} == tomcat ]]; then
  lib=$BENCH_DATA/tomcat
  rm -rf "$lib" && mkdir -p "$lib"
  (cd "$lib" && unzip -q -j "$JAR" 'BOOT-INF/lib/tomcat-embed-*')
  java -Xmx"$BENCH_HEAP" -cp "$lib/*" "$BENCH_ROOT/bench/TomcatFloor.java" $((BENCH_PORT + 1)) >"$BENCH_DATA/base.log" 2>&1 &
  PIDS+=($!)
  PID_OF[base]=$!
  URL_OF[base]="http://127.0.0.1:$((BENCH_PORT + 1))"
else
  start base "${BASE_JAR:-$JAR}" $((BENCH_PORT + 1)) "${BASE_ARGS:-}"
fi
declare -A MODEL_OF
for name in new base; do
  for _ in $(seq 180); do curl -sf -o /dev/null "${URL_OF[$name]}/actuator/health" && break; sleep 1; done
  MODEL_OF[$name]=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05, "epochs": 2000}' \
    "${URL_OF[$name]}/api/v1/models" | tr -d '\r' | sed -n 's/^Location: //Ip')
  [[ -n ${MODEL_OF[$name]} ]] || { say "$name gave no model"; exit 1; }
done
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/${PID_OF[$1]}/stat"; }
wrk_run() { # NAME DURATION
  MODEL_PATH=${MODEL_OF[$1]} wrk -t2 -c64 -d"$2" --latency -s "$BENCH_ROOT/bench/predict.lua" "${URL_OF[$1]}"
}
secs=${warmup%s}
for _ in 1 2 3; do for name in new base; do wrk_run "$name" "$((secs / 3))s" >/dev/null; done; done
declare -A rates p99s pers
for ((r = 0; r < runs; r++)); do
  for name in new base; do
    before=$(cpu_of "$name")
    out=$(wrk_run "$name" "$duration")
    cpu=$(awk -v a="$(cpu_of "$name")" -v b="$before" 'BEGIN { print a - b }')
    if grep -q 'Non-2xx' <<<"$out"; then say "$name: some predictions failed"; echo "$out" >&2; exit 1; fi
    rate=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; print v }' <<<"$out")
    per=$(awk -v n="$(awk '/requests in/ { print $1 }' <<<"$out")" -v c="$cpu" 'BEGIN { print n / c }')
    say "run $((r + 1)) $name: $rate requests/s, p99 ${p99} ms, $per requests per server CPU-second"
    rates[$name]+="$rate " p99s[$name]+="$p99 " pers[$name]+="$per "
  done
done
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
printf '%-6s %14s %10s %16s\n' build requests/s p99_ms per_cpu_second
for name in new base; do
  printf '%-6s %14.0f %10.2f %16.0f\n' "$name" "$(med "${rates[$name]}")" "$(med "${p99s[$name]}")" "$(med "${pers[$name]}")"
done
printf 'new / base: %.2f x requests/s, %.2f x requests per CPU-second (load average %s)\n' \
  "$(awk -v a="$(med "${rates[new]}")" -v b="$(med "${rates[base]}")" 'BEGIN { print a / b }')" \
  "$(awk -v a="$(med "${pers[new]}")" -v b="$(med "${pers[base]}")" 'BEGIN { print a / b }')" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
