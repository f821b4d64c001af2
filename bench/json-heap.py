#!/usr/bin/python3
"""A 1e6-point JSON fit at a small heap, sent from memory: the answers, the time, and the heap it took.

    bench/json-heap.py [--jar JAR] [--heap 128m] [--n 1e6] [--rounds 3] [--rows]

Starts `java -Xmx<heap> -Xlog:gc:file=... -jar JAR` with default settings on a free loopback port, builds
the body of bench/make_data.py in memory (x uniform on [0, 10), y = 3 + 2x + N(0, 1), seed 42, Python's
shortest round-trip numbers; --rows sends x as [[x]] rows), and POSTs it `--rounds` times with
requests (no `Expect: 100-continue`). Prints each answer's status and wall time, and the peak heap per body
byte: (largest heap occupancy the GC log shows before a pause while the request ran, less the occupancy
after a full GC just before it) / body bytes; that includes the request's garbage not yet collected (the
pieces of JSON, the sockets' buffers). Beside it, the largest occupancy left after a pause, which is live
data only but sees the heap only at the pauses.
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

import numpy as np
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def body(n, rows):
    rng = np.random.default_rng(42)
    x = rng.uniform(0.0, 10.0, n)
    y = 3.0 + 2.0 * x + rng.normal(0.0, 1.0, n)
    xs = ",".join(("[%r]" if rows else "%r") % v for v in x.tolist())
    ys = ",".join(repr(v) for v in y.tolist())
    return ('{"x":[%s],"y":[%s],"epochs":1000}' % (xs, ys)).encode()


def pauses(log, since):
    """(before, after) heap occupancy in MB of each GC pause logged after byte offset `since`."""
    with open(log) as f:
        f.seek(since)
        return [(int(m.group(1)), int(m.group(2))) for m in re.finditer(r" (\d+)M->(\d+)M\(", f.read())]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=None)
    parser.add_argument("--heap", default="128m")
    parser.add_argument("--n", default="1e6")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rows", action="store_true")
    args = parser.parse_args()
    jar = args.jar or next(
        os.path.join(ROOT, "target", f)
        for f in sorted(os.listdir(os.path.join(ROOT, "target")))
        if f.startswith("gradfit-") and f.endswith(".jar")
    )
    data = body(int(float(args.n)), args.rows)
    port = free_port()
    gc_log = tempfile.mktemp(suffix=".gc.log")
    server = subprocess.Popen(
        ["java", "-Xmx" + args.heap, "-Xlog:gc:file=" + gc_log, "-jar", jar, "--server.port=%d" % port,
         "--server.address=127.0.0.1", "--logging.level.root=WARN"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = "http://127.0.0.1:%d" % port
    try:
        for _ in range(120):
            try:
                if requests.get(url + "/actuator/health", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        session = requests.Session()
        headers = {"Content-Type": "application/json"}
        print("jar %s, -Xmx%s, body %d bytes (%s points%s)" % (
            os.path.basename(jar), args.heap, len(data), args.n, ", x as rows" if args.rows else ""))
        for round_ in range(args.rounds):
            subprocess.run(["jcmd", str(server.pid), "GC.run"], stdout=subprocess.DEVNULL, check=False)
            time.sleep(0.3)
            base = pauses(gc_log, 0)
            baseline = base[-1][1] if base else 0
            since = os.path.getsize(gc_log)
            started = time.perf_counter()
            try:
                answer = session.post(url + "/api/v1/models", data=data, headers=headers, timeout=120)
                status = answer.status_code
                detail = "" if status == 201 else " " + answer.text[:200]
            except requests.RequestException as e:
                status, detail = 0, " " + type(e).__name__
            took = time.perf_counter() - started
            during = pauses(gc_log, since)
            peaks = [before for before, _ in during]
            peak = max(peaks) if peaks else 0
            live = max(after for _, after in during) if during else 0
            per_byte = (peak - baseline) * 1024 * 1024 / len(data) if peaks else float("nan")
            print("round %d: %d in %.3f s; heap before the request %d MB; during it, largest before a GC %d MB"
                  " (%.2f heap bytes per body byte), largest left after one %d MB (%.2f)%s" % (
                      round_ + 1, status, took, baseline, peak, per_byte, live,
                      (live - baseline) * 1024 * 1024 / len(data), detail))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
