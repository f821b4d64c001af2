"""Makes the GLM fixtures beside this script: scikit-learn's PoissonRegressor, GammaRegressor and
TweedieRegressor(power=1.5, link="log") on data that statsmodels and scikit-learn ship, cross-checked
against statsmodels' GLM where the fit is unpenalised.

scikit-learn minimises the mean half deviance (sample-weighted) plus alpha/2·‖c‖², the intercept not
penalised. gradfit minimises the same mean half deviance plus l2·‖c‖², so l2 = alpha/2. Every fit uses
solver="newton-cholesky" (new in scikit-learn 1.2) with tol=1e-12 and max_iter=10000, which converges to
machine precision; the unpenalised ones are checked against statsmodels' IRLS (GLM(...).fit(tol=1e-14)).
"cost" is the objective at the fitted weights, computed by scikit-learn's own loss object plus its
constant_to_optimal_zero (so that it is the half deviance, 0 at a perfect fit) and the penalty.

Data:
  poisson_cpunish   statsmodels.datasets.cpunish: executions in 17 US states in 1997 against 6
                    covariates (statsmodels' own Poisson example), alpha = 0;
  poisson_randhie   statsmodels.datasets.randhie: 20190 visits to a doctor (31% zeros) against 9
                    covariates, alpha = 0.01;
  gamma_scotland    statsmodels.datasets.scotland: the 32 Scottish council areas' "yes" share in the
                    1997 parliament referendum against 7 covariates (statsmodels' Gamma example), alpha = 0;
  gamma_diabetes    scikit-learn's load_diabetes: 442 positive disease progressions against 10 centred,
                    scaled covariates, alpha = 0.001;
  pointwise         each loss's value, gradient and hessian at a grid of scores and targets;
  tweedie_randhie   the randhie visits again with power 1.5 (zeros and positive amounts), alpha = 0 and
                    checked against statsmodels' Tweedie(var_power=1.5) with its log link;
  poisson_cancer_offset, tweedie_cancer_offset
                    statsmodels.datasets.cancer: cancer deaths in 301 counties against the population in
                    thousands, with the exposure offset log(population): statsmodels'
                    GLM(..., offset=log(population)) with Poisson and Tweedie(var_power=1.5) families, alpha = 0.
                    scikit-learn takes no offset, but the Tweedie unit deviance is homogeneous,
                    d(e·y, e·μ) = e^(2−p)·d(y, μ), so the same minimiser is its regressor's on the rates
                    y/exposure with sample weights exposure^(2−p); that is the cross-check.

Run with: /usr/bin/python3 make_fixtures.py   (writes the .json files next to it)
"""
import json
import os

import numpy as np
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn._loss.loss import HalfGammaLoss, HalfPoissonLoss, HalfTweedieLoss
from sklearn.datasets import load_diabetes
from sklearn.linear_model import GammaRegressor, PoissonRegressor, TweedieRegressor
from sklearn.metrics import d2_tweedie_score, mean_absolute_error, mean_squared_error, mean_tweedie_deviance

TIGHT = dict(solver="newton-cholesky", tol=1e-12, max_iter=10000)
HERE = os.path.dirname(os.path.abspath(__file__))


def cost(loss, model, X, y, alpha):
    raw = X @ model.coef_ + model.intercept_
    deviance = loss.loss(y, raw) + loss.constant_to_optimal_zero(y)
    return float(np.mean(deviance) + alpha / 2 * model.coef_ @ model.coef_)


def statsmodels_fit(family, X, y):
    result = sm.GLM(y, sm.add_constant(X), family=family).fit(tol=1e-14, maxiter=1000)
    return result.params[0], result.params[1:]


def write(name, source, power, X, y, alpha, model, loss, family):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    fixture = {
        "source": source + "; scikit-learn " + sklearn.__version__ + ", statsmodels " + statsmodels.__version__,
        "power": power,
        "alpha": alpha,
        "l2": alpha / 2,
        "x": X.tolist(),
        "y": y.tolist(),
        "intercept": float(model.intercept_),
        "coefficients": model.coef_.tolist(),
        "cost": cost(loss, model, X, y, alpha),
        "iterations": int(model.n_iter_),
    }
    if family is not None:
        intercept, coefficients = statsmodels_fit(family, X, y)
        weights = np.concatenate([[model.intercept_], model.coef_])
        theirs = np.concatenate([[intercept], coefficients])
        difference = float(np.max(np.abs(weights - theirs) / np.maximum(np.abs(theirs), 1e-300)))
        assert difference < 1e-8, (name, difference)
        fixture["statsmodels"] = {"intercept": float(intercept), "coefficients": list(map(float, coefficients)),
                                  "largestRelativeDifference": difference}
    with open(os.path.join(HERE, name + ".json"), "w") as out:
        json.dump(fixture, out)
        out.write("\n")


