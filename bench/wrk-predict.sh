#!/usr/bin/env bash
# Single-value predictions per second on loopback: wrk with 64 connections (2 threads) against one
# fitted model, RUNS runs of DURATION after 30 s of warm-up; prints each run's requests/s and the median.
# Also prints requests per CPU-second of the server process, which says what the server costs when other
# programs (wrk itself, other builds) share the two cores. Installs Debian's wrk if missing.
#
#   bench/wrk-predict.sh [RUNS] [DURATION]            # defaults: 5 10s
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-5}
duration=${2:-10s}
if ! command -v wrk >/dev/null; then
  say "installing Debian's wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
start_server
location=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05, "epochs": 2000}' \
  "http://127.0.0.1:$BENCH_PORT/api/v1/models" | tr -d '\r' | sed -n 's/^Location: //Ip')
[[ -n $location ]] || { say "the fit gave no Location"; exit 1; }
say "predicting with $location"
export MODEL_PATH=$location
url="http://127.0.0.1:$BENCH_PORT"
wrk -t2 -c64 -d30s -s "$BENCH_ROOT/bench/predict.lua" "$url" >/dev/null
rates=() per_cpu=()
for ((r = 0; r < runs; r++)); do
  cpu_before=$(server_cpu)
  out=$(wrk -t2 -c64 -d"$duration" --latency -s "$BENCH_ROOT/bench/predict.lua" "$url")
  cpu=$(awk -v a="$(server_cpu)" -v b="$cpu_before" 'BEGIN { print a - b }')
  if grep -q 'Non-2xx' <<<"$out"; then say "some predictions failed:"; echo "$out" >&2; exit 1; fi
  rate=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  per=$(awk -v r="$requests" -v c="$cpu" 'BEGIN { print r / c }')
  say "run $((r + 1)): $rate requests/s, p99 latency $p99, server CPU ${cpu}s, $per requests per server CPU-second"
  rates+=("$rate")
  per_cpu+=("$per")
done
printf 'single-value predictions, 64 connections, loopback: median %.0f requests/s, %.0f requests per server CPU-second (%d runs of %s; load average %s)\n' \
  "$(printf '%s\n' "${rates[@]}" | median)" "$(printf '%s\n' "${per_cpu[@]}" | median)" "$runs" "$duration" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
