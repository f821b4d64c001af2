#!/usr/bin/python3
"""A 1e6-row bulk prediction against an echo server writing back as many bytes, and single-value prediction
latency, for this build and (optionally) another, side by side in one run.

Starts the jar(s) on loopback with default settings but -Xmx512m, and bench/EchoServer.java. The bodies are
made in memory (x uniform on [0, 10), Python's shortest round-trip numbers) and sent from memory with
requests; the answer is read whole by the client in every case. Rounds interleave the servers. Prints the
medians, the ratio to the echo server, and whether both builds answered the same bytes.

    bench/bulk-predict.py --jar target/gradfit-0.1.0-SNAPSHOT.jar [--base-jar OLD.jar] [--rounds 7]
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIT = b'{"x": [1, 2, 3, 4, 5], "y": [6, 8, 10, 12, 14], "learningRate": 0.05, "epochs": 2000}'


def start(args, log):
    return subprocess.Popen(args, stdout=open(log, "w"), stderr=subprocess.STDOUT, cwd=ROOT)


def wait_up(url, proc):
    for _ in range(240):
        if proc.poll() is not None:
            sys.exit(f"{url} died")
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.5)
    sys.exit(f"{url} did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", required=True)
    parser.add_argument("--base-jar")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--singles", type=int, default=3000, help="single-value predictions per block")
    parser.add_argument("--blocks", type=int, default=6)
    parser.add_argument("--heap", default="512m")
    parser.add_argument("--port", type=int, default=18180)
    a = parser.parse_args()

    logs = os.path.join(ROOT, "target", "bench")
    os.makedirs(logs, exist_ok=True)
    servers = {"new": a.jar}
    if a.base_jar:
        servers["base"] = a.base_jar
    procs, urls = {}, {}
    try:
        for i, (name, jar) in enumerate(servers.items()):
            port = a.port + i
            procs[name] = start(["java", f"-Xmx{a.heap}", "-jar", jar, f"--server.port={port}",
                                 "--server.address=127.0.0.1", "--logging.level.root=WARN"],
                                os.path.join(logs, f"bulk-{name}.log"))
            urls[name] = f"http://127.0.0.1:{port}"
        echo_port = a.port + 9
        procs["echo"] = start(["java", "-Xmx256m", os.path.join(ROOT, "bench", "EchoServer.java"), str(echo_port)],
                              os.path.join(logs, "bulk-echo.log"))
        urls["echo"] = f"http://127.0.0.1:{echo_port}"
        for name in servers:
            wait_up(urls[name] + "/actuator/health", procs[name])
        wait_up(urls["echo"] + "/", procs["echo"])

        session = requests.Session()
        json_type = {"Content-Type": "application/json"}
        paths = {}
        for name in servers:
            fit = session.post(urls[name] + "/api/v1/models", data=FIT, headers=json_type)
            assert fit.status_code == 201, fit.text
            paths[name] = fit.headers["Location"] + "/predictions"
        ids = {name: paths[name].split("/")[-2] for name in servers}

        rng = random.Random(42)
        body = ('{"x": [' + ", ".join(repr(rng.uniform(0, 10)) for _ in range(a.rows)) + "]}").encode()
        answers = {}
        for name in servers:
            r = session.post(urls[name] + paths[name], data=body, headers=json_type)
            assert r.status_code == 200, r.text[:300]
            answers[name] = r.content.replace(ids[name].encode(), b"ID")
        same = len(set(answers.values())) == 1
        answer_bytes = len(answers["new"]) + len(ids["new"]) - 2
        targets = {"echo": urls["echo"] + f"/?bytes={answer_bytes}"}
        for name in servers:
            targets[name] = urls[name] + paths[name]

        times = {name: [] for name in targets}
        for r in range(a.rounds + 2):
            for name, url in targets.items():
                started = time.perf_counter()
                answer = session.post(url, data=body, headers=json_type)
                content = answer.content
                elapsed = time.perf_counter() - started
                assert answer.status_code == 200 and len(content) == answer_bytes, (name, answer.status_code)
                if r >= 2:
                    times[name].append(elapsed)

        one = b'{"x": [2.5]}'
        lat = {name: [] for name in servers}
        for block in range(a.blocks):
            for name in servers:
                url = urls[name] + paths[name]
                for _ in range(a.singles):
                    started = time.perf_counter_ns()
                    answer = session.post(url, data=one, headers=json_type)
                    _ = answer.content
                    took = time.perf_counter_ns() - started
                    if block > 0:
                        lat[name].append(took / 1000)

        echo = statistics.median(times["echo"])
        print(f"request {len(body)} bytes, answer {answer_bytes} bytes, {a.rounds} rounds; "
              f"answers of both builds byte-identical: {same}")
        print(f"{'server':8} {'median s':>9} {'min s':>7} {'× echo':>7}")
        for name in targets:
            m = statistics.median(times[name])
            print(f"{name:8} {m:9.3f} {min(times[name]):7.3f} {m / echo:7.2f}")
        print(f"single-value predictions, sequential on one connection, {(a.blocks - 1) * a.singles} each:")
        for name in servers:
            q = statistics.quantiles(lat[name], n=100)
            print(f"{name:8} median {statistics.median(lat[name]):7.1f} µs   p99 {q[98]:7.1f} µs")
        print(f"load average {open('/proc/loadavg').read().split()[:3]}")
    finally:
        for p in procs.values():
            p.terminate()
        for p in procs.values():
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
