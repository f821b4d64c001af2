#!/usr/bin/env bash
# The edges of a fit, side by side in one run: the same 1e6-point body (bench/make_data.py, 1000 epochs)
# POSTed to bench/DiscardServer.java (reads and drops the body, 204: the floor any server pays), to
# gradfit refusing it after parsing (parse-only) and to gradfit fitting it; with BASE_JAR set, the same
# two requests to that build too. Then a 1e6-row prediction against its discard time. Rounds interleave
# every request so that all see the same load; prints medians of ROUNDS and the ratios to discard.
#
#   bench/edges.sh [ROUNDS]                                     # default 9
#   BASE_JAR=/tmp/base/target/gradfit-0.1.0-SNAPSHOT.jar bench/edges.sh
set -euo pipefail
BENCH_HEAP=${BENCH_HEAP:-1g} # a 1e6-point body needs more than -Xmx256m lets one request hold
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds=${1:-9}
need_data 1e6
need_jar
DISCARD_PORT=$((BENCH_PORT + 2))
BASE_PORT=$((BENCH_PORT + 1))
PIDS=()
declare -A PID_OF
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

launch() { # JAR PORT LOG
  java -Xmx"$BENCH_HEAP" -jar "$1" --server.port="$2" --server.address=127.0.0.1 --logging.level.root=WARN \
    >"$BENCH_DATA/$3" 2>&1 &
  PIDS+=($!)
  PID_OF[$2]=$!
}
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/${PID_OF[$1]}/stat"; }
wait_up() { # URL
  for _ in $(seq 180); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  say "$1 did not come up"; exit 1
}
post() { # PORT PATH FILE -> "STATUS SECONDS"
  curl -s -o "$BENCH_DATA/last-response.json" -w '%{http_code} %{time_total}\n' \
    -H "$EXPECT_HEADER" -H 'Content-Type: application/json' --data-binary @"$3" "http://127.0.0.1:$1$2"
}

java "$BENCH_ROOT/bench/DiscardServer.java" "$DISCARD_PORT" >"$BENCH_DATA/discard.log" 2>&1 &
PIDS+=($!)
PID_OF[$DISCARD_PORT]=$!
launch "$JAR" "$BENCH_PORT" server.log
[[ -n ${BASE_JAR:-} ]] && launch "$BASE_JAR" "$BASE_PORT" base.log
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$DISCARD_PORT/" && break; sleep 1; done
wait_up "http://127.0.0.1:$BENCH_PORT/actuator/health"
[[ -n ${BASE_JAR:-} ]] && wait_up "http://127.0.0.1:$BASE_PORT/actuator/health"

# A model to predict with, and a body of 1e6 rows for it: the x of the fit body.
model=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05, "epochs": 2000}' \
  "http://127.0.0.1:$BENCH_PORT/api/v1/models" | tr -d '\r' | sed -n 's/^Location: //Ip')
predict_body=$BENCH_DATA/predict-n1e6.json
[[ -f $predict_body ]] || sed 's/,"y":.*$/}/' "$BENCH_DATA/n1e6.json" >"$predict_body"

declare -A times cpus
run() { # NAME PORT PATH FILE EXPECTED_STATUS
  local status seconds before
  before=$(cpu_of "$2")
  read -r status seconds < <(post "$2" "$3" "$4")
  [[ $status == "$5" ]] || { say "$1 answered $status, not $5"; head -c 600 "$BENCH_DATA/last-response.json" >&2; exit 1; }
  times[$1]+="$seconds "
  cpus[$1]+="$(awk -v a="$(cpu_of "$2")" -v b="$before" 'BEGIN { print a - b }') "
}
for ((r = -2; r < rounds; r++)); do # two rounds of warm-up
  run discard "$DISCARD_PORT" / "$BENCH_DATA/n1e6.json" 204
  run parse "$BENCH_PORT" /api/v1/models "$BENCH_DATA/n1e6.parse.json" 400
  run fit "$BENCH_PORT" /api/v1/models "$BENCH_DATA/n1e6.json" 201
  run discard_predict "$DISCARD_PORT" / "$predict_body" 204
  run predict_1e6 "$BENCH_PORT" "$model/predictions" "$predict_body" 200
  if [[ -n ${BASE_JAR:-} ]]; then
    run base_parse "$BASE_PORT" /api/v1/models "$BENCH_DATA/n1e6.parse.json" 400
    run base_fit "$BASE_PORT" /api/v1/models "$BENCH_DATA/n1e6.json" 201
  fi
  if ((r < 0)); then times=() cpus=(); fi
done
med() { tr ' ' '\n' <<<"${times[$1]}" | grep . | median; }
medcpu() { tr ' ' '\n' <<<"${cpus[$1]}" | grep . | median; }
line() { # NAME FLOOR FLOOR_CPU
  local m c
  m=$(med "$1") c=$(medcpu "$1")
  printf '%-16s %10.4f %10.2f %10.3f %10.2f\n' "$1" "$m" "$(awk -v a="$m" -v b="$2" 'BEGIN { print a / b }')" \
    "$c" "$(awk -v a="$c" -v b="$3" 'BEGIN { print (b > 0 ? a / b : 0) }')"
}
printf '%-16s %10s %10s %10s %10s\n' request median_s x_discard cpu_s cpu_x_disc
for name in discard parse fit base_parse base_fit; do
  [[ -n ${times[$name]:-} ]] && line "$name" "$(med discard)" "$(medcpu discard)"
done
for name in discard_predict predict_1e6; do line "$name" "$(med discard_predict)" "$(medcpu discard_predict)"; done
say "body $(stat -c %s "$BENCH_DATA/n1e6.json") bytes, prediction body $(stat -c %s "$predict_body") bytes; $rounds rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
