#!/usr/bin/env bash
# Times only the parsing of the fit bodies of bench/http-fit.sh: the same bytes, sent to gradfit with an
# epoch count above gradfit.fit.max-epochs, so that the server reads and parses the whole body, then
# answers 400 without fitting. Medians of RUNS after WARMUP.
#
#   bench/parse-only.sh [RUNS] [WARMUP] [SIZES...]     # defaults: 7 2 1e4 1e5 1e6
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-7}
warmup=${2:-2}
shift $(($# < 2 ? $# : 2))
sizes=("${@:-1e4 1e5 1e6}")
read -r -a sizes <<<"${sizes[*]}"

for n in "${sizes[@]}"; do need_data "$n"; done
start_server
printf '%-6s %12s %12s\n' n parse_s body_MB
for n in "${sizes[@]}"; do
  times=()
  for ((r = 0; r < warmup + runs; r++)); do
    read -r status seconds < <(post_fit "$BENCH_DATA/n$n.parse.json")
    [[ $status == 400 ]] || { say "parse-only request of n=$n answered $status"; exit 1; }
    ((r >= warmup)) && times+=("$seconds")
  done
  size=$(stat -c %s "$BENCH_DATA/n$n.parse.json")
  printf '%-6s %12.4f %12.1f\n' "$n" "$(printf '%s\n' "${times[@]}" | median)" "$(awk -v s="$size" 'BEGIN { print s / 1e6 }')"
done
