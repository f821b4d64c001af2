#!/usr/bin/python3
"""Times one full-batch epoch of logistic regression in numpy: the mean cross-entropy and its gradient,
with the same formulas and data as LogisticLossBenchmark (labels drawn with probability
sigma(-4 + 0.8x), x uniform on [0, 10); weights b0 = -3.5, b = 0.7).

    numpy_logistic.py [N] [REPEATS]

Prints the median wall-clock seconds per epoch over REPEATS runs, after one warm-up run, and the mean CPU
seconds of this process per epoch.
"""
import statistics
import sys
import time

import numpy as np

n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 21

rng = np.random.default_rng(42)
x = rng.uniform(0.0, 10.0, n)
y = (rng.uniform(0.0, 1.0, n) < 1.0 / (1.0 + np.exp(4.0 - 0.8 * x))).astype(np.float64)
b0, b = -3.5, 0.7


def epoch():
    z = b0 + b * x
    # log(1 + e^z) - y z, stable: max(z, 0) - y z + log1p(e^-|z|)
    cost = np.mean(np.maximum(z, 0.0) - y * z + np.log1p(np.exp(-np.abs(z))))
    residual = 1.0 / (1.0 + np.exp(-z)) - y
    return cost, np.mean(residual), np.mean(residual * x)


epoch()
times = []
cpu_start = time.process_time()
for _ in range(repeats):
    start = time.perf_counter()
    epoch()
    times.append(time.perf_counter() - start)
cpu = (time.process_time() - cpu_start) / repeats
print("numpy logistic epoch n=%d: median %.6f s (cpu %.6f s) over %d runs" % (n, statistics.median(times), cpu, repeats))
