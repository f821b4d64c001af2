#!/usr/bin/python3
"""The softmax and Poisson engine benchmarks' Python side (bench/engine2.sh).

    numpy_engine2.py data N D K DIR        # writes DIR/x.f64, DIR/softmax.f64, DIR/poisson.f64 once
    numpy_engine2.py gd LOSS DIR EPOCHS RATE
    numpy_engine2.py optimum LOSS DIR L2
    numpy_engine2.py sklearn LOSS DIR L2 OPTIMUM TOLS REPEATS [GAP]

The data (seed 20261206): x standard normal, n rows by d features, row-major little-endian float64, as
gradfit's Dataset holds them; softmax labels drawn from a softmax model (true weights N(0, 0.5²), Gumbel
maximum), Poisson counts drawn with mean exp(0.3 + x·β), β ~ N(0, 0.15²). Both sides read the same files.

gd: full-batch gradient descent from zero weights, the update gradfit's GradientDescent makes
(w ← w − rate·∇J), vectorised: Z = X·Wᵀ + b, log-sum-exp, ∇ = (P − Y)ᵀX / n; or μ = exp(Xβ + b),
∇ = Xᵀ(μ − y) / n. Prints seconds per epoch (wall clock over the EPOCHS after one warm-up epoch), CPU
seconds per epoch of this process, and the cost after the last epoch.

optimum: the exact minimiser of J(w) = mean loss + L2·Σ coefficients² (gradfit's cost; no penalty on the
intercepts) by Newton's method to the last digit; prints its cost.

sklearn: scikit-learn's LogisticRegression(multinomial, lbfgs, C = 1/(2·L2·n)) or
PoissonRegressor(lbfgs, alpha = 2·L2), the same minimiser, for each tol in TOLS (comma-separated): the
median fit time over REPEATS (wall clock, and CPU seconds of this process, its OpenMP threads included) and the relative gap (J − J*)/J* of the weights it returns, J in gradfit's
definition. With GAP, max_iter is first lowered to the fewest iterations whose weights are within GAP
(relative) of OPTIMUM, and those fits are timed: scikit-learn's lbfgs otherwise runs on to its own ftol.
"""
import statistics
import sys
import time
import warnings

import numpy as np

SEED = 20261206


def load(directory, loss):
    with open(directory + "/shape") as f:
        n, d, k = (int(v) for v in f.read().split())
    x = np.fromfile(directory + "/x.f64", dtype="<f8").reshape(n, d)
    y = np.fromfile(directory + "/" + loss + ".f64", dtype="<f8")
    return x, y, k


def make(n, d, k, directory):
    rng = np.random.default_rng(SEED)
    x = rng.standard_normal((n, d))
    w = rng.normal(0.0, 0.5, (k, d))
    b = rng.normal(0.0, 0.5, k)
    z = x @ w.T + b + rng.gumbel(size=(n, k))
    labels = np.argmax(z, axis=1).astype(np.float64)
    beta = rng.normal(0.0, 0.15, d)
    counts = rng.poisson(np.exp(0.3 + x @ beta)).astype(np.float64)
    x.astype("<f8").tofile(directory + "/x.f64")
    labels.astype("<f8").tofile(directory + "/softmax.f64")
    counts.astype("<f8").tofile(directory + "/poisson.f64")
    with open(directory + "/shape", "w") as f:
        f.write("%d %d %d\n" % (n, d, k))


def poisson_constant(y):
    # y·log y − y, 0 at y = 0: the half deviance's constant, as gradfit's and scikit-learn's
    safe = np.where(y > 0, y, 1.0)
    return np.mean(np.where(y > 0, y * np.log(safe), 0.0) - y)


def softmax_cost_grad(x, onehot, w, b, l2=0.0):
    """Mean cross-entropy (+ L2·‖W‖²) and its gradient; w is K×d, b has K entries."""
    n = x.shape[0]
    z = x @ w.T
    z += b
    m = z.max(axis=1, keepdims=True)
    e = np.exp(z - m)
    s = e.sum(axis=1, keepdims=True)
    cost = np.mean(m[:, 0] + np.log(s[:, 0]) - np.sum(z * onehot, axis=1)) + l2 * np.sum(w * w)
    p = e / s
    p -= onehot
    gw = p.T @ x / n + 2.0 * l2 * w
    gb = p.mean(axis=0)
    return cost, gw, gb


def poisson_cost_grad(x, y, const, w, b, l2=0.0):
    z = x @ w + b
    mu = np.exp(z)
    cost = np.mean(mu - y * z) + const + l2 * np.dot(w, w)
    r = mu - y
    return cost, x.T @ r / x.shape[0] + 2.0 * l2 * w, r.mean()


def gd(loss, directory, epochs, rate):
    x, y, k = load(directory, loss)
    n, d = x.shape
    if loss == "softmax":
        onehot = np.zeros((n, k))
        onehot[np.arange(n), y.astype(np.int64)] = 1.0
        w, b = np.zeros((k, d)), np.zeros(k)
        step = lambda w, b: softmax_cost_grad(x, onehot, w, b)  # noqa: E731
    else:
        const = poisson_constant(y)
        w, b = np.zeros(d), 0.0
        step = lambda w, b: poisson_cost_grad(x, y, const, w, b)  # noqa: E731
    step(w, b)  # warm-up
    cpu = time.process_time()
    start = time.perf_counter()
    for _ in range(epochs):
        cost, gw, gb = step(w, b)
        w = w - rate * gw
        b = b - rate * gb
    wall = (time.perf_counter() - start) / epochs
    cpu = (time.process_time() - cpu) / epochs
    cost = step(w, b)[0]  # after the last update, untimed
    print("numpy %s gd n=%d d=%d: %.6f s/epoch (cpu %.6f s) cost %.17g after %d epochs" % (loss, n, d, wall, cpu, cost, epochs))


