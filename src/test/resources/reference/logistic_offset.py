"""Makes logistic_offset.json: statsmodels' logistic regression of y on timestamps near 1.7e9.

x = 1.7e9 + [0, 1, 2, 3, 4, 5] is exact in double precision, and so is x - 1.7e9; the fit runs on the
centred values (where the Hessian is well conditioned) and the slope is the same in both coordinates.
The intercept is reported at the centre: b0 + c * 1.7e9 = a.

Run with: python3 logistic_offset.py > logistic_offset.json
"""
import json

import numpy as np
import statsmodels
import statsmodels.api as sm

OFFSET = 1.7e9
x = OFFSET + np.arange(6.0)
y = np.array([0.0, 1.0, 0.0, 0.0, 1.0, 1.0])

centred = sm.add_constant(x - OFFSET)
fit = sm.Logit(y, centred).fit(method="newton", tol=1e-14, maxiter=100, disp=False)
a, slope = fit.params
print(json.dumps({
    "source": "statsmodels " + statsmodels.__version__ + " Logit(y, [1, x - offset]).fit(method='newton')",
    "offset": OFFSET,
    "x": x.tolist(),
    "y": y.tolist(),
    "slope": float(slope),
    "interceptAtOffset": float(a),
    "meanLogLoss": float(-fit.llf / len(y)),
}, indent=2))
