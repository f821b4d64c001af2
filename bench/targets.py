#!/usr/bin/python3
"""The targets for large bodies and for jobs on Redis, this build against another, side by side in one run,
every body sent from memory by one client (Python's requests, no `Expect: 100-continue`).

    bench/targets.py --jar NEW.jar --base-jar OLD.jar [--rounds 7] [--warmup 2] [--jobs 50] [--only bodies|jobs]

bodies: starts both jars (`-Xmx512m`, default settings otherwise), bench/DiscardServer.java and
bench/EchoServer.java, and in every round POSTs, one after another, the same bytes to each:
  - the 1e6-point, 1000-epoch JSON fit of bench/make_data.py (36.7 MB) to both builds and to the discard server;
  - the same points as an Arrow IPC stream (bench/ArrowStreamFile.java, batches of 65,536 rows; 16.3 MB)
    to both builds and to the discard server;
  - a 1e6-row prediction (bench/bulk-predict.py's body) to both builds and to the echo server, which
    writes back as many bytes as the new build's answer.
Each time covers the whole exchange, the answer read to its end. Medians after the warm-up rounds, the
ratio to the floor, and the server CPU seconds (from /proc) of each request. Both builds must answer the
same weights and predictions.

jobs: starts one redis-server per build (`--save '' --appendonly no`, flushed first) and each build as one
replica on its own (`--gradfit.store.type=redis`), then submits a small job (POST /api/v1/jobs) to one
build at a time, alternating, each to an idle replica (the previous job ended and 50-250 ms passed), and
polls GET /api/v1/jobs/{id} every --poll-ms. Pick-up is from just before the POST to the first answer
that is no longer QUEUED; done is to SUCCEEDED. Prints their median and p90, and the median time of the 202.
"""
import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from urllib.parse import urljoin

import numpy as np
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "target", "bench")
JSON = {"Content-Type": "application/json"}
ARROW = {"Content-Type": "application/vnd.apache.arrow.stream"}
SMALL_FIT = b'{"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05, "epochs": 1000}'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def points(n):
    rng = np.random.default_rng(42)  # as bench/make_data.py draws them
    x = rng.uniform(0.0, 10.0, n)
    return x, 3.0 + 2.0 * x + rng.normal(0.0, 1.0, n)


def json_fit_body(x, y):
    return ('{"x":[%s],"y":[%s],"epochs":1000}' % (
        ",".join(repr(v) for v in x.tolist()), ",".join(repr(v) for v in y.tolist()))).encode()


def arrow_body(x, y, jar):
    """The points as an Arrow stream, written once by bench/ArrowStreamFile.java on the jar's own libraries."""
    out = os.path.join(DATA, "n%d.arrows" % len(x))
    if not os.path.exists(out):
        libs = os.path.join(DATA, "arrow-libs")
        shutil.rmtree(libs, ignore_errors=True)
        os.makedirs(libs)
        with zipfile.ZipFile(jar) as z:
            for name in z.namelist():
                if name.startswith("BOOT-INF/lib/") and name.endswith(".jar"):
                    with open(os.path.join(libs, os.path.basename(name)), "wb") as f:
                        f.write(z.read(name))
        with tempfile.TemporaryDirectory() as tmp:
            xf, yf = os.path.join(tmp, "x.f64"), os.path.join(tmp, "y.f64")
            x.astype("<f8").tofile(xf)
            y.astype("<f8").tofile(yf)
            subprocess.run(["java", "-cp", os.path.join(libs, "*"), "--add-opens=java.base/java.nio=ALL-UNNAMED",
                            os.path.join(ROOT, "bench", "ArrowStreamFile.java"), xf, yf, out + ".tmp"], check=True)
        os.rename(out + ".tmp", out)
    with open(out, "rb") as f:
        return f.read()


