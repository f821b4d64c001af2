#!/usr/bin/python3
"""Writes the benchmark data set of n points: y = 3 + 2x + noise, x uniform on [0, 10).

    make_data.py N OUT_PREFIX [EPOCHS] [SEED]

OUT_PREFIX.json is a fit request body ({"x": [...], "y": [...], "epochs": EPOCHS}, numbers written in
Python's shortest round-trip form, as a JSON serializer sends doubles), OUT_PREFIX.parse.json the same
body with an epoch count above gradfit.fit.max-epochs (the server parses it, then refuses it with 400
before any fitting: the cost of parsing alone), and OUT_PREFIX.npz the same doubles for numpy.
"""
import json
import sys

import numpy as np

n = int(float(sys.argv[1]))
prefix = sys.argv[2]
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 42

rng = np.random.default_rng(seed)
x = rng.uniform(0.0, 10.0, n)
y = 3.0 + 2.0 * x + rng.normal(0.0, 1.0, n)
np.savez(prefix + ".npz", x=x, y=y)
numbers_x = ",".join(repr(v) for v in x.tolist())
numbers_y = ",".join(repr(v) for v in y.tolist())
with open(prefix + ".json", "w") as out:
    out.write('{"x":[%s],"y":[%s],"epochs":%d}' % (numbers_x, numbers_y, epochs))
with open(prefix + ".parse.json", "w") as out:
    out.write('{"x":[%s],"y":[%s],"epochs":%d}' % (numbers_x, numbers_y, 2_000_000_000))
