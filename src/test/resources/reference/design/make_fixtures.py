"""Makes the design fixtures beside this script: patsy's design matrices (statsmodels' formula API builds its
matrices with patsy.dmatrix) and scikit-learn's ColumnTransformer pipelines, on data statsmodels ships.

Data (written into the fixtures as columns, text as strings, missing cells as null):
  grunfeld          statsmodels.datasets.grunfeld: investment of 11 US firms, 1935-1954 (220 rows); firm is text,
                    year a whole number;
  grunfeld_missing  the same with cells removed deterministically: value in every 7th row (from row 2), capital in
                    every 13th (from row 5), firm in every 11th (from row 3);
  grunfeld_unseen   grunfeld_missing with the firm of every 9th row (from row 4) renamed 'Nowhere', a level no
                    training row holds;
  fair              statsmodels.datasets.fair, its first 400 rows: occupation (1-6) and religious (1-4) are
                    numeric codes, made whole numbers so that their levels print as patsy prints ints.

patsy.json: for each case, a formula, the rows it is learned from ("train") and the rows it is applied to
("apply", patsy's build_design_matrices with the learned DesignInfo; rows with a missing cell are dropped, which
is missing = skip), and patsy's column names and matrix, its "Intercept" column included.

sklearn.json: for each case, the JSON form of a design (columns, categorical, polynomial, interactions, coding,
missing, unknownLevels) and the ColumnTransformer that does the same, fitted on the train rows and applied to the
apply rows. scikit-learn's names are written as "sklearnNames" and mapped to gradfit's as "names" by the rule of
name_of() below: 'cat__firm_Chrysler' -> 'firm[T.Chrysler]' ('firm[Chrysler]' when no level is dropped),
'num__value' -> 'value', 'pow_value__value^2' -> 'I(value**2)', 'inter__value capital' -> 'value:capital',
'miss__missingindicator_value' -> 'value_missing'. Columns are compared by name: scikit-learn orders its
transformers as listed, gradfit as patsy does.

grunfeld_missing.csv, grunfeld_unseen.csv: the same two datasets as pandas writes them (DataFrame.to_csv without
the index): a header, the text of firm unquoted, a missing cell empty, lines ended by CRLF; the tables a CSV reader
must give for the cases above.

fits.json: whole fits of the same data, for the HTTP tests. "pipelines": a scikit-learn Pipeline of the
ColumnTransformer above (OneHotEncoder with drop='first', SimpleImputer(strategy='mean') with its missing
indicators, PolynomialFeatures) feeding LinearRegression(), or LogisticRegression(penalty=None, tol=1e-10,
solver='newton-cholesky') on a binary target (a Newton solver converges to the tolerance; lbfgs stops some 1e-4
short), fitted on the train rows: its coefficients by gradfit's name, its intercept, and its predictions on the
apply rows (predict for a regression, predict_proba's second column for a classifier). "formulas": statsmodels'
smf.ols(formula, data).fit().params by gradfit's name ('C(firm)[T.x]' -> 'firm[T.x]', 'I(value ** 2)' ->
'I(value**2)'), the intercept apart, and "exact": the least-squares solution of the same design matrix (patsy's
doubles) in rational arithmetic (Fraction: the normal equations solved without rounding, then rounded once), with
"exactIntercept": statsmodels' own answer is off from it by up to 2.3e-8 relative where the design's condition
number is 1.7e8 (I(value**2) beside value:capital). fair_binary is fair with affairs > 1 (these 400 rows all had some) as the 0/1
column "affair", and rate_marriage made whole numbers.

Run with: /usr/bin/python3 make_fixtures.py   (writes the .json files next to it)
"""
import json
import os
import re
from fractions import Fraction

import numpy as np
import pandas as pd
import patsy
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.compose import ColumnTransformer
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures

HERE = os.path.dirname(os.path.abspath(__file__))


