#!/usr/bin/python3
"""Soak and crowd tests of gradfit's jar at a fixed heap, on loopback only.

  bench/soak.py                      # ten minutes of mixed traffic at 64 connections, -Xmx512m
  bench/soak.py --seconds 60         # a shorter run
  bench/soak.py --crowd              # 24 clients at once, each sending one fit of 1.5e6 points (60 MB)

Builds nothing: run `./mvnw package` first (it uses target/gradfit-*.jar). Starts the jar itself on a free
port, samples its heap every 10 s (jcmd GC.heap_info), and at the end forces a full GC and compares the
heap with where it started. Exits 1 if any answer is a 5xx other than a deliberate 503, a request fails
without an answer (other than the slow senders, which the server cuts off on purpose), the process dies,
or the heap after the final GC exceeds its start by more than the store's bound (gradfit.store.max-bytes).
Prints a Markdown summary for BENCHMARKS.md. Standard library only (Debian's /usr/bin/python3).
"""
import argparse
import glob
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

STORE_BOUND = 256 * 1024 * 1024  # gradfit.store.max-bytes, its default


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def heap_used(pid, gc=False):
    if gc:
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, check=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"used (\d+)K", info).group(1)) * 1024


def fit_body(points, epochs=100, seed=0):
    rnd = random.Random(seed)
    xs = [rnd.random() for _ in range(points)]
    ys = [2 * x + 1 + rnd.gauss(0, 0.1) for x in xs]
    return json.dumps({"x": xs, "y": ys, "learningRate": 0.5, "epochs": epochs}).encode()


