package dev.gradfit.plots;

import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;

/**
 * How a model's linear score {@code z = intercept + Σ cⱼ·xⱼ} becomes the value it stands for on the scale of
 * the target, by the loss the model was fitted with: the plots draw on that scale. The plots apply it to the
 * weights themselves rather than asking the model's predictor, so that what they draw is defined here whatever
 * the predictor answers.
 */
enum Link {

    /** Squared, Huber, absolute: the score is the prediction. */
    IDENTITY,

    /** Logistic: the probability of class 1, {@code σ(z) = 1/(1 + e^−z)}. */
    LOGIT,

    /** Poisson, Gamma, Tweedie: the mean {@code μ = e^z}. */
    LOG;

    /** The link of a model fitted with {@code loss}; a loss the plots do not know draws its score as it is. */
    static Link of(Loss loss) {
        if (loss instanceof LogisticLoss) {
            return LOGIT;
        }
        if (loss instanceof LogLinkLoss) {
            return LOG;
        }
        return IDENTITY;
    }

    /** The value on the target's scale of the score {@code z}: z, σ(z) or e^z. */
    double mean(double score) {
        return switch (this) {
            case IDENTITY -> score;
            case LOGIT -> LogisticLoss.probability(score);
            case LOG -> LogLinkLoss.mean(score);
        };
    }

    /** {@link #mean(double)} of every score, in a new array. */
    double[] means(double[] scores) {
        double[] means = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            means[i] = mean(scores[i]);
        }
        return means;
    }
}
