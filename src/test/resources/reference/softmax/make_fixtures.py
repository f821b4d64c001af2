"""Makes the softmax (multinomial logistic regression) fixtures: iris.json and wine.json.

Run with: /usr/bin/python3 make_fixtures.py   (writes the json files beside this script)

Each file holds the data (x row-major as rows, y the class index 0..K-1) and fits of

    J(b, c) = (1/n) * sum_i -log softmax(b + c x_i)[y_i]  +  l2 * sum_k ||c_k||^2

over all K rows (b_k, c_k), the intercepts unpenalised: gradfit's cost. scikit-learn's
LogisticRegression(multi_class="multinomial") minimises C * sum_i NLL_i + (1/2) * sum_k ||c_k||^2, which is
n*C times J with l2 = 1/(2*C*n): the same minimiser. The intercepts are fixed by the convention that they sum
to zero over the classes (scikit-learn's lbfgs from zero keeps that, and so does gradient descent from zero);
with l2 > 0 the coefficients of the minimiser sum to zero over the classes by themselves.

Every fit is solved twice, independently:
  * "sklearn": LogisticRegression(solver="lbfgs", tol=1e-14, max_iter=100000). Its L-BFGS also stops on a
    relative change of the cost of 64*eps (scipy's ftol, set by scikit-learn), which on the raw iris features
    (condition number 3.5e4) stops it with a gradient of 8e-6, weights up to 9e-4 from the minimiser and a
    cost 1.5e-9 above it; on standardized wine it is within 7e-6. (Its newton-cg solver hits max_iter at
    2.8e-7.) The file records its weights, cost and distance from the other solution; tests hold gradfit to
    a cost no higher than scikit-learn's and to weights within that distance.
  * "newton": Newton's method on J written here with numpy (exact gradient and Hessian of the cross-entropy,
    the Hessian made definite on the sum-to-zero direction by adding the projector onto it), iterated until
    the step is below 1e-15, then checked with scipy.optimize.minimize(method="trust-exact") from that point:
    the largest gradient entry at the solution, and how far trust-exact moved it (0), are recorded. This is the solution the Java tests compare with to 1e-9.

iris: the 4 raw features (cm), C = 1 (scikit-learn's default). wine: the 13 features are standardized here
with the population standard deviation (ddof = 0: the mean and spread gradfit's Standardizer computes), so
that the penalty acts on the standardized coefficients, as with gradfit's standardize option; the file holds
the raw x, the means and scales, and the weights both in standardized and in original units
(c = beta / sigma, b = a - sum_j c_j mu_j). Both full datasets are linearly separable (statsmodels' MNLogit
finds no finite maximum), so the one unpenalised fit is on iris's sepal width alone, where the classes
overlap: its maximum likelihood exists, and statsmodels' MNLogit (reference class 0) gives it too, as the
differences of our rows from row 0.
"""
import json
import os
import warnings

import numpy as np
import scipy
import scipy.optimize
import sklearn
import statsmodels
import statsmodels.api as sm
from scipy.special import logsumexp
from sklearn.datasets import load_iris, load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, log_loss

HERE = os.path.dirname(os.path.abspath(__file__))


def unpack(w, k, d):
    w = w.reshape(k, d + 1)
    return w[:, 0], w[:, 1:]


def cost(w, x, y, k, l2):
    b, c = unpack(w, k, x.shape[1])
    z = b + x @ c.T
    return np.mean(logsumexp(z, axis=1) - z[np.arange(len(y)), y]) + l2 * np.sum(c * c)


def gradient(w, x, y, k, l2):
    n, d = x.shape
    b, c = unpack(w, k, d)
    z = b + x @ c.T
    p = np.exp(z - logsumexp(z, axis=1, keepdims=True))
    r = p.copy()
    r[np.arange(n), y] -= 1.0
    g = np.zeros((k, d + 1))
    g[:, 0] = r.sum(axis=0) / n
    g[:, 1:] = r.T @ x / n + 2.0 * l2 * c
    return g.ravel()


def hessian(w, x, y, k, l2):
    n, d = x.shape
    b, c = unpack(w, k, d)
    z = b + x @ c.T
    p = np.exp(z - logsumexp(z, axis=1, keepdims=True))
    xt = np.hstack([np.ones((n, 1)), x])
    h = np.zeros((k * (d + 1), k * (d + 1)))
    for a in range(k):
        for e in range(k):
            weight = p[:, a] * ((a == e) - p[:, e])
            h[a * (d + 1):(a + 1) * (d + 1), e * (d + 1):(e + 1) * (d + 1)] = (xt * weight[:, None]).T @ xt / n
    for a in range(k):
        for j in range(d):
            h[a * (d + 1) + 1 + j, a * (d + 1) + 1 + j] += 2.0 * l2
    return h


def newton(x, y, k, l2):
    n, d = x.shape
    m = k * (d + 1)
    # The projector onto the sum-to-zero direction of every parameter: the Hessian's null space (intercepts
    # always, coefficients too without l2). Adding it makes the system definite and leaves the step in the
    # complement, where the gradient lies.
    ones = np.kron(np.ones((k, k)) / k, np.eye(d + 1))
    w = np.zeros(m)
    for _ in range(200):
        g = gradient(w, x, y, k, l2)
        step = -np.linalg.solve(hessian(w, x, y, k, l2) + ones, g)
        t = 1.0
        # Armijo backtracking far from the minimum; near it (|g| < 1e-6) full steps, since there the cost
        # changes by less than its rounding and the test would refuse the steps that still gain digits.
        while np.max(np.abs(g)) > 1e-6 and t > 1e-12 and (
                cost(w + t * step, x, y, k, l2) > cost(w, x, y, k, l2) + 1e-4 * t * g @ step):
            t *= 0.5
        w = w + t * step
        if np.max(np.abs(t * step)) < 1e-15 * max(1.0, np.max(np.abs(w))):
            break
    b, c = unpack(w, k, d)
    b = b - b.mean()
    if l2 == 0:
        c = c - c.mean(axis=0)
    w = np.hstack([b[:, None], c]).ravel()
    check = scipy.optimize.minimize(cost, w, args=(x, y, k, l2), jac=gradient, hess=hessian, method="trust-exact",
                                    options={"gtol": 1e-14})
    return w, check