def with_offset(name, power, family, regressor, loss):
    """statsmodels' GLM with offset log(population) on the cancer counts, cross-checked by rates and weights."""
    cancer = sm.datasets.cancer.load_pandas().data
    y = cancer["cancer"].values.astype(float)
    population = cancer["population"].values.astype(float)
    X = (population / 1000.0).reshape(-1, 1)
    offset = np.log(population)
    result = sm.GLM(y, sm.add_constant(X), family=family, offset=offset).fit(tol=1e-14, maxiter=1000)
    intercept, coefficients = float(result.params[0]), result.params[1:]
    rates = regressor.fit(X, y / population, sample_weight=population ** (2 - power))
    theirs = np.concatenate([[intercept], coefficients])
    ours = np.concatenate([[rates.intercept_], rates.coef_])
    difference = float(np.max(np.abs(ours - theirs) / np.abs(theirs)))
    assert difference < 1e-8, (name, difference)
    raw = X @ coefficients + intercept + offset
    fixture = {
        "source": "statsmodels.datasets.cancer, GLM(cancer, [1, population/1000], family=" + type(family).__name__
                  + ", offset=log(population)).fit(tol=1e-14); scikit-learn " + sklearn.__version__
                  + ", statsmodels " + statsmodels.__version__,
        "power": power,
        "alpha": 0.0,
        "l2": 0.0,
        "x": X.tolist(),
        "y": y.tolist(),
        "offset": offset.tolist(),
        "intercept": intercept,
        "coefficients": list(map(float, coefficients)),
        "cost": float(np.mean(loss.loss(y, raw) + loss.constant_to_optimal_zero(y))),
        "iterations": int(result.fit_history["iteration"]),
        # Goodness of fit of the counts themselves, μ = exp(score + offset), by scikit-learn's metrics.
        "metrics": {"meanDeviance": float(mean_tweedie_deviance(y, np.exp(raw), power=power)),
                    "d2": float(d2_tweedie_score(y, np.exp(raw), power=power)),
                    "rmse": float(np.sqrt(mean_squared_error(y, np.exp(raw)))),
                    "mae": float(mean_absolute_error(y, np.exp(raw)))},
        "scikitLearnRates": {"intercept": float(rates.intercept_), "coefficients": rates.coef_.tolist(),
                             "largestRelativeDifference": difference},
    }
    with open(os.path.join(HERE, name + ".json"), "w") as out:
        json.dump(fixture, out)
        out.write("\n")


def pointwise():
    """Each loss at a grid of scores and targets: value (with constant_to_optimal_zero), gradient, hessian."""
    raw = np.array([-3.0, -0.5, 0.0, 0.7, 2.0, 4.5])
    out = {}
    for name, loss, targets in [("poisson", HalfPoissonLoss(), [0.0, 0.25, 1.0, 3.0, 40.0]),
                                ("gamma", HalfGammaLoss(), [0.25, 1.0, 3.0, 40.0]),
                                ("tweedie1.5", HalfTweedieLoss(power=1.5), [0.0, 0.25, 1.0, 3.0, 40.0]),
                                ("tweedie1.2", HalfTweedieLoss(power=1.2), [0.0, 0.25, 1.0, 3.0, 40.0])]:
        z, y = (a.ravel() for a in np.meshgrid(raw, np.array(targets)))
        gradient, hessian = loss.gradient_hessian(y, z)
        out[name] = {"z": z.tolist(), "y": y.tolist(),
                     "value": (loss.loss(y, z) + loss.constant_to_optimal_zero(y)).tolist(),
                     "gradient": gradient.tolist(), "hessian": hessian.tolist()}
    with open(os.path.join(HERE, "pointwise.json"), "w") as file:
        json.dump({"source": "scikit-learn " + sklearn.__version__ + " sklearn._loss.loss Half*Loss", **out}, file)
        file.write("\n")


def main():
    pointwise()
    log = sm.families.links.log()
    cpunish = sm.datasets.cpunish.load_pandas()
    X, y = cpunish.exog.values, cpunish.endog.values
    model = PoissonRegressor(alpha=0, **TIGHT).fit(X, y)
    write("poisson_cpunish", "statsmodels.datasets.cpunish, PoissonRegressor(alpha=0)", 1.0, X, y, 0.0,
          model, HalfPoissonLoss(), sm.families.Poisson())

    randhie = sm.datasets.randhie.load_pandas()
    X, y = randhie.exog.values, randhie.endog.values
    model = PoissonRegressor(alpha=0.01, **TIGHT).fit(X, y)
    write("poisson_randhie", "statsmodels.datasets.randhie, PoissonRegressor(alpha=0.01)", 1.0, X, y, 0.01,
          model, HalfPoissonLoss(), None)

    scotland = sm.datasets.scotland.load_pandas()
    X, y = scotland.exog.values, scotland.endog.values
    model = GammaRegressor(alpha=0, **TIGHT).fit(X, y)
    write("gamma_scotland", "statsmodels.datasets.scotland, GammaRegressor(alpha=0)", 2.0, X, y, 0.0,
          model, HalfGammaLoss(), sm.families.Gamma(link=log))

    X, y = load_diabetes(return_X_y=True)
    model = GammaRegressor(alpha=0.001, **TIGHT).fit(X, y)
    write("gamma_diabetes", "sklearn.datasets.load_diabetes, GammaRegressor(alpha=0.001)", 2.0, X, y, 0.001,
          model, HalfGammaLoss(), None)

    X, y = randhie.exog.values, randhie.endog.values
    model = TweedieRegressor(power=1.5, link="log", alpha=0, **TIGHT).fit(X, y)
    write("tweedie_randhie", "statsmodels.datasets.randhie, TweedieRegressor(power=1.5, link='log', alpha=0)",
          1.5, X, y, 0.0, model, HalfTweedieLoss(power=1.5), sm.families.Tweedie(var_power=1.5, link=log))

    with_offset("poisson_cancer_offset", 1.0, sm.families.Poisson(), PoissonRegressor(alpha=0, **TIGHT),
                HalfPoissonLoss())
    with_offset("tweedie_cancer_offset", 1.5, sm.families.Tweedie(var_power=1.5, link=log),
                TweedieRegressor(power=1.5, link="log", alpha=0, **TIGHT), HalfTweedieLoss(power=1.5))


if __name__ == "__main__":
    main()