def datasets():
    grunfeld = sm.datasets.grunfeld.load_pandas().data[["invest", "value", "capital", "firm", "year"]].copy()
    grunfeld["year"] = grunfeld["year"].astype(int)
    missing = grunfeld.copy()
    missing["value"] = missing["value"].astype(float)
    missing.loc[missing.index[2::7], "value"] = np.nan
    missing.loc[missing.index[5::13], "capital"] = np.nan
    missing["firm"] = missing["firm"].astype(object)
    missing.loc[missing.index[3::11], "firm"] = np.nan
    unseen = missing.copy()
    unseen.loc[unseen.index[4::9], "firm"] = "Nowhere"
    fair = sm.datasets.fair.load_pandas().data.iloc[:400][
        ["affairs", "rate_marriage", "age", "educ", "occupation", "religious"]].copy()
    fair["occupation"] = fair["occupation"].astype(int)
    fair["religious"] = fair["religious"].astype(int)
    return {"grunfeld": grunfeld, "grunfeld_missing": missing, "grunfeld_unseen": unseen, "fair": fair}


def columns_json(frame):
    out = {}
    for name in frame.columns:
        values = []
        for v in frame[name].tolist():
            if v is None or (isinstance(v, float) and np.isnan(v)):
                values.append(None)
            elif isinstance(v, str):
                values.append(v)
            else:
                values.append(float(v))
        out[name] = values
    return out


def rows(frame, which):
    if which == "all":
        return list(range(len(frame)))
    if which == "before1950":
        return [i for i in range(len(frame)) if frame["year"].iloc[i] < 1950]
    if which == "from1950":
        return [i for i in range(len(frame)) if frame["year"].iloc[i] >= 1950]
    raise ValueError(which)


PATSY_CASES = [
    ("text_column", "grunfeld", "invest ~ value + firm", "all", "all"),
    ("categorical_call", "grunfeld", "invest ~ value + capital + C(firm)", "all", "all"),
    ("numeric_interaction_and_power", "grunfeld", "invest ~ value + capital + value:capital + I(value**2)",
     "all", "all"),
    ("star", "grunfeld", "invest ~ value*C(firm)", "all", "all"),
    ("no_intercept_minus_one", "grunfeld", "invest ~ C(firm) + value - 1", "all", "all"),
    ("no_intercept_plus_zero", "grunfeld", "invest ~ 0 + value + C(firm)", "all", "all"),
    ("numeric_by_categorical_alone", "grunfeld", "invest ~ value:C(firm)", "all", "all"),
    ("term_order_by_numeric_factors", "grunfeld", "invest ~ value:capital + C(firm):value + capital + I(capital**3)",
     "all", "all"),
    ("power_of_a_sum", "grunfeld", "invest ~ (value + capital + firm)**2", "all", "all"),
    ("nesting_and_removal", "grunfeld", "invest ~ firm/value - firm", "all", "all"),
    ("codes_by_codes", "fair", "affairs ~ C(occupation):C(religious)", "all", "all"),
    ("codes_star_codes", "fair", "affairs ~ C(occupation)*C(religious) + age", "all", "all"),
    ("codes_interaction_without_intercept", "fair", "affairs ~ C(occupation):C(religious) + age - 1", "all", "all"),
    ("skip_missing_rows", "grunfeld_missing", "invest ~ value + capital + C(firm) + value:C(firm)", "all", "all"),
    ("predict_later_years", "grunfeld", "invest ~ value*firm + I(capital**2)", "before1950", "from1950"),
    ("skip_missing_rows_when_predicting", "grunfeld_missing", "invest ~ value + C(firm)", "before1950",
     "from1950"),
]


def patsy_case(data, name, dataset, formula, train, apply):
    frame = data[dataset]
    train_rows = rows(frame, train)
    apply_rows = rows(frame, apply)
    rhs = formula.split("~", 1)[1]
    learned = patsy.dmatrix(rhs, frame.iloc[train_rows], return_type="dataframe")
    applied = patsy.build_design_matrices([learned.design_info], frame.iloc[apply_rows],
                                          return_type="dataframe")[0]
    kept = [apply_rows.index(frame.index.get_loc(label)) for label in applied.index]
    return {
        "name": name,
        "dataset": dataset,
        "formula": formula,
        "train": train_rows,
        "apply": apply_rows,
        "names": list(applied.columns),
        "kept": kept,
        "matrix": applied.to_numpy().tolist(),
    }


def one_hot(spec, handle_unknown):
    drop = "first" if spec["coding"] == "treatment" else None
    return OneHotEncoder(drop=drop, handle_unknown=handle_unknown, sparse_output=False)


