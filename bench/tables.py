#!/usr/bin/python3
"""A table fit against the same fit pre-encoded by the caller, side by side, sent from memory.

    bench/tables.py [--jar JAR] [--n 1e6] [--rounds 3] [--heap 512m] [--base-heap 12g]

Makes one table in memory (seed 20261206): numbers x1, x2 ~ N(0, 1); text columns c1, c2, c3 of 50 levels
each ("L00".."L49", uniform); y = 1 + 2·x1 − x2 + the levels' effects + N(0, 1); 5 % of the cells of
x1, x2, c1, c2 and c3 empty. It is sent twice as a CSV upload (multipart, no `Expect: 100-continue`):

- raw: the table as it is, with options {"design": {"missing": "mean"}}, to gradfit at --heap;
- pre-encoded: what a caller would send after encoding it the same way itself (x1, x2 with their
  missing cells set to the column's mean, and c1..c3 one-hot with the first level dropped, a missing
  cell taken as the most frequent level): 149 numeric columns, to a second gradfit at --base-heap with
  its body, in-flight and time limits raised, since that body is ~350 MB of text and its matrix 1.2 GB.

Both fit with lbfgs for 30 iterations and standardize. Prints each round's status and wall time, the
median of each side and their ratio, and whether both fits ended at the same weights (they must: the
design is the caller's encoding).
"""
import argparse
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEVELS = ["L%02d" % k for k in range(50)]
FIT = {"optimizer": {"type": "lbfgs"}, "epochs": 30, "standardize": True}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def table(n):
    rng = np.random.default_rng(20261206)
    x1 = rng.normal(size=n)
    x2 = rng.normal(size=n)
    codes = [rng.integers(0, 50, size=n) for _ in range(3)]
    effects = [rng.normal(size=50) for _ in range(3)]
    y = 1 + 2 * x1 - x2 + sum(e[c] for e, c in zip(effects, codes)) + rng.normal(size=n)
    missing = [rng.random(n) < 0.05 for _ in range(5)]
    return x1, x2, codes, y, missing


def raw_csv(x1, x2, codes, y, missing):
    out = io.StringIO()
    out.write("x1,x2,c1,c2,c3,y\n")
    for i in range(len(y)):
        cells = [
            "" if missing[0][i] else repr(float(x1[i])),
            "" if missing[1][i] else repr(float(x2[i])),
        ]
        cells += ["" if missing[2 + k][i] else LEVELS[codes[k][i]] for k in range(3)]
        cells.append(repr(float(y[i])))
        out.write(",".join(cells))
        out.write("\n")
    return out.getvalue().encode()


def encoded_csv(x1, x2, codes, y, missing):
    n = len(y)
    columns = []
    names = []
    for name, values, gone in (("x1", x1, missing[0]), ("x2", x2, missing[1])):
        filled = values.copy()
        filled[gone] = values[~gone].mean()
        columns.append(filled)
        names.append(name)
    for k in range(3):
        seen = codes[k][~missing[2 + k]]
        frequent = np.bincount(seen, minlength=50).argmax()
        code = np.where(missing[2 + k], frequent, codes[k])
        for level in range(1, 50):
            columns.append((code == level).astype(np.float64))
            names.append("c%d[T.%s]" % (k + 1, LEVELS[level]))
    out = io.StringIO()
    out.write(",".join(names + ["y"]) + "\n")
    matrix = np.column_stack(columns + [y])
    for row in matrix:
        out.write(",".join("1" if v == 1.0 else "0" if v == 0.0 else repr(float(v)) for v in row))
        out.write("\n")
    return out.getvalue().encode()


def start(jar, heap, extra):
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="gradfit-tables-", suffix=".log", delete=False)
    process = subprocess.Popen(
        ["java", "-Xmx" + heap, "-jar", jar, "--server.address=127.0.0.1", "--server.port=%d" % port] + extra,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = "http://127.0.0.1:%d" % port
    for _ in range(120):
        try:
            if requests.get(url + "/actuator/health", timeout=1).status_code == 200:
                return process, url, log.name
        except requests.RequestException:
            pass
        time.sleep(0.5)
    process.kill()
    sys.exit("gradfit did not start; see " + log.name)


def fit(url, body, options):
    files = {
        "file": ("table.csv", body, "text/csv"),
        "options": ("options.json", json.dumps(options), "application/json"),
    }
    started = time.perf_counter()
    answer = requests.post(url + "/api/v1/models", files=files, timeout=600)
    elapsed = time.perf_counter() - started
    return answer, elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=None)
    parser.add_argument("--n", default="1e6")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--heap", default="512m")
    parser.add_argument("--base-heap", default="12g")
    args = parser.parse_args()
    jar = args.jar or max(
        (os.path.join(ROOT, "target", f) for f in os.listdir(os.path.join(ROOT, "target")) if f.endswith(".jar")),
        key=os.path.getmtime,
    )
    n = int(float(args.n))
    data = table(n)
    raw = raw_csv(*data)
    encoded = encoded_csv(*data)
    print("raw CSV %.1f MB, pre-encoded CSV %.1f MB" % (len(raw) / 1e6, len(encoded) / 1e6))
    # The raw table's CSV is 68 MB at 1e6 rows, past the default 64 MB; the pre-encoded one is 350 MB, whose
    # matrix alone is 1.2 GB, its text takes longer than the default 30 s to parse, and its fit (149 columns,
    # standardized in double-double) is about 4.6e10 multiply-adds, past the default limit of 1e10.
    slow = ["--gradfit.http.body-read-timeout=600s", "--gradfit.fit.max-duration=600s", "--gradfit.executor.max-wait=15m"]
    big = slow + [
        "--gradfit.http.max-body-size=1GB",
        "--gradfit.http.max-in-flight-bytes=8GB",
        "--gradfit.fit.max-work=1000000000000",
    ]
    servers = [start(jar, args.heap, slow + ["--gradfit.http.max-body-size=128MB"]), start(jar, args.base_heap, big)]
    times = {"raw": [], "pre-encoded": []}
    weights = {}
    try:
        for r in range(args.rounds):
            for side, (process, url, log), body, options in (
                ("raw", servers[0], raw, dict(FIT, design={"missing": "mean"})),
                ("pre-encoded", servers[1], encoded, FIT),
            ):
                answer, elapsed = fit(url, body, options)
                print("round %d %-11s %d %.2f s" % (r, side, answer.status_code, elapsed))
                if answer.status_code == 201:
                    times[side].append(elapsed)
                    model = answer.json()
                    names = model.get("featureNames") or model["design"]["columnNames"]
                    weights[side] = dict(zip(names, model["weights"]["coefficients"]))
                    weights[side]["(intercept)"] = model["weights"]["intercept"]
                else:
                    print("  " + answer.text[:300])
    finally:
        for process, _, _ in servers:
            process.terminate()
    for side, values in times.items():
        if values:
            print("%-11s median %.2f s over %d" % (side, statistics.median(values), len(values)))
    if times["raw"] and times["pre-encoded"]:
        print("raw / pre-encoded: %.2f" % (statistics.median(times["raw"]) / statistics.median(times["pre-encoded"])))
        raw, pre = weights["raw"], weights["pre-encoded"]
        if sorted(raw) != sorted(pre):
            print("the two fits name their weights differently: %s" % sorted(set(raw) ^ set(pre))[:10])
        else:
            print("largest weight difference, by name: %.3g" % max(abs(raw[k] - pre[k]) for k in raw))


if __name__ == "__main__":
    main()
