#!/usr/bin/env bash
# An Arrow fit against the floor of its own upload: the make_data.py points (y = 3 + 2x + noise, seed 42)
# as an Arrow IPC stream of two float64 columns in batches of 65536 rows, POSTed to gradfit (a fit of
# 1000 epochs) and, in the same rounds, to bench/DiscardServer.java, which only reads the body. Prints the
# medians over RUNS after 3 warm-up rounds, and their ratios. read_s is the same body with an epoch count
# above gradfit.fit.max-epochs: gradfit reads the whole stream into its arrays, then answers 400 without
# fitting (the cost of reading alone, as bench/parse-only.sh measures it for JSON).
#
#   bench/arrow-fit.sh [RUNS] [SIZES...]            # defaults: 7 1e6
#   BENCH_HEAP=512m ARROW_SERVER_ARGS="--gradfit.http.max-body-size=200MB
#     --gradfit.http.max-in-flight-bytes=480MB" bench/arrow-fit.sh 3 1e7
set -euo pipefail
BENCH_HEAP=${BENCH_HEAP:-256m} # an Arrow body of 1e6 points fits the budget of -Xmx256m
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-7}
shift $(($# < 1 ? $# : 1))
sizes=("${@:-1e6}")
read -r -a sizes <<<"${sizes[*]}"
ARROW=application/vnd.apache.arrow.stream
DISCARD_PORT=$((BENCH_PORT + 1))

# The Arrow classpath of the project, once.
need_classpath() {
  if [[ ! -s $BENCH_DATA/classpath.txt ]]; then
    (cd "$BENCH_ROOT" && ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$BENCH_DATA/classpath.txt") >&2
  fi
}

# The stream of N points, made once: make_data.py's numbers, written by Arrow Java.
need_arrow() {
  local n=$1 file=$BENCH_DATA/n$1.arrows
  [[ -f $file ]] && return 0
  need_numpy
  need_classpath
  say "making $n points as an Arrow stream"
  $PYTHON - "$n" "$BENCH_DATA/n$n" <<'PY'
import sys
import numpy as np
n, prefix = int(float(sys.argv[1])), sys.argv[2]
rng = np.random.default_rng(42)  # as bench/make_data.py draws them
x = rng.uniform(0.0, 10.0, n)
y = 3.0 + 2.0 * x + rng.normal(0.0, 1.0, n)
x.astype("<f8").tofile(prefix + ".x.f64")
y.astype("<f8").tofile(prefix + ".y.f64")
PY
  java -cp "$(cat "$BENCH_DATA/classpath.txt")" --add-opens=java.base/java.nio=ALL-UNNAMED \
    "$BENCH_ROOT/bench/ArrowStreamFile.java" "$BENCH_DATA/n$n.x.f64" "$BENCH_DATA/n$n.y.f64" "$file"
  rm -f "$BENCH_DATA/n$n.x.f64" "$BENCH_DATA/n$n.y.f64"
}

post_arrow() { # URL FILE -> "STATUS SECONDS"
  curl -s -o "$BENCH_DATA/last-response.json" -w '%{http_code} %{time_total}\n' \
    -H "$EXPECT_HEADER" -H "Content-Type: $ARROW" --data-binary @"$2" "$1"
}

for n in "${sizes[@]}"; do need_arrow "$n"; done
java "$BENCH_ROOT/bench/DiscardServer.java" "$DISCARD_PORT" >"$BENCH_DATA/discard.log" 2>&1 &
DISCARD_PID=$!
# shellcheck disable=SC2086 # several settings
start_server ${ARROW_SERVER_ARGS:-}
trap 'stop_server; kill $DISCARD_PID 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -s -o /dev/null -X POST "http://127.0.0.1:$DISCARD_PORT/" && break; sleep 0.5; done

printf '%-6s %8s %12s %10s %10s %12s %12s\n' n body_MB arrow_fit_s read_s discard_s fit/discard read/discard
for n in "${sizes[@]}"; do
  file=$BENCH_DATA/n$n.arrows
  fits=() reads=() discards=()
  for ((r = 0; r < 3 + runs; r++)); do
    read -r status seconds < <(post_arrow "http://127.0.0.1:$BENCH_PORT/api/v1/models" "$file")
    [[ $status == 201 ]] || { say "Arrow fit of n=$n answered $status: $(head -c 400 "$BENCH_DATA/last-response.json")"; exit 1; }
    ((r >= 3)) && fits+=("$seconds")
    cp "$BENCH_DATA/last-response.json" "$BENCH_DATA/arrow-fit-n$n.json"
    read -r status seconds < <(post_arrow "http://127.0.0.1:$BENCH_PORT/api/v1/models?options=%7B%22epochs%22%3A2000000000%7D" "$file")
    [[ $status == 400 ]] || { say "read-only request of n=$n answered $status"; exit 1; }
    ((r >= 3)) && reads+=("$seconds")
    read -r status seconds < <(post_arrow "http://127.0.0.1:$DISCARD_PORT/" "$file")
    [[ $status == 204 ]] || { say "discard server answered $status"; exit 1; }
    ((r >= 3)) && discards+=("$seconds")
  done
  fit=$(printf '%s\n' "${fits[@]}" | median)
  discard=$(printf '%s\n' "${discards[@]}" | median)
  readonly_s=$(printf '%s\n' "${reads[@]}" | median)
  printf '%-6s %8.1f %12.4f %10.4f %10.4f %12.2f %12.2f\n' "$n" \
    "$(awk -v s="$(stat -c %s "$file")" 'BEGIN { print s / 1e6 }')" "$fit" "$readonly_s" "$discard" \
    "$(awk -v a="$fit" -v b="$discard" 'BEGIN { print a / b }')" "$(awk -v a="$readonly_s" -v b="$discard" 'BEGIN { print a / b }')"
done
say "last Arrow fit's weights: $(sed -n 's/.*"weights":\({[^}]*}\).*/\1/p' "$BENCH_DATA/arrow-fit-n${sizes[-1]}.json")"
