"""Makes confusion_weighted.json: scikit-learn's weighted confusion matrix and accuracy of a fixed
linear classifier, predicting class 1 where the score intercept + coefficient * x is at least 0.

Run with: python3 confusion_weighted.py > confusion_weighted.json
"""
import json

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, confusion_matrix, log_loss

x = np.arange(10.0)
y = np.array([0, 0, 1, 0, 1, 0, 1, 1, 0, 1])
sample_weight = np.array([1.0, 0.5, 2.0, 0.0, 0.25, 1.5, 0.0, 3.0, 0.75, 1.0])
intercept, coefficient = -4.5, 1.0

score = intercept + coefficient * x
predicted = (score >= 0).astype(int)
probability = 1.0 / (1.0 + np.exp(-score))
tn, fp, fn, tp = confusion_matrix(y, predicted, sample_weight=sample_weight).ravel()
print(json.dumps({
    "source": "scikit-learn " + sklearn.__version__
    + " confusion_matrix, accuracy_score and log_loss with sample_weight",
    "x": x.tolist(),
    "y": y.astype(float).tolist(),
    "sampleWeights": sample_weight.tolist(),
    "intercept": intercept,
    "coefficient": coefficient,
    "truePositives": float(tp),
    "falsePositives": float(fp),
    "trueNegatives": float(tn),
    "falseNegatives": float(fn),
    "accuracy": float(accuracy_score(y, predicted, sample_weight=sample_weight)),
    "logLoss": float(log_loss(y, probability, sample_weight=sample_weight)),
}, indent=2))
