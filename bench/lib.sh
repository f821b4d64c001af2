# Helpers for the HTTP benchmarks: build the jar, start and stop a server on loopback, time requests.
# Sourced by the bench/*.sh scripts; every server they start is stopped when the script exits.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DATA=$BENCH_ROOT/target/bench
BENCH_PORT=${BENCH_PORT:-18080}
# 512m, as the earlier runs in BENCHMARKS.md; a 1e6-point JSON fit needs only -Xmx128m now ("Memory").
BENCH_HEAP=${BENCH_HEAP:-512m}
PYTHON=/usr/bin/python3
mkdir -p "$BENCH_DATA"

say() { echo "bench: $*" >&2; }

# curl sends "Expect: 100-continue" with a body over 1 MB and waits for the server's 100 before sending
# it; Tomcat's handling of that exchange on loopback cost 0 to 100 ms a request here, whatever the
# application (bench/TomcatFloor.java alike), while clients such as Python's requests never send it. The
# large bodies are therefore sent without it; BENCH_EXPECT=100-continue sends it again.
EXPECT_HEADER="Expect: ${BENCH_EXPECT:-}"

# Debian's numpy for /usr/bin/python3, installed if missing.
need_numpy() {
  if ! $PYTHON -c 'import numpy' 2>/dev/null; then
    say "installing Debian's python3-numpy"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null
  fi
}

# Builds the jar unless it is newer than every source file; BENCH_JAR names another jar to run instead.
need_jar() {
  if [[ -n ${BENCH_JAR:-} ]]; then JAR=$BENCH_JAR; return 0; fi
  JAR=$(ls "$BENCH_ROOT"/target/gradfit-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [[ -z $JAR ]] || [[ -n $(find "$BENCH_ROOT/src/main" "$BENCH_ROOT/pom.xml" -newer "$JAR" -print -quit) ]]; then
    say "building the jar"
    (cd "$BENCH_ROOT" && ./mvnw -q -B -DskipTests package) >&2
    JAR=$(ls "$BENCH_ROOT"/target/gradfit-*.jar | grep -v original | head -1)
  fi
}

# The data set of N points (make_data.py), made once.
need_data() {
  local n=$1
  if [[ ! -f $BENCH_DATA/n$n.json ]]; then
    need_numpy
    say "making $n points"
    $PYTHON "$BENCH_ROOT/bench/make_data.py" "$n" "$BENCH_DATA/n$n" 1000
  fi
}

# Starts gradfit with -Xmx$BENCH_HEAP on loopback and waits until it is healthy.
start_server() {
  need_jar
  say "starting gradfit with -Xmx$BENCH_HEAP on 127.0.0.1:$BENCH_PORT"
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
  java -Xmx"$BENCH_HEAP" ${BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$BENCH_PORT" --server.address=127.0.0.1 \
    --logging.level.root=WARN "$@" >"$BENCH_DATA/server.log" 2>&1 &
  SERVER_PID=$!
  trap stop_server EXIT
  for _ in $(seq 120); do
    if curl -sf "http://127.0.0.1:$BENCH_PORT/actuator/health" >/dev/null; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$BENCH_DATA/server.log" >&2; return 1; }
    sleep 1
  done
  say "gradfit did not start"; return 1
}

stop_server() {
  if [[ -n ${SERVER_PID:-} ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

# POSTs FILE to the fit endpoint; prints "STATUS SECONDS" (curl's total time: upload, server, download).
post_fit() {
  curl -s -o "$BENCH_DATA/last-response.json" -w '%{http_code} %{time_total}\n' \
    -H "$EXPECT_HEADER" -H 'Content-Type: application/json' --data-binary @"$1" "http://127.0.0.1:$BENCH_PORT/api/v1/models"
}

# Median of the numbers on standard input.
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# CPU seconds (user + system) the server process has used so far.
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$SERVER_PID/stat"
}
