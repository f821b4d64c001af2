#!/usr/bin/env bash
# Scale-out figures, side by side in one run, on loopback:
#   1. single-value predictions (wrk -t2 -c64): straight to one replica on the memory store, straight
#      to one replica on the Redis store (its near cache answers), and through nginx to the two Redis
#      replicas, alternating, RUNS rounds of DURATION each after WARMUP of each;
#   2. a fit's 201 latency with the Redis store and with the memory store at 1e3 and 1e6 points
#      (medians of RUNS, alternating);
#   3. jobs per second: 1000 small jobs submitted at once to the Redis replicas (two workers, one each)
#      and to the memory replica (one worker), from the first submission to the last SUCCEEDED.
#
#   bench/scale.sh [RUNS] [DURATION] [WARMUP]        # defaults: 3 10s 60s
#
# Needs Docker (for redis:7 and nginx:1.27; run `source <(../shared/ci/docker-engine.sh)` first on a
# machine without a registry) and installs Debian's wrk if missing. Every service runs on the host's
# network on a free port; all of it is stopped at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-3}
duration=${2:-10s}
warmup=${3:-60s}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
need_jar
need_data 1e3
need_data 1e6
free() { $PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
redis_port=$(free) port_a=$(free) port_b=$(free) port_m=$(free) nginx_port=$(free)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  docker rm -f gradfit-bench-redis gradfit-bench-nginx >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker run -d --rm --network host --name gradfit-bench-redis redis:7 \
  redis-server --protected-mode no --port "$redis_port" >/dev/null
sed -e "s/server gradfit-a:8080/server 127.0.0.1:$port_a/" -e "s/server gradfit-b:8080/server 127.0.0.1:$port_b/" \
    -e "s/listen 8080;/listen $nginx_port;/" "$BENCH_ROOT/deploy/nginx.conf" >"$BENCH_DATA/nginx.conf"
docker run -d --rm --network host --name gradfit-bench-nginx \
  -v "$BENCH_DATA/nginx.conf:/etc/nginx/conf.d/default.conf:ro" nginx:1.27 >/dev/null

replica() {
  local port=$1; shift
  java -Xmx1g -jar "$JAR" --server.port="$port" --server.address=127.0.0.1 --logging.level.root=WARN \
    --gradfit.jobs.max-queued=2000 "$@" >"$BENCH_DATA/replica-$port.log" 2>&1 &
  pids+=($!)
}
redis_args=(--gradfit.store.type=redis --spring.data.redis.url=redis://127.0.0.1:$redis_port)
replica "$port_a" "${redis_args[@]}"
replica "$port_b" "${redis_args[@]}"
replica "$port_m"
for port in "$port_a" "$port_b" "$port_m" "$nginx_port"; do
  for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break
    sleep 1
  done
done
say "Redis $redis_port, replicas $port_a and $port_b behind nginx $nginx_port, memory replica $port_m"

model() {
  curl -sf -X POST "http://127.0.0.1:$1/api/v1/models" -H 'Content-Type: application/json' \
    -d '{"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05}' \
    | $PYTHON -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
redis_model=$(model "$nginx_port")
memory_model=$(model "$port_m")

rate() { # port model duration -> requests/s
  MODEL_PATH=/api/v1/models/$2 wrk -t2 -c64 -d"$3" -s "$BENCH_ROOT/bench/predict.lua" "http://127.0.0.1:$1" \
    | awk '/Requests\/sec/ { print $2 }'
}
say "warming up each for $warmup"
rate "$port_m" "$memory_model" "$warmup" >/dev/null
rate "$port_a" "$redis_model" "$warmup" >/dev/null
rate "$nginx_port" "$redis_model" "$warmup" >/dev/null
memory_rates=() redis_rates=() nginx_rates=()
for ((r = 0; r < runs; r++)); do
  memory_rates+=("$(rate "$port_m" "$memory_model" "$duration")")
  redis_rates+=("$(rate "$port_a" "$redis_model" "$duration")")
  nginx_rates+=("$(rate "$nginx_port" "$redis_model" "$duration")")
done
echo "predictions/s, 1 replica, memory store:        ${memory_rates[*]} (median $(printf '%s\n' "${memory_rates[@]}" | median))"
echo "predictions/s, 1 replica, Redis store:         ${redis_rates[*]} (median $(printf '%s\n' "${redis_rates[@]}" | median))"
echo "predictions/s, nginx -> 2 replicas, Redis:     ${nginx_rates[*]} (median $(printf '%s\n' "${nginx_rates[@]}" | median))"

$PYTHON - "$port_a" "$port_m" "$runs" "$BENCH_DATA" <<'PY'
import http.client, json, statistics, sys, time
port_redis, port_memory, runs, data = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def post(port, path, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    start = time.perf_counter()
    conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    payload = response.read()
    conn.close()
    return response.status, payload, time.perf_counter() - start

for n in ("1e3", "1e6"):
    body = open(f"{data}/n{n}.json", "rb").read()
    times = {"redis": [], "memory": []}
    for r in range(runs + 1):
        for name, port in (("redis", port_redis), ("memory", port_memory)):
            status, _, seconds = post(port, "/api/v1/models", body)
            assert status == 201, (name, status)
            if r > 0:
                times[name].append(seconds)
    rm, mm = statistics.median(times["redis"]), statistics.median(times["memory"])
    print(f"fit 201 latency at n={n}: Redis store {rm * 1000:.1f} ms, memory store {mm * 1000:.1f} ms "
          f"(medians of {runs}; ratio {rm / mm:.2f})")

small = json.dumps({"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05, "epochs": 100}).encode()
for name, port in (("Redis, 2 replicas with 1 worker each", port_redis), ("memory, 1 worker", port_memory)):
    start = time.perf_counter()
    ids = []
    for _ in range(1000):
        status, payload, _ = post(port, "/api/v1/jobs", small)
        assert status == 202, (name, status, payload[:200])
        ids.append(json.loads(payload)["id"])
    pending = set(ids)
    while pending:
        for job_id in list(pending)[:200]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", f"/api/v1/jobs/{job_id}")
            status = json.loads(conn.getresponse().read())["status"]
            conn.close()
            if status in ("SUCCEEDED", "FAILED", "CANCELED"):
                assert status == "SUCCEEDED", status
                pending.discard(job_id)
    seconds = time.perf_counter() - start
    print(f"1000 small jobs, {name}: {seconds:.1f} s, {1000 / seconds:.0f} jobs/s")
PY