class Server:
    def __init__(self, heap, extra, jar=None):
        jars = [jar] if jar else [j for j in glob.glob("target/gradfit-*.jar") if not j.endswith("-plain.jar")]
        if not jars:
            sys.exit("no target/gradfit-*.jar: run ./mvnw package first")
        self.port = free_port()
        self.log = open("target/soak-server.log", "w")
        self.proc = subprocess.Popen(
            ["java", f"-Xmx{heap}", "-XX:+ExitOnOutOfMemoryError", "-jar", jars[0],
             f"--server.port={self.port}", "--server.address=127.0.0.1", "--logging.level.root=WARN"] + extra,
            stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(120):
            try:
                if self.request("GET", "/actuator/health/readiness")[0] == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                sys.exit("the server exited while starting; see target/soak-server.log")
            time.sleep(0.5)
        sys.exit("the server did not start in 60 s")

    def request(self, method, path, body=None, timeout=120):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, data, response.getheader("Retry-After")
        finally:
            conn.close()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_kind = {}
        self.failures = []

    def record(self, kind, status, seconds, note=None):
        with self.lock:
            entry = self.by_kind.setdefault(kind, {"statuses": {}, "seconds": []})
            entry["statuses"][status] = entry["statuses"].get(status, 0) + 1
            entry["seconds"].append(seconds)
            if note:
                self.failures.append(f"{kind}: {note}")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def slow_sender(server, tally, stop):
    """A client that sends its body a byte a second: the server must cut it off (408 or a closed connection)."""
    while not stop.is_set():
        start = time.monotonic()
        status = "closed"
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=120) as s:
                s.sendall(b"POST /api/v1/models HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          b"Content-Length: 100000\r\n\r\n{")
                s.settimeout(1.0)
                received = b""
                while not stop.is_set() and time.monotonic() - start < 120:
                    try:
                        chunk = s.recv(4096)
                        if not chunk:
                            break
                        received += chunk
                    except socket.timeout:
                        s.sendall(b" ")
                m = re.match(rb"HTTP/1.1 (\d+)", received)
                status = int(m.group(1)) if m else "closed"
        except OSError:
            status = "closed"
        tally.record("slow sender", status, time.monotonic() - start,
                     None if status in (408, "closed") or stop.is_set() else f"answered {status}")


def worker(server, tally, stop, bodies, ids, rnd):
    kinds = [("fit small", 30), ("fit medium", 8), ("fit 1e6", 1), ("predict", 30), ("list", 10), ("get", 6),
             ("delete", 5), ("malformed", 5), ("oversized", 2), ("predict 1e5", 3)]
    names, weights = zip(*kinds)
    while not stop.is_set():
        kind = rnd.choices(names, weights)[0]
        start = time.monotonic()
        try:
            if kind.startswith("fit"):
                status, data, retry = server.request("POST", "/api/v1/models", rnd.choice(bodies[kind]))
                if status == 201:
                    ids.append(json.loads(data)["id"])
                    del ids[:-500]  # recent models: older ones may have been evicted by the store's bounds
            elif kind.startswith("predict"):
                mid = rnd.choice(ids) if ids else "00000000-0000-0000-0000-000000000000"
                status, data, retry = server.request("POST", f"/api/v1/models/{mid}/predictions", bodies[kind][0])
            elif kind == "list":
                status, data, retry = server.request("GET", "/api/v1/models?page=0&size=50")
            elif kind == "get":
                mid = rnd.choice(ids) if ids else "00000000-0000-0000-0000-000000000000"
                status, data, retry = server.request("GET", f"/api/v1/models/{mid}")
            elif kind == "delete":
                mid = ids.pop(rnd.randrange(len(ids))) if len(ids) > 50 else "00000000-0000-0000-0000-000000000000"
                status, data, retry = server.request("DELETE", f"/api/v1/models/{mid}")
            elif kind == "malformed":
                status, data, retry = server.request("POST", "/api/v1/models", rnd.choice(bodies["malformed"]))
            else:  # oversized: a declared length past gradfit.http.max-body-size, answered 413 unread
                with socket.create_connection(("127.0.0.1", server.port), timeout=60) as s:
                    s.sendall(b"POST /api/v1/models HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              b"Content-Length: 70000000\r\n\r\n" + b" " * 65536)
                    head = s.recv(64)
                    m = re.match(rb"HTTP/1.1 (\d+)", head)
                    status, retry = (int(m.group(1)) if m else "closed"), None
            note = None
            if isinstance(status, int) and status >= 500 and status != 503:
                note = f"answered {status}"
            if status == 503 and not retry:
                note = "503 without Retry-After"
            if status == "closed":
                note = "closed without an answer"
            tally.record(kind, status, time.monotonic() - start, note)
        except OSError as e:
            tally.record(kind, "error", time.monotonic() - start, f"{type(e).__name__}: {e}")


def summary(tally, heap_samples, heap_start, heap_end, seconds, alive):
    total = sum(sum(e["statuses"].values()) for e in tally.by_kind.values())
    lines = [f"{total} requests in {seconds:.0f} s; process alive at the end: {alive}",
             f"heap after full GC: {heap_start / 2**20:.1f} MB at the start, {heap_end / 2**20:.1f} MB at the end",
             "", "| request | answers by status | p50 ms | p99 ms |", "| --- | --- | ---: | ---: |"]
    for kind in sorted(tally.by_kind):
        e = tally.by_kind[kind]
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(e["statuses"].items(), key=lambda kv: str(kv[0])))
        lines.append(f"| {kind} | {statuses} | {percentile(e['seconds'], 50) * 1000:.0f} | "
                     f"{percentile(e['seconds'], 99) * 1000:.0f} |")
    lines += ["", "heap in use (MB) every 10 s, without forcing a GC: "
              + " ".join(f"{h / 2**20:.0f}" for h in heap_samples)]
    return "\n".join(lines)


def crowd(args):
    server = Server(args.heap, [], args.jar)
    body = fit_body(1_500_000, epochs=100)
    print(f"crowd: {args.clients} clients x {len(body) / 1e6:.1f} MB at -Xmx{args.heap}", flush=True)
    results = []

    def one():
        start = time.monotonic()
        try:
            status, data, retry = server.request("POST", "/api/v1/models", body, timeout=600)
            results.append((status, retry, time.monotonic() - start))
        except OSError as e:
            results.append((f"{type(e).__name__}", None, time.monotonic() - start))

    threads = [threading.Thread(target=one) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    alive = server.proc.poll() is None
    after = server.request("POST", "/api/v1/models", fit_body(20))[0] if alive else None
    server.stop()
    counts = {}
    for status, retry, _ in results:
        counts[status] = counts.get(status, 0) + 1
    bad = [r for r in results if r[0] not in (201, 503) or (r[0] == 503 and not r[1])]
    print(f"answers by status: {counts}; slowest {max(r[2] for r in results):.1f} s; process alive: {alive}; "
          f"a small fit afterwards: {after}")
    return 0 if alive and not bad and after == 201 else 1


def soak(args):
    server = Server(args.heap, [], args.jar)
    rnd = random.Random(7)
    bodies = {
        "fit small": [fit_body(rnd.randint(10, 1000), seed=i) for i in range(20)],
        "fit medium": [fit_body(rnd.randint(10_000, 100_000), seed=i) for i in range(4)],
        "fit 1e6": [fit_body(1_000_000, seed=1)],
        "predict": [json.dumps({"x": [rnd.random() for _ in range(10)]}).encode()],
        "predict 1e5": [json.dumps({"x": [rnd.random() for _ in range(100_000)]}).encode()],
        "malformed": [b'{"x": [1, 2', b'{"x": [1, "two"], "y": [1, 2]}', b'{"x": [1e400], "y": [1]}',
                      b'[' * 1000, b'{"x": [1, 2], "y": [1, 2], "epochs": 1.5}'],
    }
    for _ in range(3):
        status, data, _ = server.request("POST", "/api/v1/models", bodies["fit small"][0])
    ids = [json.loads(data)["id"]]
    heap_start = heap_used(server.proc.pid, gc=True)
    tally = Tally()
    stop = threading.Event()
    threads = [threading.Thread(target=slow_sender, args=(server, tally, stop)) for _ in range(args.slow)]
    threads += [threading.Thread(target=worker, args=(server, tally, stop, bodies, ids, random.Random(i)))
                for i in range(args.connections - args.slow)]
    for t in threads:
        t.start()
    samples = []
    began = time.monotonic()
    while time.monotonic() - began < args.seconds and server.proc.poll() is None:
        time.sleep(10)
        if server.proc.poll() is None:
            samples.append(heap_used(server.proc.pid))
    stop.set()
    for t in threads:
        t.join(180)
    alive = server.proc.poll() is None
    heap_end = heap_used(server.proc.pid, gc=True) if alive else float("nan")
    server.stop()
    print(summary(tally, samples, heap_start, heap_end, time.monotonic() - began, alive))
    problems = tally.failures[:20]
    if not alive:
        problems.append("the server process died")
    if alive and heap_end - heap_start > STORE_BOUND:
        problems.append(f"heap grew by {(heap_end - heap_start) / 2**20:.0f} MB, more than the store's bound")
    if problems:
        print("\nFAILED:\n" + "\n".join(problems) + (f"\n... {len(tally.failures)} in all" if tally.failures else ""))
        return 1
    print("\nPASSED")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--slow", type=int, default=4, help="of the connections, how many send a byte a second")
    parser.add_argument("--heap", default="512m")
    parser.add_argument("--crowd", action="store_true")
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--jar", help="another jar than target/gradfit-*.jar, e.g. an earlier build")
    args = parser.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    sys.exit(crowd(args) if args.crowd else soak(args))


if __name__ == "__main__":
    main()
