#!/usr/bin/env bash
# The softmax and Poisson engines against numpy and scikit-learn, on the same data files
# (bench/numpy_engine2.py writes them once under target/bench/engine2-N/; x standard normal, 20 features,
# 5 classes).
#
# 1. Full-batch gradient descent, EPOCHS epochs from zero weights, at N points: gradfit through
#    Fitter.fit (GradientDescent; the epochs between the observer's calls for epoch 0 and the last, see
#    EngineTimer) against numpy's vectorised loop (X·Wᵀ, log-sum-exp, (P − Y)ᵀX / n; exp(Xβ), Xᵀ(μ − y) / n).
#    ROUNDS rounds, each running gradfit then numpy for softmax, then for Poisson; seconds per epoch,
#    medians over the rounds, and the ratio numpy / gradfit, in wall-clock and in CPU seconds.
# 2. Time to the optimum at N_OPT points with l2 = L2 (gradfit's l2·Σc²; scikit-learn's C = 1/(2·l2·n),
#    alpha = 2·l2): the exact minimiser's cost J* by Newton's method in numpy, then ROUNDS rounds of gradfit's
#    lbfgs (timed until the observer sees J within GAP of J*, relative) and scikit-learn's
#    LogisticRegression(multinomial, lbfgs) / PoissonRegressor(lbfgs) with the fewest max_iter whose answer is
#    within GAP; each side the median of 5 fits per round, then the median over rounds.
#
#   bench/engine2.sh [ROUNDS] [EPOCHS]     # defaults: 3 100; N=1e6 N_OPT=1e5 L2=1e-5 GAP=1e-8
#   PARTS=lbfgs bench/engine2.sh 5         # only part 2 (PARTS=gd: only part 1)
#   BENCH_NO_BUILD=1 bench/engine2.sh      # use the classes already in target/ (test-compile -Pbenchmarks)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds=${1:-3}
epochs=${2:-100}
n=${N:-1e6}
n_opt=${N_OPT:-1e5}
l2=${L2:-1e-5}
gap=${GAP:-1e-8}
parts=${PARTS:-gd,lbfgs}
need_numpy
if [[ -z ${BENCH_NO_BUILD:-} ]]; then
  say "compiling the benchmark classes"
  (cd "$BENCH_ROOT" && ./mvnw -q -B -Pbenchmarks -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test) >&2
fi
cp="$BENCH_ROOT/target/test-classes:$BENCH_ROOT/target/classes:$(cat "$BENCH_ROOT/target/jmh.classpath")"
py() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $PYTHON "$BENCH_ROOT/bench/numpy_engine2.py" "$@"; }
jv() { java -Xmx3g -cp "$cp" dev.gradfit.bench.EngineTimer "$@"; }
for size in "$n" "$n_opt"; do
  if [[ ! -f $BENCH_DATA/engine2-$size/shape ]]; then
    say "making the data, n = $size"
    mkdir -p "$BENCH_DATA/engine2-$size"
    py data "$size" 20 5 "$BENCH_DATA/engine2-$size"
  fi
done
field() { sed -n "s/.*$1.*/\\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
log=$BENCH_DATA/engine2.log
: >"$log"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. gradient descent, seconds per epoch
for loss in softmax poisson; do
  [[ $parts == *gd* ]] || break
  rate=$([[ $loss == softmax ]] && echo 0.5 || echo 0.1)
  jw=() jc=() nw=() nc=()
  for ((r = 0; r < rounds; r++)); do
    line=$(jv gd "$loss" "$BENCH_DATA/engine2-$n" "$epochs" "$rate" fitter); echo "$line" | tee -a "$log" >&2
    jw+=("$(field ': \([0-9.]*\) s\/epoch' "$line")") jc+=("$(field '(cpu \([0-9.]*\) s)' "$line")")
    line=$(py gd "$loss" "$BENCH_DATA/engine2-$n" "$epochs" "$rate"); echo "$line" | tee -a "$log" >&2
    nw+=("$(field ': \([0-9.]*\) s\/epoch' "$line")") nc+=("$(field '(cpu \([0-9.]*\) s)' "$line")")
  done
  g=$(printf '%s\n' "${jw[@]}" | median) p=$(printf '%s\n' "${nw[@]}" | median)
  gc=$(printf '%s\n' "${jc[@]}" | median) pc=$(printf '%s\n' "${nc[@]}" | median)
  printf '%s gd n=%s x 20%s, %d epochs: s/epoch gradfit %s, numpy %s, numpy/gradfit %s; CPU s/epoch gradfit %s, numpy %s, %s (medians of %d rounds; load %s)\n' \
    "$loss" "$n" "$([[ $loss == softmax ]] && echo ' x 5 classes')" "$epochs" "$g" "$p" "$(ratio "$p" "$g")" \
    "$gc" "$pc" "$(ratio "$pc" "$gc")" "$rounds" "$(cut -d' ' -f1-3 /proc/loadavg)"
done

# 2. time to the optimum
for loss in softmax poisson; do
  [[ $parts == *lbfgs* ]] || break
  line=$(py optimum "$loss" "$BENCH_DATA/engine2-$n_opt" "$l2"); echo "$line" | tee -a "$log" >&2
  best=$(field 'J\* = \([0-9.e+-]*\) ' "$line")
  gt=() st=() gc=() sc=()
  for ((r = 0; r < rounds; r++)); do
    line=$(jv lbfgs "$loss" "$BENCH_DATA/engine2-$n_opt" "$l2" "$best" "$gap" 1000 5); echo "$line" | tee -a "$log" >&2
    gt+=("$(field ': \([0-9.]*\) s (cpu' "$line")") gc+=("$(field '(cpu \([0-9.]*\) s)' "$line")")
    line=$(py sklearn "$loss" "$BENCH_DATA/engine2-$n_opt" "$l2" "$best" 1e-4 5 "$gap"); echo "$line" | tee -a "$log" >&2
    st+=("$(field ': \([0-9.]*\) s (cpu' "$line")") sc+=("$(field '(cpu \([0-9.]*\) s)' "$line")")
  done
  g=$(printf '%s\n' "${gt[@]}" | median) s=$(printf '%s\n' "${st[@]}" | median)
  gcpu=$(printf '%s\n' "${gc[@]}" | median) scpu=$(printf '%s\n' "${sc[@]}" | median)
  printf '%s lbfgs n=%s x 20, l2=%s: seconds to a relative gap of %s: gradfit %s, scikit-learn %s, scikit-learn/gradfit %s; CPU s gradfit %s, scikit-learn %s, %s (medians of %d rounds; load %s)\n' \
    "$loss" "$n_opt" "$l2" "$gap" "$g" "$s" "$(ratio "$s" "$g")" "$gcpu" "$scpu" "$(ratio "$scpu" "$gcpu")" "$rounds" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
done
say "every line: $log"
