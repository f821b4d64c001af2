"""Deviance residuals of the cancer fits with an exposure offset: offset_residuals.json, beside this script.

Run with: /usr/bin/python3 offset_residuals.py

For poisson_cancer_offset.json and tweedie_cancer_offset.json (made by make_fixtures.py): the fitted means
mu_i = exp(intercept + coefficient * x_i + offset_i) of the fixture's own weights, and statsmodels' deviance
residuals family.resid_dev(y, mu) of them. statsmodels' GLM(y, [1, x], family, offset=offset) is fitted again
here and its resid_deviance compared with those: the largest difference is recorded (its weights are the
fixture's to the fit's tolerance).
"""
import json
import os

import numpy as np
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))


def residuals(name, family):
    with open(os.path.join(HERE, name + ".json")) as f:
        fixture = json.load(f)
    x = np.array(fixture["x"])
    y = np.array(fixture["y"])
    offset = np.array(fixture["offset"])
    mu = np.exp(fixture["intercept"] + x @ np.array(fixture["coefficients"]) + offset)
    residual = family.resid_dev(y, mu)
    fitted = sm.GLM(y, sm.add_constant(x), family=family, offset=offset).fit(tol=1e-14, maxiter=1000)
    return {
        "fixture": name,
        "means": mu.tolist(),
        "devianceResiduals": residual.tolist(),
        "glmResidDevianceLargestDifference": float(np.max(np.abs(fitted.resid_deviance - residual))),
    }


def main():
    out = {
        "source": "statsmodels " + statsmodels.__version__ + " family.resid_dev(y, mu) at the fixtures' weights,"
                  " mu = exp(intercept + coefficient * x + offset); see offset_residuals.py",
        "fits": [residuals("poisson_cancer_offset", sm.families.Poisson()),
                 residuals("tweedie_cancer_offset", sm.families.Tweedie(var_power=1.5))],
    }
    with open(os.path.join(HERE, "offset_residuals.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for fit in out["fits"]:
        r = np.array(fit["devianceResiduals"])
        print(fit["fixture"], "smallest |r|", np.abs(r).min(), "largest |r|", np.abs(r).max(),
              "GLM resid_deviance differs by", fit["glmResidDevianceLargestDifference"])


if __name__ == "__main__":
    main()
