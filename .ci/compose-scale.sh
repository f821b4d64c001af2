#!/usr/bin/env bash
# Brings docker-compose.scale.yml up as CI can: this engine has no bridge network, so every service
# runs on the host's network, each on a free port (Redis, the two replicas, nginx), and nginx gets a
# configuration naming those ports instead of deploy/nginx.conf's service names. Everything else
# (images, Redis persistence and maxmemory policy, health checks, limits) is the file's own. Passes
# when all services turn healthy, a model fitted through one replica is served through the other and
# through nginx, and a job submitted through nginx succeeds; always takes everything down.
#
#   bash .ci/compose-scale.sh docker-compose      # or: docker compose
set -euo pipefail
compose=("$@")
say() { echo "ci: compose-scale: $*"; }
fail() { echo "ci: compose-scale: FAILED: $*" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
redis_port=$(free_port) port_a=$(free_port) port_b=$(free_port) nginx_port=$(free_port)
file=target/docker-compose.scale.ci.yml
nginx_conf=$PWD/target/nginx.scale.ci.conf
project=gradfit-scale-ci

sed -e "s/server gradfit-a:8080/server 127.0.0.1:$port_a/" -e "s/server gradfit-b:8080/server 127.0.0.1:$port_b/" \
    -e "s/listen 8080;/listen $nginx_port;/" deploy/nginx.conf >"$nginx_conf"

export BASE_IMAGE=${LOCAL_JRE_IMAGE:?}
"${compose[@]}" -f docker-compose.scale.yml config | REDIS_PORT=$redis_port PORT_A=$port_a PORT_B=$port_b \
    NGINX_PORT=$nginx_port NGINX_CONF=$nginx_conf python3 -c '
import os, sys, yaml
config = yaml.safe_load(sys.stdin)
env = os.environ
services = config["services"]
redis = services["redis"]
redis["network_mode"] = "host"
redis["command"] = list(redis["command"]) + ["--port", env["REDIS_PORT"]]
redis["healthcheck"]["test"] = ["CMD", "redis-cli", "-p", env["REDIS_PORT"], "ping"]
for name, port in (("gradfit-a", env["PORT_A"]), ("gradfit-b", env["PORT_B"])):
    service = services[name]
    service.pop("ports", None)
    service["network_mode"] = "host"
    service["environment"]["SERVER_PORT"] = port
    service["environment"]["SPRING_DATA_REDIS_URL"] = "redis://127.0.0.1:" + env["REDIS_PORT"]
    service["build"]["network"] = "host"
    service["build"]["context"] = os.getcwd()
    service["healthcheck"]["test"] = [p.replace("/127.0.0.1/8080", "/127.0.0.1/" + port)
                                      for p in service["healthcheck"]["test"]]
nginx = services["nginx"]
nginx.pop("ports", None)
nginx["network_mode"] = "host"
nginx["volumes"] = [env["NGINX_CONF"] + ":/etc/nginx/conf.d/default.conf:ro"]
nginx["healthcheck"]["test"] = ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + env["NGINX_PORT"]]
yaml.safe_dump(config, sys.stdout, sort_keys=False)
' >"$file"

down() { "${compose[@]}" -p "$project" -f "$file" down -v --rmi local >/dev/null 2>&1 || true; }
trap down EXIT

say "starting Redis on $redis_port, replicas on $port_a and $port_b, nginx on $nginx_port (host network)"
"${compose[@]}" -p "$project" -f "$file" --compatibility up -d --build \
  >target/compose-scale.log 2>&1 || { cat target/compose-scale.log; fail "up failed"; }
for service in redis gradfit-a gradfit-b nginx; do
  container=$("${compose[@]}" -p "$project" -f "$file" ps -q "$service")
  [[ -n $container ]] || fail "no $service container"
  for _ in $(seq 1 90); do
    health=$(docker inspect -f '{{.State.Health.Status}}' "$container" 2>/dev/null || echo unknown)
    [[ $health == healthy ]] && break
    sleep 2
  done
  [[ $health == healthy ]] || { docker logs "$container" 2>&1 | tail -40; fail "$service is $health, not healthy"; }
  say "$service healthy"
done

PORT_A=$port_a PORT_B=$port_b NGINX_PORT=$nginx_port python3 -c '
import json, os, time, urllib.request

def call(port, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request("http://127.0.0.1:%s%s" % (port, path), data,
                                     {"Content-Type": "application/json"}, method=method)
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
        return response.status, json.loads(text) if text else None

a, b, lb = os.environ["PORT_A"], os.environ["PORT_B"], os.environ["NGINX_PORT"]
status, model = call(a, "POST", "/api/v1/models", {"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05, "epochs": 2000})
assert status == 201, status
path = "/api/v1/models/%s" % model["id"]
for port, where in ((b, "replica B"), (lb, "nginx")):
    status, read = call(port, "GET", path)
    assert status == 200 and read["weights"] == model["weights"], (where, status)
    status, predicted = call(port, "POST", path + "/predictions", {"x": [10]})
    assert status == 200 and abs(predicted["predictions"][0] - 24) < 1e-6, (where, predicted)
    print("ci: compose-scale: fitted on replica A, read and predicted through", where, predicted["predictions"])
status, job = call(lb, "POST", "/api/v1/jobs", {"x": [1, 2, 3], "y": [2, 4, 6], "learningRate": 0.1, "epochs": 500})
assert status == 202, status
for _ in range(120):
    status, job = call(lb, "GET", "/api/v1/jobs/%s" % job["id"])
    if job["status"] in ("SUCCEEDED", "FAILED", "CANCELED"):
        break
    time.sleep(0.5)
assert job["status"] == "SUCCEEDED", job
print("ci: compose-scale: a job submitted through nginx", job["status"], "model", job["modelId"])
status, _ = call(b, "DELETE", path)
assert status == 204, status
' || fail "the replicas did not share models and jobs"
say "models and jobs shared across both replicas and nginx"
