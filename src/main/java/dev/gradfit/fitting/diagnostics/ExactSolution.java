package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Weights;

/**
 * The exact minimiser of the objective a fit descended, found by a direct method, for comparison with
 * where descent stopped.
 *
 * @param method how it was found, or {@code null} when it could not be
 * @param weights the minimiser in the original units, or {@code null} when there is none to report
 * @param cost the objective at the minimiser (regularization included), NaN without one
 * @param note why there is no minimiser; with one, what to know of it (a feature treated as constant), or
 *     {@code null} when there is nothing to say
 */
public record ExactSolution(Method method, Weights weights, double cost, String note) {

    /** The direct methods. */
    public enum Method {
        /** Householder QR on the weighted, augmented least-squares problem: {@link LeastSquaresReference}. */
        HOUSEHOLDER_QR,
        /**
         * Newton's method (IRLS) on the logistic objective ({@link LogisticReference}), on the softmax objective
         * ({@link SoftmaxReference}) or on the half deviance of a log-link loss ({@link LogLinkReference}).
         */
        NEWTON_IRLS,
        /** Cyclic coordinate descent on the squared loss with an L1 penalty: {@link ElasticNetReference}. */
        COORDINATE_DESCENT
    }

    /** No minimiser to report, and why. */
    public static ExactSolution unavailable(Method method, String note) {
        return new ExactSolution(method, null, Double.NaN, note);
    }

    /** Whether a minimiser was found. */
    public boolean available() {
        return weights != null;
    }
}