def transformer(spec, frame):
    """The ColumnTransformer doing what the spec asks, for the cases below (missing is mean or indicator)."""
    handle_unknown = "ignore" if spec["unknownLevels"] == "ignore" else "error"
    categorical = [c for c in spec["columns"] if c in spec["categorical"] or frame[c].dtype == object]
    numeric = [c for c in spec["columns"] if c not in categorical]
    parts = []
    for c in categorical:
        parts.append(("cat_" + c, Pipeline([("fill", SimpleImputer(strategy="most_frequent")),
                                           ("code", one_hot(spec, handle_unknown))]), [c]))
    for c in numeric:
        parts.append(("pow_" + c, Pipeline([("fill", SimpleImputer(strategy="mean")),
                                           ("power", PolynomialFeatures(spec["polynomial"], include_bias=False))]),
                      [c]))
    for a, b in spec["interactions"]:
        parts.append(("inter_" + a + "_" + b, Pipeline([
            ("fill", SimpleImputer(strategy="mean")),
            ("product", PolynomialFeatures(2, interaction_only=True, include_bias=False))]), [a, b]))
    if spec["missing"] == "indicator":
        parts.append(("miss", MissingIndicator(), spec["columns"]))
    return ColumnTransformer(parts, sparse_threshold=0.0)


def name_of(sklearn_name, spec):
    """gradfit's name of a scikit-learn output column, or None for an interaction transformer's copy of an input."""
    prefix, name = sklearn_name.split("__", 1)
    if prefix.startswith("cat_"):
        column = prefix[len("cat_"):]
        level = name[len(column) + 1:]
        return column + ("[T." if spec["coding"] == "treatment" else "[") + level + "]"
    if prefix.startswith("pow_"):
        match = re.fullmatch(r"(.+)\^(\d+)", name)
        return "I(%s**%s)" % (match.group(1), match.group(2)) if match else name
    if prefix.startswith("inter_"):
        return name.replace(" ", ":") if " " in name else None
    if prefix == "miss":
        return name[len("missingindicator_"):] + "_missing"
    raise ValueError(sklearn_name)


SKLEARN_CASES = [
    ("mean_fill", "grunfeld_missing",
     dict(columns=["firm", "value", "capital"], categorical=[], polynomial=1, interactions=[], coding="treatment",
          missing="mean", unknownLevels="error"), "all", "all"),
    ("indicator_fill", "grunfeld_missing",
     dict(columns=["firm", "value", "capital"], categorical=[], polynomial=1, interactions=[], coding="treatment",
          missing="indicator", unknownLevels="error"), "all", "all"),
    ("polynomial_with_indicator", "grunfeld_missing",
     dict(columns=["value", "firm", "capital"], categorical=[], polynomial=3, interactions=[], coding="treatment",
          missing="indicator", unknownLevels="error"), "before1950", "from1950"),
    ("numeric_interaction", "grunfeld_missing",
     dict(columns=["firm", "value", "capital"], categorical=[], polynomial=2,
          interactions=[["value", "capital"]], coding="treatment", missing="mean", unknownLevels="error"),
     "all", "all"),
    ("declared_codes", "fair",
     dict(columns=["occupation", "religious", "age", "educ"], categorical=["occupation", "religious"],
          polynomial=2, interactions=[], coding="treatment", missing="mean", unknownLevels="error"), "all", "all"),
    ("full_coding", "grunfeld_missing",
     dict(columns=["firm", "value"], categorical=[], polynomial=1, interactions=[], coding="full",
          missing="mean", unknownLevels="error"), "all", "all"),
]

# Unseen levels, ignored: learned on grunfeld_missing, applied to grunfeld_unseen.
SKLEARN_UNSEEN_CASES = [
    ("unseen_ignored_full", dict(columns=["firm", "value"], categorical=[], polynomial=1, interactions=[],
                                 coding="full", missing="indicator", unknownLevels="ignore")),
    ("unseen_ignored_treatment", dict(columns=["firm", "value"], categorical=[], polynomial=1, interactions=[],
                                      coding="treatment", missing="mean", unknownLevels="ignore")),
]


