#!/usr/bin/env bash
# The smallest heap that fits n points: starts gradfit with each -Xmx in turn and sends the 1000-epoch
# fit of bench/http-fit.sh three times; prints the answers (201 = fitted) and, from the GC log, the
# largest heap occupancy seen before a collection.
#
#   bench/min-heap.sh [N] [HEAPS...]                  # defaults: 1e6 256m 128m 96m 64m
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n=${1:-1e6}
shift $(($# < 1 ? $# : 1))
heaps=("${@:-256m 128m 96m 64m}")
read -r -a heaps <<<"${heaps[*]}"
need_data "$n"
for heap in "${heaps[@]}"; do
  BENCH_HEAP=$heap BENCH_JAVA_OPTS="-Xlog:gc:file=$BENCH_DATA/gc-$heap.log" start_server
  statuses=()
  for _ in 1 2 3; do
    read -r status _ < <(post_fit "$BENCH_DATA/n$n.json" || echo "000 0")
    statuses+=("$status")
  done
  stop_server
  # G1 logs "Pause Young ... 150M->20M(256M)": the number before the arrow is the occupancy at the pause.
  peak=$(sed -n 's/.* \([0-9]*\)M->[0-9]*M(.*/\1/p' "$BENCH_DATA/gc-$heap.log" | sort -n | tail -1)
  printf 'n=%s -Xmx%s: answers %s; largest heap occupancy at a GC %sM\n' "$n" "$heap" "${statuses[*]}" "${peak:-?}"
done
