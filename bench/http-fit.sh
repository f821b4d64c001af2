#!/usr/bin/env bash
# Fit latency over HTTP on loopback: the tutorial's defaults (1000 epochs) on n = 1e4, 1e5, 1e6 points,
# with gradfit at -Xmx256m; next to each, the time to send the same body and have it parsed and refused
# before any fitting (epochs above gradfit.fit.max-epochs: 400 once the body is read), so that the ratio
# fit / parse is known. Requests alternate fit and parse; medians of RUNS each after WARMUP of each, in
# wall-clock seconds and in CPU seconds of the server process (all its threads, GC included), which
# other programs on the machine disturb less.
#
#   bench/http-fit.sh [RUNS] [WARMUP] [SIZES...]      # defaults: 7 2 1e4 1e5 1e6
#   BENCH_HEAP=1g bench/http-fit.sh                    # another heap
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-7}
warmup=${2:-2}
shift $(($# < 2 ? $# : 2))
sizes=("${@:-1e4 1e5 1e6}")
read -r -a sizes <<<"${sizes[*]}"

for n in "${sizes[@]}"; do need_data "$n"; done
start_server
printf '%-6s %10s %10s %10s %10s %10s %10s\n' n fit_s parse_s fit/parse fit_cpu parse_cpu cpu_ratio
for n in "${sizes[@]}"; do
  fit_times=() parse_times=() fit_cpus=() parse_cpus=()
  for ((r = 0; r < warmup + runs; r++)); do
    cpu=$(server_cpu)
    read -r status seconds < <(post_fit "$BENCH_DATA/n$n.json")
    [[ $status == 201 ]] || { say "fit of n=$n answered $status"; cat "$BENCH_DATA/last-response.json" >&2; exit 1; }
    if ((r >= warmup)); then
      fit_times+=("$seconds")
      fit_cpus+=("$(awk -v a="$(server_cpu)" -v b="$cpu" 'BEGIN { print a - b }')")
    fi
    cpu=$(server_cpu)
    read -r status seconds < <(post_fit "$BENCH_DATA/n$n.parse.json")
    [[ $status == 400 ]] || { say "parse-only request of n=$n answered $status"; exit 1; }
    if ((r >= warmup)); then
      parse_times+=("$seconds")
      parse_cpus+=("$(awk -v a="$(server_cpu)" -v b="$cpu" 'BEGIN { print a - b }')")
    fi
  done
  fit=$(printf '%s\n' "${fit_times[@]}" | median)
  parse=$(printf '%s\n' "${parse_times[@]}" | median)
  fit_cpu=$(printf '%s\n' "${fit_cpus[@]}" | median)
  parse_cpu=$(printf '%s\n' "${parse_cpus[@]}" | median)
  printf '%-6s %10.4f %10.4f %10.2f %10.4f %10.4f %10.2f\n' "$n" "$fit" "$parse" \
    "$(awk -v a="$fit" -v b="$parse" 'BEGIN { print a / b }')" "$fit_cpu" "$parse_cpu" \
    "$(awk -v a="$fit_cpu" -v b="$parse_cpu" 'BEGIN { print (b > 0 ? a / b : 0) }')"
done
say "load average $(cut -d' ' -f1-3 /proc/loadavg)"