def sklearn_case(data, name, train_set, apply_set, spec, train, apply):
    train_frame = data[train_set]
    apply_frame = data[apply_set]
    train_rows = rows(train_frame, train)
    apply_rows = rows(apply_frame, apply)
    ct = transformer(spec, train_frame)
    ct.fit(train_frame.iloc[train_rows])
    matrix = ct.transform(apply_frame.iloc[apply_rows])
    sklearn_names = list(ct.get_feature_names_out())
    names = [name_of(n, spec) for n in sklearn_names]
    keep = [i for i, n in enumerate(names) if n is not None]
    return {
        "name": name,
        "dataset": train_set,
        "applyDataset": apply_set,
        "spec": spec,
        "train": train_rows,
        "apply": apply_rows,
        "sklearnNames": [sklearn_names[i] for i in keep],
        "names": [names[i] for i in keep],
        "matrix": np.asarray(matrix, dtype=float)[:, keep].tolist(),
    }


PIPELINE_CASES = [
    ("linear_indicator_polynomial", "grunfeld_missing", "grunfeld_missing", "invest", "linear",
     dict(columns=["firm", "value", "capital"], categorical=[], polynomial=2, interactions=[], coding="treatment",
          missing="indicator", unknownLevels="error"), "before1950", "from1950"),
    ("linear_unseen_ignored", "grunfeld_missing", "grunfeld_unseen", "invest", "linear",
     dict(columns=["firm", "value"], categorical=[], polynomial=1, interactions=[], coding="treatment",
          missing="mean", unknownLevels="ignore"), "all", "all"),
    ("logistic_declared_codes", "fair_binary", "fair_binary", "affair", "logistic",
     # Not occupation: its code 1 holds two rows, both affairs, and no finite minimiser exists with it.
     dict(columns=["age", "educ", "religious", "rate_marriage"], categorical=["religious", "rate_marriage"],
          polynomial=1, interactions=[], coding="treatment", missing="mean", unknownLevels="error"), "all", "all"),
]

FORMULA_CASES = [
    ("ols_categorical_interaction_power", "grunfeld",
     "invest ~ value + capital + C(firm) + value:capital + I(value**2)"),
    ("ols_numeric_by_categorical", "grunfeld", "invest ~ capital + C(firm):value"),
]


def pipeline_case(data, name, train_set, apply_set, target, model, spec, train, apply):
    from sklearn.linear_model import LinearRegression, LogisticRegression
    train_frame = data[train_set]
    apply_frame = data[apply_set]
    train_rows = rows(train_frame, train)
    apply_rows = rows(apply_frame, apply)
    estimator = (LinearRegression() if model == "linear"
                 else LogisticRegression(penalty=None, tol=1e-10, solver="newton-cholesky", max_iter=1000))
    pipeline = Pipeline([("design", transformer(spec, train_frame)), ("model", estimator)])
    fitted = train_frame.iloc[train_rows]
    pipeline.fit(fitted, fitted[target])
    sklearn_names = list(pipeline.named_steps["design"].get_feature_names_out())
    coefficients = np.ravel(pipeline.named_steps["model"].coef_)
    by_name = {}
    for sklearn_name, coefficient in zip(sklearn_names, coefficients):
        gradfit_name = name_of(sklearn_name, spec)
        if gradfit_name is not None:
            by_name[gradfit_name] = float(coefficient)
    applied = apply_frame.iloc[apply_rows]
    predictions = (pipeline.predict(applied) if model == "linear" else pipeline.predict_proba(applied)[:, 1])
    return {
        "name": name,
        "dataset": train_set,
        "applyDataset": apply_set,
        "target": target,
        "model": model,
        "spec": spec,
        "train": train_rows,
        "apply": apply_rows,
        "coefficients": by_name,
        "intercept": float(np.ravel(pipeline.named_steps["model"].intercept_)[0]),
        "predictions": [float(v) for v in predictions],
    }