def sklearn_fit(x, y, c_value):
    warnings.simplefilter("ignore")
    penalty = "l2" if c_value is not None else "none"
    model = LogisticRegression(multi_class="multinomial", solver="lbfgs", tol=1e-14, max_iter=100000,
                               penalty=penalty, C=c_value if c_value is not None else 1.0)
    model.fit(x, y)
    return model.intercept_ - model.intercept_.mean(), model.coef_, float(model.intercept_.sum())


def fit(name, x, y, c_value, means=None, scales=None):
    n, d = x.shape
    k = int(y.max()) + 1
    l2 = 0.0 if c_value is None else 1.0 / (2.0 * c_value * n)
    w, check = newton(x, y, k, l2)
    b, c = unpack(w, k, d)
    sk_b, sk_c, sk_sum = sklearn_fit(x, y, c_value)
    sk_w = np.hstack([sk_b[:, None], sk_c]).ravel()
    out = {
        "name": name,
        "C": c_value,
        "l2": l2,
        "standardized": means is not None,
        "intercepts": b.tolist(),
        "coefficients": c.tolist(),
        "cost": float(cost(w, x, y, k, l2)),
        "meanLogLoss": float(cost(w, x, y, k, 0.0)),
        "gradientMaxAbs": float(np.max(np.abs(gradient(w, x, y, k, l2)))),
        "trustExactMaxAbsChange": float(np.max(np.abs(check.x - w))),
        "sklearnIntercepts": sk_b.tolist(),
        "sklearnCoefficients": sk_c.tolist(),
        "sklearnInterceptSumBeforeCentring": sk_sum,
        "sklearnMaxAbsDifference": float(np.max(np.abs(sk_w - w))),
        "sklearnCost": float(cost(sk_w, x, y, k, l2)),
        "accuracy": float(np.mean(np.argmax(b + x @ c.T, axis=1) == y)),
    }
    # The metrics of the minimiser, by scikit-learn: predictions are numpy's argmax of the probabilities.
    z = b + x @ c.T
    probabilities = np.exp(z - logsumexp(z, axis=1, keepdims=True))
    predicted = np.argmax(probabilities, axis=1)
    out["metrics"] = {
        "logLoss": float(log_loss(y, probabilities)),
        "accuracy": float(accuracy_score(y, predicted)),
        "macroF1": float(f1_score(y, predicted, average="macro")),
        "confusion": confusion_matrix(y, predicted).tolist(),
    }
    if means is not None:
        original_c = c / scales
        out["originalIntercepts"] = (b - original_c @ means).tolist()
        out["originalCoefficients"] = original_c.tolist()
    return out


def dataset(x, y, fits, **extra):
    return {
        "source": "scikit-learn " + sklearn.__version__ + ", scipy " + scipy.__version__ + ", statsmodels "
                  + statsmodels.__version__ + "; see make_fixtures.py",
        "x": x.tolist(),
        "y": y.tolist(),
        "classes": int(y.max()) + 1,
        **extra,
        "fits": fits,
    }


def statsmodels_reference_class(x, y):
    """MNLogit's parameters (reference class 0): rows 1..K-1 minus row 0 of the all-rows solution."""
    result = sm.MNLogit(y, sm.add_constant(x)).fit(method="newton", tol=1e-14, maxiter=100, disp=False)
    return result.params.T.tolist(), bool(result.mle_retvals["converged"])


def main():
    iris_x, iris_y = load_iris(return_X_y=True)
    iris_fits = [fit("iris C=1", iris_x, iris_y, 1.0)]
    width = iris_x[:, [1]]
    unpenalised = fit("iris sepal width, unpenalised", width, iris_y, None)
    unpenalised["columns"] = [1]
    unpenalised["statsmodelsMNLogit"], converged = statsmodels_reference_class(width, iris_y)
    assert converged
    iris_fits.append(unpenalised)
    with open(os.path.join(HERE, "iris.json"), "w") as f:
        json.dump(dataset(iris_x, iris_y, iris_fits), f, indent=1)
        f.write("\n")

    wine_x, wine_y = load_wine(return_X_y=True)
    means = wine_x.mean(axis=0)
    scales = wine_x.std(axis=0)
    z = (wine_x - means) / scales
    wine_fits = [fit("wine standardized C=0.1", z, wine_y, 0.1, means, scales)]
    with open(os.path.join(HERE, "wine.json"), "w") as f:
        json.dump(dataset(wine_x, wine_y, wine_fits, means=means.tolist(), scales=scales.tolist()), f, indent=1)
        f.write("\n")
    for fits in (iris_fits, wine_fits):
        for one in fits:
            print(one["name"], "l2", one["l2"], "cost", one["cost"], "|grad|", one["gradientMaxAbs"],
                  "trust-exact moved", one["trustExactMaxAbsChange"], "sklearn differs by",
                  one["sklearnMaxAbsDifference"], "accuracy", one["accuracy"])


if __name__ == "__main__":
    main()
