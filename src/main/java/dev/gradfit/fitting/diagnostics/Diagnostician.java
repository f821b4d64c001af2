package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.objective.CostOfWeights;
import dev.gradfit.fitting.stopping.HoldOut;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Standardizer;

/**
 * Computes the {@link FitDiagnostics} of a finished fit: metrics, the exact minimiser of the objective
 * descent minimised, and the optimality gap.
 *
 * <p>The reference solves the same problem as the fit, in the same space: on the training rows (the
 * early-stopping split, if any), with the same sample weights, loss, L2 strength, intercept setting and
 * (without a fitted intercept) the same fixed intercept, and, when the fit standardized, on the
 * standardized features with the penalty on the standardized coefficients. Its cost is the cost of the
 * weights it reports, in the original units, computed from their residuals on the training rows by
 * {@link CostOfWeights}, never from sufficient statistics (at the large weights of nearly collinear columns
 * those cancel to nonsense) nor in plain doubles (a linear predictor whose intercept cancels features near
 * 1e9 loses all its digits). The fit's reported cost is computed the same way from the fit's weights, so the
 * gap compares two numbers each within about 1e-15 of the truth.
 *
 * <p>Stateless.
 */
public final class Diagnostician {

    /**
     * The most multiply-adds ({@code rows × unknowns²}) one direct solve may take; larger problems get no
     * reference rather than a fit that takes far longer to check than to run. About a quarter of a second.
     */
    public static final long MAX_REFERENCE_WORK = 250_000_000L;

    /**
     * The most values ({@code rows × columns}) of sparse rows that the reference writes out densely: its solvers (and
     * the standardized copy of the rows) take dense rows, and sparse rows were kept sparse to spare that heap. 32 MB.
     */
    public static final long MAX_SPARSE_REFERENCE_VALUES = 4_000_000L;

    private Diagnostician() {}

    /**
     * @param data all the rows the fit was given, in the original units
     * @param hyperparameters the fit's settings (initial weights in the original units)
     * @param result the fit's outcome, weights in the original units
     * @param standardizer the standardizer the fit ran through, or {@code null} if it did not standardize
     */
    public static FitDiagnostics of(
            Dataset data, Hyperparameters hyperparameters, FitResult result, Standardizer standardizer) {
        GoodnessOfFit metrics =
                GoodnessOfFit.of(data, result.weights(), hyperparameters.loss(), hyperparameters.fitIntercept());
        ExactSolution reference = reference(data, hyperparameters, standardizer);
        double gap = reference.available() ? result.cost() - reference.cost() : Double.NaN;
        return new FitDiagnostics(metrics, reference, gap);
    }

    private static ExactSolution reference(Dataset data, Hyperparameters hyperparameters, Standardizer standardizer) {
        Loss loss = hyperparameters.loss();
        ExactSolution.Method method = loss instanceof SquaredLoss
                ? ExactSolution.Method.HOUSEHOLDER_QR
                : loss instanceof LogisticLoss || loss instanceof LogLinkLoss || loss instanceof SoftmaxLoss
                        ? ExactSolution.Method.NEWTON_IRLS
                        : null;
        if (method == null) {
            return ExactSolution.unavailable(
                    null,
                    "no direct method for " + loss + "; references exist for the squared, logistic, softmax,"
                            + " poisson, gamma and tweedie losses");
        }
        Regularization regularization = hyperparameters.regularization();
        if (regularization.l1() > 0) {
            if (method == ExactSolution.Method.NEWTON_IRLS) {
                return ExactSolution.unavailable(
                        null,
                        "no direct method for l1 with " + loss + ": Newton's method needs a smooth cost, and"
                                + " the references for l1 cover the squared loss");
            }
            method = ExactSolution.Method.COORDINATE_DESCENT;
        }
        Dataset training = hyperparameters
                .earlyStopping()
                .map(rule -> HoldOut.split(data, rule.validationFraction(), hyperparameters.seed())
                        .training())
                .orElse(data);
        int unknowns = loss.outputs() * (data.columns() + (hyperparameters.fitIntercept() ? 1 : 0));
        double work = (double) training.rows() * unknowns * unknowns;
        if (work > MAX_REFERENCE_WORK) {
            return ExactSolution.unavailable(
                    method, "too large to check: rows × unknowns² = " + (long) work + " exceeds " + MAX_REFERENCE_WORK);
        }
        if (training.isSparse() && (long) training.rows() * training.columns() > MAX_SPARSE_REFERENCE_VALUES) {
            return ExactSolution.unavailable(
                    method,
                    "too large to check: the reference takes dense rows, and rows × columns = "
                            + (long) training.rows() * training.columns() + " exceeds " + MAX_SPARSE_REFERENCE_VALUES);
        }
        Dataset space = standardizer == null ? training : standardizer.transform(training);
        boolean fitIntercept = hyperparameters.fitIntercept();
        String constant = fitIntercept ? ConstantColumns.describe(training, standardizer) : null;
        if (constant != null && regularization.l2() == 0 && regularization.l1() == 0) {
            return ExactSolution.unavailable(
                    method,
                    "the minimiser is not unique: " + constant + ", so it is collinear with the intercept;"
                            + " drop it or add l2 > 0 to make the minimiser unique");
        }
        // Without a fitted intercept the standardizer does not centre, so the intercept is the same number
        // in both spaces.
        Weights start = hyperparameters.startFor(data.columns());
        Weights solution;
        if (loss instanceof SoftmaxLoss softmax) {
            LogisticReference.Solution found =
                    SoftmaxReference.solve(space, softmax, fitIntercept, start.intercepts(), regularization.l2());
            if (found.weights() == null) {
                return ExactSolution.unavailable(method, found.problem());
            }
            solution = found.weights();
        } else if (method == ExactSolution.Method.COORDINATE_DESCENT) {
            solution = ElasticNetReference.solve(
                    space, fitIntercept, start.intercept(), regularization.l1(), regularization.l2());
            if (solution == null) {
                return ExactSolution.unavailable(
                        method,
                        "coordinate descent did not settle within its limits: the features are nearly collinear;"
                                + " add l2 > 0");
            }
        } else if (method == ExactSolution.Method.HOUSEHOLDER_QR) {
            solution = LeastSquaresReference.solve(space, fitIntercept, start.intercept(), regularization.l2());
            if (solution == null) {
                return ExactSolution.unavailable(
                        method,
                        "the minimiser is not unique: the features are collinear (or there are fewer points"
                                + " than unknowns); add l2 > 0 to make it unique");
            }
        } else {
            LogisticReference.Solution found = loss instanceof LogLinkLoss family
                    ? LogLinkReference.solve(space, family, fitIntercept, start.intercept(), regularization.l2())
                    : LogisticReference.solve(space, fitIntercept, start.intercept(), regularization.l2());
            if (found.weights() == null) {
                return ExactSolution.unavailable(method, found.problem());
            }
            solution = found.weights();
        }
        Weights original = standardizer == null ? solution : standardizer.toOriginal(solution);
        double cost = CostOfWeights.of(
                training,
                loss,
                original.toVector(),
                regularization,
                standardizer == null ? null : standardizer.scales());
        if (!Double.isFinite(cost) || !finite(original)) {
            return ExactSolution.unavailable(
                    method,
                    "the minimiser is beyond the range of a double (a coefficient or the cost overflows):"
                            + " rescale the features");
        }
        return new ExactSolution(
                method,
                original,
                cost,
                constant == null ? null : constant + "; the penalty alone decides its coefficient");
    }

    private static boolean finite(Weights weights) {
        return java.util.Arrays.stream(weights.toVector()).allMatch(Double::isFinite);
    }
}
