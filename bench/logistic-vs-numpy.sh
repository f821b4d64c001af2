#!/usr/bin/env bash
# One full-batch logistic-regression epoch (mean cross-entropy and its gradient) at n points, gradfit's
# chunked kernel on every core against the same epoch in numpy, alternating ROUNDS times so that both see
# the same load; prints each side's median and the ratio, in wall-clock seconds and in CPU seconds of each
# process (which other programs sharing the two cores disturb less). JMH's LogisticLossBenchmark measures the
# kernel alone in more detail (bench/jmh.sh LogisticLossBenchmark).
#
#   bench/logistic-vs-numpy.sh [N] [ROUNDS]           # defaults: 1e6 5
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n=${1:-1e6}
rounds=${2:-5}
need_numpy
say "compiling the benchmark classes"
(cd "$BENCH_ROOT" && ./mvnw -q -B -Pbenchmarks -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test) >&2
cp="$BENCH_ROOT/target/test-classes:$BENCH_ROOT/target/classes:$(cat "$BENCH_ROOT/target/jmh.classpath")"
java_times=() numpy_times=() java_cpus=() numpy_cpus=()
for ((r = 0; r < rounds; r++)); do
  line=$(java -Xmx2g -cp "$cp" dev.gradfit.bench.EpochTimer logistic-parallel "$n" 21)
  java_times+=("$(sed -n 's/.*median \([0-9.]*\) s.*/\1/p' <<<"$line")")
  java_cpus+=("$(sed -n 's/.*(cpu \([0-9.]*\) s).*/\1/p' <<<"$line")")
  line=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $PYTHON "$BENCH_ROOT/bench/numpy_logistic.py" "$n" 21)
  numpy_times+=("$(sed -n 's/.*median \([0-9.]*\) s.*/\1/p' <<<"$line")")
  numpy_cpus+=("$(sed -n 's/.*(cpu \([0-9.]*\) s).*/\1/p' <<<"$line")")
done
java_s=$(printf '%s\n' "${java_times[@]}" | median)
numpy_s=$(printf '%s\n' "${numpy_times[@]}" | median)
java_cpu=$(printf '%s\n' "${java_cpus[@]}" | median)
numpy_cpu=$(printf '%s\n' "${numpy_cpus[@]}" | median)
printf 'logistic epoch n=%s: wall clock gradfit %.4f s, numpy %.4f s, numpy/gradfit %.1f; CPU gradfit %.4f s, numpy %.4f s, numpy/gradfit %.1f (medians of %d rounds of 21 epochs; load average %s)\n' \
  "$n" "$java_s" "$numpy_s" "$(awk -v a="$numpy_s" -v b="$java_s" 'BEGIN { print a / b }')" \
  "$java_cpu" "$numpy_cpu" "$(awk -v a="$numpy_cpu" -v b="$java_cpu" 'BEGIN { print a / b }')" "$rounds" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
