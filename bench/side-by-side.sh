#!/usr/bin/env bash
# gradfit against the tutorial's loop written with numpy (Debian's python3-numpy), on the same data and
# the same 1000 epochs, side by side in one run: each round runs numpy once, then one gradfit fit over
# HTTP and one parse-only request (bench/parse-only.sh explains it), so that all three see the same load.
# Prints the medians over ROUNDS, the ratios, and both answers (they must agree). Wall-clock times
# depend on what else shares the two cores, so the CPU seconds are printed too: numpy's process time,
# and the CPU seconds the gradfit server spent on each request (all its threads, GC included).
#
#   bench/side-by-side.sh [ROUNDS] [SIZES...]         # defaults: 5 1e4 1e5 1e6
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds=${1:-5}
shift $(($# < 1 ? $# : 1))
sizes=("${@:-1e4 1e5 1e6}")
read -r -a sizes <<<"${sizes[*]}"

need_numpy
for n in "${sizes[@]}"; do need_data "$n"; done
start_server
# numpy as the tutorial runs it; the OpenBLAS overrides of this machine only slow numpy down.
numpy() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $PYTHON "$BENCH_ROOT/bench/numpy_tutorial.py" "$@"; }

printf '%-6s %10s %10s %10s %10s %10s %10s %10s %10s\n' n numpy_s fit_s parse_s numpy/fit fit/parse \
  numpy_cpu fit_cpu parse_cpu
for n in "${sizes[@]}"; do
  for _ in 1 2; do post_fit "$BENCH_DATA/n$n.json" >/dev/null; post_fit "$BENCH_DATA/n$n.parse.json" >/dev/null; done
  numpy_times=() fit_times=() parse_times=() numpy_cpus=() fit_cpus=() parse_cpus=()
  for ((r = 0; r < rounds; r++)); do
    line=$(numpy "$BENCH_DATA/n$n.npz" 1000 1)
    numpy_times+=("$(sed -n 's/.*median \([0-9.]*\) s.*/\1/p' <<<"$line")")
    numpy_cpus+=("$(sed -n 's/.*(cpu \([0-9.]*\) s).*/\1/p' <<<"$line")")
    cpu=$(server_cpu)
    read -r status seconds < <(post_fit "$BENCH_DATA/n$n.json")
    [[ $status == 201 ]] || { say "fit of n=$n answered $status"; exit 1; }
    fit_times+=("$seconds")
    fit_cpus+=("$(awk -v a="$(server_cpu)" -v b="$cpu" 'BEGIN { print a - b }')")
    cp "$BENCH_DATA/last-response.json" "$BENCH_DATA/fit-n$n.json"
    cpu=$(server_cpu)
    read -r status seconds < <(post_fit "$BENCH_DATA/n$n.parse.json")
    [[ $status == 400 ]] || { say "parse-only request of n=$n answered $status"; exit 1; }
    parse_times+=("$seconds")
    parse_cpus+=("$(awk -v a="$(server_cpu)" -v b="$cpu" 'BEGIN { print a - b }')")
  done
  numpy_s=$(printf '%s\n' "${numpy_times[@]}" | median)
  fit_s=$(printf '%s\n' "${fit_times[@]}" | median)
  parse_s=$(printf '%s\n' "${parse_times[@]}" | median)
  printf '%-6s %10.4f %10.4f %10.4f %10.1f %10.2f %10.4f %10.4f %10.4f\n' "$n" "$numpy_s" "$fit_s" "$parse_s" \
    "$(awk -v a="$numpy_s" -v b="$fit_s" 'BEGIN { print a / b }')" \
    "$(awk -v a="$fit_s" -v b="$parse_s" 'BEGIN { print a / b }')" \
    "$(printf '%s\n' "${numpy_cpus[@]}" | median)" "$(printf '%s\n' "${fit_cpus[@]}" | median)" \
    "$(printf '%s\n' "${parse_cpus[@]}" | median)"
  say "numpy:   ${line#*; }; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  say "gradfit: $($PYTHON -c 'import json,sys; w=json.load(open(sys.argv[1]))["weights"]; print("intercept %.17g slope %.17g" % (w["intercept"], w["coefficients"][0]))' "$BENCH_DATA/fit-n$n.json")"
done
