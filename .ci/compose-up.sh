#!/usr/bin/env bash
# Brings docker-compose.yml up as CI can: this engine has no bridge network, so the service runs on
# the host's network, with its port published by nothing and its server on a free port. Everything
# else (build, base image argument, health check, memory and CPU limits, stop grace period) is the
# file's own. Passes when the container turns healthy and answers a fit; always takes it down.
#
#   bash .ci/compose-up.sh docker-compose      # or: docker compose
set -euo pipefail
compose=("$@")
say() { echo "ci: compose: $*"; }
fail() { echo "ci: compose: FAILED: $*" >&2; exit 1; }

command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null \
  || fail "python3 with PyYAML is needed to rewrite docker-compose.yml for host networking"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
file=target/docker-compose.ci.yml
project=gradfit-ci

# The file as Compose reads it, rewritten: host network, no published ports, the server on $port.
export BASE_IMAGE=${LOCAL_JRE_IMAGE:?}
"${compose[@]}" -f docker-compose.yml config | PORT=$port python3 -c '
import os, sys, yaml
config = yaml.safe_load(sys.stdin)
service = config["services"]["gradfit"]
port = os.environ["PORT"]
service.pop("ports", None)
service["network_mode"] = "host"
service.setdefault("environment", {})["SERVER_PORT"] = port
service["build"]["network"] = "host"
service["build"]["context"] = os.getcwd()
test = service["healthcheck"]["test"]
service["healthcheck"]["test"] = [part.replace("/127.0.0.1/8080", "/127.0.0.1/" + port) for part in test]
yaml.safe_dump(config, sys.stdout, sort_keys=False)
' >"$file"

down() { "${compose[@]}" -p "$project" -f "$file" down --rmi local >/dev/null 2>&1 || true; }
trap down EXIT

say "building and starting the service on port $port (host network)"
"${compose[@]}" -p "$project" -f "$file" --compatibility up -d --build \
  >target/compose-up.log 2>&1 || { cat target/compose-up.log; fail "up failed"; }
container=$("${compose[@]}" -p "$project" -f "$file" ps -q gradfit)
[[ -n $container ]] || fail "no gradfit container"

for _ in $(seq 1 90); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$container" 2>/dev/null || echo unknown)
  [[ $health == healthy ]] && break
  sleep 2
done
[[ $health == healthy ]] || { docker logs "$container" 2>&1 | tail -40; fail "the container is $health, not healthy"; }
memory=$(docker inspect -f '{{.HostConfig.Memory}}' "$container")
say "container healthy (memory limit $memory bytes)"

PORT=$port python3 -c '
import json, os, urllib.request
body = json.dumps({"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05}).encode()
request = urllib.request.Request("http://127.0.0.1:%s/api/v1/models" % os.environ["PORT"], body,
                                 {"Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=30) as response:
    assert response.status == 201, response.status
    print("ci: compose: fit answered", response.status, "weights", json.load(response)["weights"])
' || fail "the service did not answer a fit"