class Server:
    def __init__(self, name, args, health):
        self.name, self.port = name, free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        log = open(os.path.join(DATA, "targets-%s.log" % name), "w")
        self.proc = subprocess.Popen([a.replace("PORT", str(self.port)) for a in args], stdout=log,
                                     stderr=subprocess.STDOUT, cwd=ROOT)
        self.session = requests.Session()
        for _ in range(240):
            if self.proc.poll() is not None:
                sys.exit("%s died; see %s" % (name, log.name))
            try:
                self.session.request("GET" if health else "POST", self.url + (health or "/"), timeout=1)
                return
            except requests.RequestException:
                time.sleep(0.5)
        sys.exit("%s did not start" % name)

    def cpu(self):
        with open("/proc/%d/stat" % self.proc.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def post(self, path, body, headers):
        cpu = self.cpu()
        started = time.perf_counter()
        answer = self.session.post(self.url + path, data=body, headers=headers, timeout=300)
        content = answer.content
        return answer.status_code, content, time.perf_counter() - started, self.cpu() - cpu

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def gradfit(name, jar, heap, *extra):
    return Server(name, ["java", "-Xmx" + heap, "-jar", jar, "--server.port=PORT", "--server.address=127.0.0.1",
                         "--logging.level.root=WARN", *extra], "/actuator/health")


def weights(content):
    return json.loads(content)["weights"]


def bodies(a, builds):
    x, y = points(1_000_000)
    fit_json = json_fit_body(x, y)
    fit_arrow = arrow_body(x, y, a.jar)
    rng = random.Random(42)  # as bench/bulk-predict.py draws them
    predict = ('{"x": [' + ", ".join(repr(rng.uniform(0, 10)) for _ in range(1_000_000)) + "]}").encode()
    servers = [gradfit(name, jar, a.heap) for name, jar in builds]
    discard = Server("discard", ["java", "-Xmx256m", os.path.join(ROOT, "bench", "DiscardServer.java"), "PORT"], None)
    echo = Server("echo", ["java", "-Xmx256m", os.path.join(ROOT, "bench", "EchoServer.java"), "PORT"], None)
    try:
        paths = {}
        for s in servers:
            status, content, _, _ = s.post("/api/v1/models", SMALL_FIT, JSON)
            assert status == 201, content[:300]
            paths[s.name] = "/api/v1/models/%s/predictions" % json.loads(content)["id"]
        answers = {}
        for s in servers:
            status, content, _, _ = s.post(paths[s.name], predict, JSON)
            assert status == 200, content[:300]
            answers[s.name] = json.loads(content)["predictions"]
        assert all(v == answers[servers[0].name] for v in answers.values()), "the builds predict differently"
        answer_bytes = len(servers[0].post(paths[servers[0].name], predict, JSON)[1])
        cases = [("JSON fit", fit_json, JSON, "discard"), ("Arrow fit", fit_arrow, ARROW, "discard"),
                 ("1e6-row prediction", predict, JSON, "echo")]
        times = {}  # (case, server) -> [(seconds, cpu)]
        fitted = {}
        for r in range(a.warmup + a.rounds):
            for case, body, headers, floor in cases:
                for s in servers:
                    path = paths[s.name] if floor == "echo" else "/api/v1/models"
                    status, content, took, cpu = s.post(path, body, headers)
                    assert status == (200 if floor == "echo" else 201), (case, s.name, status, content[:300])
                    if floor == "discard":
                        fitted.setdefault(case, {})[s.name] = weights(content)
                    times.setdefault((case, s.name), []).append((took, cpu))
                if floor == "discard":
                    status, _, took, cpu = discard.post("/", body, headers)
                    assert status == 204
                else:
                    status, content, took, cpu = echo.post("/?bytes=%d" % answer_bytes, body, JSON)
                    assert status == 200 and len(content) == answer_bytes
                times.setdefault((case, floor), []).append((took, cpu))
            print("round %d done, load average %s" % (r + 1, open("/proc/loadavg").read().split()[:3]), file=sys.stderr)
        print("bodies: JSON fit %.1f MB, Arrow fit %.1f MB, prediction %.1f MB (answer %.1f MB); medians of %d rounds"
              " after %d; -Xmx%s" % (len(fit_json) / 1e6, len(fit_arrow) / 1e6, len(predict) / 1e6,
                                     answer_bytes / 1e6, a.rounds, a.warmup, a.heap))
        print("%-20s %-8s %9s %9s %9s %8s" % ("request", "server", "median s", "min s", "× floor", "CPU s"))
        for case, _, _, floor in cases:
            base = statistics.median(t for t, _ in times[(case, floor)][a.warmup:])
            for name in [s.name for s in servers] + [floor]:
                kept = times[(case, name)][a.warmup:]
                m = statistics.median(t for t, _ in kept)
                print("%-20s %-8s %9.3f %9.3f %9.2f %8.2f" % (case, name, m, min(t for t, _ in kept), m / base,
                                                            statistics.median(c for _, c in kept)))
            if case in fitted:
                print("%-20s weights %s" % ("", json.dumps(fitted[case])))
        print("answers of both builds the same: predictions yes; fit weights %s" % all(
            len({json.dumps(w, sort_keys=True) for w in by.values()}) == 1 for by in fitted.values()))
    finally:
        for s in servers + [discard, echo]:
            s.stop()


def jobs(a, builds):
    redis_ports, servers = {}, []
    try:
        for name, jar in builds:
            port = free_port()
            subprocess.run(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--daemonize",
                            "yes", "--bind", "127.0.0.1"], check=True, stdout=subprocess.DEVNULL)
            redis_ports[name] = port
            for _ in range(50):
                if subprocess.run(["redis-cli", "-p", str(port), "FLUSHALL"], capture_output=True).returncode == 0:
                    break
                time.sleep(0.1)
            servers.append(gradfit(name, jar, a.heap, "--gradfit.store.type=redis",
                                   "--spring.data.redis.url=redis://localhost:%d" % port))
        submit = {s.name: [] for s in servers}
        pickup = {s.name: [] for s in servers}
        done = {s.name: [] for s in servers}
        rng = random.Random(7)
        for i in range(a.jobs + 3):
            for s in servers:
                time.sleep(rng.uniform(0.05, 0.25))
                started = time.perf_counter()
                answer = s.session.post(s.url + "/api/v1/jobs", data=SMALL_FIT, headers=JSON)
                accepted = time.perf_counter() - started
                assert answer.status_code == 202, answer.text[:300]
                job = urljoin(s.url + "/", answer.headers["Location"])
                picked = None
                while True:
                    status = s.session.get(job).json()["status"]
                    now = time.perf_counter()
                    if picked is None and status != "QUEUED":
                        picked = now - started
                    if status in ("SUCCEEDED", "FAILED", "CANCELED"):
                        assert status == "SUCCEEDED", status
                        break
                    time.sleep(a.poll_ms / 1000)
                if i >= 3:
                    submit[s.name].append(accepted)
                    pickup[s.name].append(picked)
                    done[s.name].append(now - started)
        print("jobs on Redis: %d small jobs each (1000 epochs of 5 points), one at a time to an idle replica,"
              " builds alternating, polled every %g ms; load average %s" % (
                  a.jobs, a.poll_ms, open("/proc/loadavg").read().split()[:3]))
        print("%-8s %12s %12s %12s %12s %12s" % ("build", "202 p50", "pick-up p50", "pick-up p90", "done p50",
                                                 "done p90"))
        for s in servers:
            p, d = pickup[s.name], done[s.name]
            print("%-8s %9.1f ms %9.1f ms %9.1f ms %9.1f ms %9.1f ms" % (
                s.name, 1000 * statistics.median(submit[s.name]), 1000 * statistics.median(p),
                1000 * statistics.quantiles(p, n=10)[8], 1000 * statistics.median(d),
                1000 * statistics.quantiles(d, n=10)[8]))
    finally:
        for s in servers:
            s.stop()
        for port in redis_ports.values():
            subprocess.run(["redis-cli", "-p", str(port), "SHUTDOWN", "NOSAVE"], capture_output=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", required=True)
    parser.add_argument("--base-jar", required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=50)
    parser.add_argument("--poll-ms", type=float, default=5)
    parser.add_argument("--heap", default="512m")
    parser.add_argument("--only", choices=["bodies", "jobs"])
    a = parser.parse_args()
    os.makedirs(DATA, exist_ok=True)
    builds = [("new", a.jar), ("base", a.base_jar)]
    print("new %s, base %s, load average %s" % (os.path.basename(a.jar), os.path.basename(a.base_jar),
                                                open("/proc/loadavg").read().split()[:3]))
    if a.only != "jobs":
        bodies(a, builds)
    if a.only != "bodies":
        jobs(a, builds)


if __name__ == "__main__":
    main()