def formula_case(data, name, dataset, formula):
    import statsmodels.formula.api as smf
    params = smf.ols(formula, data[dataset]).fit().params
    coefficients = {}
    intercept = None
    for term, value in params.items():
        if term == "Intercept":
            intercept = float(value)
        else:
            # patsy writes I(value**2) back as I(value ** 2); gradfit as written.
            coefficients[gradfit_term(term)] = float(value)
    exact = exact_least_squares(formula, data[dataset])
    exact_coefficients = {gradfit_term(term): value for term, value in exact.items() if term != "Intercept"}
    return {"name": name, "dataset": dataset, "formula": formula, "coefficients": coefficients,
            "intercept": intercept, "exact": exact_coefficients, "exactIntercept": exact["Intercept"]}


def gradfit_term(term):
    """patsy's name of a term as gradfit writes it: 'C(firm)[T.x]' -> 'firm[T.x]', 'I(value ** 2)' -> 'I(value**2)'."""
    return re.sub(r"C\((\w+)\)", r"\1", term).replace(" ** ", "**")


def exact_least_squares(formula, frame):
    """The minimiser of the squared residuals of patsy's design matrix for formula, every double taken exactly."""
    y, x = patsy.dmatrices(formula, frame, return_type="dataframe")
    a = [[Fraction(float(v)) for v in row] for row in x.values]
    b = [Fraction(float(v)) for v in y.values[:, 0]]
    p = len(a[0])
    m = [[sum(row[r] * row[c] for row in a) for c in range(p)] for r in range(p)]
    v = [sum(row[r] * t for row, t in zip(a, b)) for r in range(p)]
    for k in range(p):
        pivot = next(i for i in range(k, p) if m[i][k] != 0)
        m[k], m[pivot] = m[pivot], m[k]
        v[k], v[pivot] = v[pivot], v[k]
        for i in range(k + 1, p):
            factor = m[i][k] / m[k][k]
            if factor:
                for c in range(k, p):
                    m[i][c] -= factor * m[k][c]
                v[i] -= factor * v[k]
    solution = [Fraction(0)] * p
    for k in reversed(range(p)):
        solution[k] = (v[k] - sum(m[k][c] * solution[c] for c in range(k + 1, p))) / m[k][k]
    return {term: float(value) for term, value in zip(x.columns, solution)}


def fits_fixture(data, versions):
    fair_binary = data["fair"].copy()
    fair_binary["affair"] = (fair_binary["affairs"] > 1).astype(int)
    fair_binary["rate_marriage"] = fair_binary["rate_marriage"].astype(int)  # codes whose levels print as ints
    sets = dict(data, fair_binary=fair_binary)
    pipelines = [pipeline_case(sets, *case) for case in PIPELINE_CASES]
    formulas = [formula_case(sets, *case) for case in FORMULA_CASES]
    used = sorted({c["dataset"] for c in pipelines + formulas} | {c["applyDataset"] for c in pipelines})
    return {"versions": versions, "data": {name: columns_json(sets[name]) for name in used},
            "pipelines": pipelines, "formulas": formulas}


def main():
    data = datasets()
    versions = {"numpy": np.__version__, "pandas": pd.__version__, "patsy": patsy.__version__,
                "statsmodels": statsmodels.__version__, "sklearn": sklearn.__version__}
    used = {name: columns_json(frame) for name, frame in data.items()}
    patsy_fixture = {"versions": versions, "data": used,
                     "cases": [patsy_case(data, *case) for case in PATSY_CASES]}
    sklearn_cases = [sklearn_case(data, name, dataset, dataset, spec, train, apply)
                     for name, dataset, spec, train, apply in SKLEARN_CASES]
    sklearn_cases += [sklearn_case(data, name, "grunfeld_missing", "grunfeld_unseen", spec, "all", "all")
                      for name, spec in SKLEARN_UNSEEN_CASES]
    sklearn_fixture = {"versions": versions, "data": used, "cases": sklearn_cases}
    for name in ("grunfeld_missing", "grunfeld_unseen"):
        data[name].to_csv(os.path.join(HERE, name + ".csv"), index=False, lineterminator="\r\n")
    fits = fits_fixture(data, versions)
    for file, fixture in (("patsy.json", patsy_fixture), ("sklearn.json", sklearn_fixture), ("fits.json", fits)):
        with open(os.path.join(HERE, file), "w") as out:
            json.dump(fixture, out, separators=(",", ":"))
            out.write("\n")


if __name__ == "__main__":
    main()
