/**
 * Designs: how the raw columns of a {@link dev.gradfit.design.table.Table} become the numeric features a fit
 * takes. A {@link dev.gradfit.design.DesignSpec} says what the caller asks (terms, categorical columns, coding,
 * missing cells, unseen levels); {@link dev.gradfit.design.Design#learn} learns the levels and fill values from
 * the training rows, and the learned {@link dev.gradfit.design.Design} applies them to any raw rows, at fit and at
 * prediction, the way patsy's {@code dmatrix} and scikit-learn's {@code ColumnTransformer} do. Plain Java.
 */
package dev.gradfit.design;
