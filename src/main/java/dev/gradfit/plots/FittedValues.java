package dev.gradfit.plots;

import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;

/**
 * What a model makes of each row of its training sample: the linear score, offset included, and the value on
 * the target's scale ({@link Link#mean}).
 *
 * @param scores {@code intercept + Σ cⱼ·xᵢⱼ + offsetᵢ} of each sampled row
 * @param means the link's mean of each score: the fitted value, probability or mean μ
 */
record FittedValues(double[] scores, double[] means) {

    static FittedValues of(FittedModel model, TrainingSample sample) {
        double[] scores = model.result().weights().predictRows(sample.x());
        double[] offsets = offsets(sample);
        if (offsets != null) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] += offsets[i];
            }
        }
        return new FittedValues(scores, Link.of(model.hyperparameters().loss()).means(scores));
    }

    /**
     * The offset of each sampled row (for a log link, the log of its exposure), or {@code null} for a fit
     * without offsets: every fitted mean μᵢ = e^(zᵢ + offsetᵢ) and deviance residual of the plots includes it.
     */
    static double[] offsets(TrainingSample sample) {
        return sample.offsets();
    }
}
