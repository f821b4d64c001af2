package dev.gradfit.fitting.optimizer;

/**
 * The proximal map of {@code t·|w|}: {@code prox(v) = sign(v)·max(|v| − t, 0)}, soft thresholding (Parikh and
 * Boyd, <i>Proximal Algorithms</i>, 2014, §6.5.2). A proximal step on an L1 penalty applies it after the
 * step on the smooth part of the cost, so that a coefficient whose optimum is 0 lands on 0 exactly, where a
 * subgradient step would keep jumping across it.
 */
final class SoftThreshold {

    private SoftThreshold() {}

    /** {@code v} moved {@code t ≥ 0} towards 0, and 0 (positive) if it would cross it. */
    static double shrink(double v, double t) {
        if (v > t) {
            return v - t;
        }
        if (v < -t) {
            return v + t;
        }
        return 0.0;
    }
}
