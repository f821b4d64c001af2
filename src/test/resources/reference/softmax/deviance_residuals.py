"""Deviance residuals of the softmax fits in iris.json: deviance_residuals.json, beside this script.

Run with: /usr/bin/python3 deviance_residuals.py

The deviance residual of a row of class y is r = sqrt(-2 log p_y), p_y the model's probability of the row's own
class: the row's contribution to the deviance -2 log L is r^2 (McCullagh and Nelder, Generalized Linear Models,
2nd ed., section 4.4.3, the multinomial case). The weights are the fixture's own ("intercepts",
"coefficients"), put into a scikit-learn LogisticRegression (multi_class="multinomial"), whose predict_log_proba
gives log p; numpy's log-softmax (scipy's logsumexp) of the same scores cross-checks it, and the largest
difference of the two residuals is recorded. The residuals are in row order, with the probability of each row's
class.
"""
import json
import os

import numpy as np
import sklearn
from scipy.special import logsumexp
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))


def residuals(x, y, fit):
    model = LogisticRegression(multi_class="multinomial")
    model.classes_ = np.arange(len(fit["intercepts"]))
    model.intercept_ = np.array(fit["intercepts"])
    model.coef_ = np.array(fit["coefficients"])
    columns = fit.get("columns", list(range(x.shape[1])))
    log_p = model.predict_log_proba(x[:, columns])[np.arange(len(y)), y]
    z = model.intercept_ + x[:, columns] @ model.coef_.T
    check = np.sqrt(2.0 * (logsumexp(z, axis=1) - z[np.arange(len(y)), y]))
    return {
        "name": fit["name"],
        "columns": columns,
        "devianceResiduals": np.sqrt(-2.0 * log_p).tolist(),
        "trueClassProbabilities": np.exp(log_p).tolist(),
        "deviance": float(-2.0 * np.sum(log_p)),
        "logSumExpLargestDifference": float(np.max(np.abs(check - np.sqrt(-2.0 * log_p)))),
    }


def main():
    with open(os.path.join(HERE, "iris.json")) as f:
        iris = json.load(f)
    x = np.array(iris["x"])
    y = np.array(iris["y"])
    out = {
        "source": "iris.json's fits, scikit-learn " + sklearn.__version__
                  + " LogisticRegression.predict_log_proba; see deviance_residuals.py",
        "fits": [residuals(x, y, fit) for fit in iris["fits"]],
    }
    with open(os.path.join(HERE, "deviance_residuals.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for fit in out["fits"]:
        r = np.array(fit["devianceResiduals"])
        print(fit["name"], "deviance", fit["deviance"], "smallest r", r.min(), "largest r", r.max(),
              "logsumexp differs by", fit["logSumExpLargestDifference"])


if __name__ == "__main__":
    main()
