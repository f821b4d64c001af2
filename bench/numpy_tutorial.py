#!/usr/bin/python3
"""The tutorial's batch gradient descent written with numpy, timed on a data set of make_data.py.

    numpy_tutorial.py DATA.npz [EPOCHS] [RUNS]

Prints the median seconds of the compute alone (the data is already in memory) over RUNS runs, wall
clock and CPU time of this process, and the weights, so that they can be checked against gradfit's.
"""
import statistics
import sys
import time

import numpy as np

data = np.load(sys.argv[1])
x, y = data["x"], data["y"]
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3


def fit(x, y, learning_rate=0.001, epochs=1000):
    b, b0 = 0.0, 0.0
    n = float(len(x))
    for _ in range(epochs):
        y_pred = b * x + b0
        d_b = (-2 / n) * np.sum(x * (y - y_pred))
        d_b0 = (-2 / n) * np.sum(y - y_pred)
        b = b - learning_rate * d_b
        b0 = b0 - learning_rate * d_b0
    return b0, b


times = []
cpu_times = []
for _ in range(runs):
    start = time.perf_counter()
    cpu_start = time.process_time()
    b0, b = fit(x, y, epochs=epochs)
    cpu_times.append(time.process_time() - cpu_start)
    times.append(time.perf_counter() - start)
print("numpy n=%d epochs=%d median %.4f s (cpu %.4f s) over %d runs; intercept %.17g slope %.17g"
      % (len(x), epochs, statistics.median(times), statistics.median(cpu_times), runs, b0, b))