def hessian_softmax(x, w, b, l2):
    n, d = x.shape
    k = w.shape[0]
    xa = np.hstack([np.ones((n, 1)), x])  # [1, x]: the layout of gradfit's blocks [b_k, c_k...]
    z = xa @ np.hstack([b[:, None], w]).T
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    q = d + 1
    h = np.zeros((k * q, k * q))
    for a in range(k):
        for c in range(a, k):
            coeff = p[:, a] * ((1.0 if a == c else 0.0) - p[:, c])
            block = (xa * coeff[:, None]).T @ xa / n
            h[a * q:(a + 1) * q, c * q:(c + 1) * q] = block
            h[c * q:(c + 1) * q, a * q:(a + 1) * q] = block.T
    penalty = np.tile(np.r_[0.0, np.full(d, 2.0 * l2)], k)
    return h + np.diag(penalty)


def optimum(loss, directory, l2):
    x, y, k = load(directory, loss)
    n, d = x.shape
    if loss == "softmax":
        onehot = np.zeros((n, k))
        onehot[np.arange(n), y.astype(np.int64)] = 1.0
        w, b = np.zeros((k, d)), np.zeros(k)
        for it in range(100):
            cost, gw, gb = softmax_cost_grad(x, onehot, w, b, l2)
            g = np.hstack([gb[:, None], gw]).ravel()
            # the intercepts' common shift is free (H singular along it): least squares picks the step without it
            step = np.linalg.lstsq(hessian_softmax(x, w, b, l2), g, rcond=1e-13)[0].reshape(k, d + 1)
            w, b = w - step[:, 1:], b - step[:, 0]
            b -= b.mean()
            if np.max(np.abs(g)) < 1e-15:
                break
        cost = softmax_cost_grad(x, onehot, w, b, l2)[0]
    else:
        const = poisson_constant(y)
        xa = np.hstack([np.ones((n, 1)), x])
        v = np.zeros(d + 1)
        v[0] = np.log(y.mean())
        penalty = np.diag(np.r_[0.0, np.full(d, 2.0 * l2)])
        for it in range(100):
            cost, gw, gb = poisson_cost_grad(x, y, const, v[1:], v[0], l2)
            g = np.r_[gb, gw]
            mu = np.exp(xa @ v)
            h = (xa * mu[:, None]).T @ xa / n + penalty
            v = v - np.linalg.solve(h, g)
            if np.max(np.abs(g)) < 1e-15:
                break
        cost = poisson_cost_grad(x, y, const, v[1:], v[0], l2)[0]
    print("optimum %s n=%d d=%d l2=%g: J* = %.17g after %d Newton steps, max |gradient| %.3g" % (loss, n, d, l2, cost, it + 1, np.max(np.abs(g))))


def sklearn(loss, directory, l2, best, tols, repeats, max_iters=None):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression, PoissonRegressor

    warnings.simplefilter("ignore", ConvergenceWarning)
    x, y, k = load(directory, loss)
    n, d = x.shape
    if loss == "softmax":
        onehot = np.zeros((n, k))
        onehot[np.arange(n), y.astype(np.int64)] = 1.0
        labels = y.astype(np.int64)
        model = lambda tol: LogisticRegression(  # noqa: E731
            multi_class="multinomial", solver="lbfgs", C=1.0 / (2.0 * l2 * n), tol=tol, max_iter=100000)
        cost = lambda m: softmax_cost_grad(x, onehot, m.coef_, m.intercept_, l2)[0]  # noqa: E731
    else:
        const = poisson_constant(y)
        labels = y
        model = lambda tol: PoissonRegressor(alpha=2.0 * l2, solver="lbfgs", tol=tol, max_iter=100000)  # noqa: E731
        cost = lambda m: poisson_cost_grad(x, y, const, m.coef_, m.intercept_, l2)[0]  # noqa: E731
    model(tols[0]).fit(x, labels)  # warm-up
    if max_iters:
        # lbfgs's own stop (ftol 64·eps in scikit-learn) goes far past 1e-8 whatever the tol: the time to
        # the gap is that of the fewest iterations that reach it
        for iters in range(1, 1000):
            m = model(tols[0])
            m.max_iter = iters
            m.fit(x, labels)
            if (cost(m) - best) / best <= max_iters:
                break
        model = lambda tol, model=model, iters=iters: model(tol).set_params(max_iter=iters)  # noqa: E731
    for tol in tols:
        times, cpus = [], []
        for _ in range(repeats):
            m = model(tol)
            cpu = time.process_time()
            start = time.perf_counter()
            m.fit(x, labels)
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        gap = (cost(m) - best) / best
        iters = int(np.max(m.n_iter_))
        print("sklearn %s n=%d tol=%g: %.6f s (cpu %.6f s) (median of %d; min %.6f) %d iterations, relative gap %.3g" % (
            loss, n, tol, statistics.median(times), statistics.median(cpus), repeats, min(times), iters, gap))


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "data":
        make(int(float(sys.argv[2])), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif what == "gd":
        gd(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
    elif what == "optimum":
        optimum(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    elif what == "sklearn":
        sklearn(sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]),
                [float(t) for t in sys.argv[6].split(",")], int(sys.argv[7]),
                float(sys.argv[8]) if len(sys.argv) > 8 else None)
    else:
        raise SystemExit(__doc__)
