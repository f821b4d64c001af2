"""Makes lasso_diabetes.json: scikit-learn's Lasso and ElasticNet on the diabetes data it ships
(sklearn.datasets.load_diabetes: 442 patients, 10 features, already centred and scaled).

gradfit minimises J = (1/n)·Σ(b0 + c·x − y)² + l1·Σ|c| + l2·Σc²; scikit-learn minimises
(1/2n)·‖y − Xw‖² + α·ρ·‖w‖₁ + (α·(1 − ρ)/2)·‖w‖², which is J/2 with α·ρ = l1/2 and α·(1 − ρ) = l2:
Lasso(alpha = l1/2), ElasticNet(alpha = l1/2 + l2, l1_ratio = (l1/2)/(l1/2 + l2)).

"standardized" is the same on the z-scores (x − mean)/std with the population std (ddof = 0), the
space where gradfit's standardize puts the penalty; its coefficients are in those units.

Run with: python3 lasso_diabetes.py > lasso_diabetes.json
"""
import json

import numpy as np
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso

X, y = load_diabetes(return_X_y=True)
L1, L2 = 1.0, 0.5
TIGHT = dict(tol=1e-14, max_iter=1_000_000)


def lasso(features):
    model = Lasso(alpha=L1 / 2, **TIGHT).fit(features, y)
    return {"intercept": float(model.intercept_), "coefficients": model.coef_.tolist()}


def elastic_net(features):
    alpha = L1 / 2 + L2
    model = ElasticNet(alpha=alpha, l1_ratio=(L1 / 2) / alpha, **TIGHT).fit(features, y)
    return {"intercept": float(model.intercept_), "coefficients": model.coef_.tolist()}


Z = (X - X.mean(axis=0)) / X.std(axis=0)
print(json.dumps({
    "source": "scikit-learn " + sklearn.__version__ + " Lasso and ElasticNet on load_diabetes()",
    "l1": L1,
    "l2": L2,
    "x": X.tolist(),
    "y": y.tolist(),
    "lasso": lasso(X),
    "elasticNet": elastic_net(X),
    "standardized": {"lasso": lasso(Z), "elasticNet": elastic_net(Z)},
}))
