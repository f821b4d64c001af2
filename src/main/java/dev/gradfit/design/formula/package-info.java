/**
 * Formulas in the statsmodels/R style ({@code y ~ x + C(city) + x:z + I(x**2) - 1}), compiled by a hand-written
 * recursive-descent parser to the same {@link dev.gradfit.design.DesignSpec} the JSON form gives.
 */
package dev.gradfit.design.formula;
