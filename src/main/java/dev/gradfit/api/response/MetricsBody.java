package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gradfit.fitting.diagnostics.ClassificationMetrics;
import dev.gradfit.fitting.diagnostics.DevianceMetrics;
import dev.gradfit.fitting.diagnostics.GoodnessOfFit;
import dev.gradfit.fitting.diagnostics.MulticlassMetrics;
import dev.gradfit.fitting.diagnostics.RegressionMetrics;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Goodness of fit: regression metrics, classification metrics for the logistic loss, or deviance metrics for the
 * log-link losses; {@code type} tells which.
 */
@Schema(
        description = "Goodness of fit on all the points given, means weighted by sampleWeights: mse, rmse, mae"
                + " and r2 for regression; logLoss, accuracy and the confusion matrix (sample weights, as counts without"
                + " them) for the logistic loss; meanDeviance, d2, rmse and mae (on the scale of y, offsets"
                + " included) for the poisson, gamma and tweedie losses; logLoss, accuracy, macroF1 and the K × K"
                + " confusion matrix for the softmax loss. type says which.",
        oneOf = {
            MetricsBody.Regression.class,
            MetricsBody.Classification.class,
            MetricsBody.Multiclass.class,
            MetricsBody.Deviance.class
        },
        discriminatorProperty = "type",
        discriminatorMapping = {
            @DiscriminatorMapping(value = MetricsBody.REGRESSION, schema = MetricsBody.Regression.class),
            @DiscriminatorMapping(value = MetricsBody.CLASSIFICATION, schema = MetricsBody.Classification.class),
            @DiscriminatorMapping(value = MetricsBody.MULTICLASS, schema = MetricsBody.Multiclass.class),
            @DiscriminatorMapping(value = MetricsBody.DEVIANCE, schema = MetricsBody.Deviance.class)
        })
sealed interface MetricsBody {

    String REGRESSION = "regression";
    String CLASSIFICATION = "classification";
    String DEVIANCE = "deviance";
    String MULTICLASS = "multiclass";

    static MetricsBody of(GoodnessOfFit metrics) {
        if (metrics instanceof RegressionMetrics m) {
            return new Regression(m.mse(), m.rmse(), m.mae(), Numbers.finiteOrNull(m.r2()));
        }
        if (metrics instanceof MulticlassMetrics m) {
            return new Multiclass(m.logLoss(), m.accuracy(), m.macroF1(), m.confusion());
        }
        if (metrics instanceof DevianceMetrics m) {
            return new Deviance(m.meanDeviance(), Numbers.finiteOrNull(m.d2()), m.rmse(), m.mae());
        }
        ClassificationMetrics m = (ClassificationMetrics) metrics;
        return new Classification(
                m.logLoss(),
                m.accuracy(),
                m.truePositives(),
                m.falsePositives(),
                m.trueNegatives(),
                m.falseNegatives());
    }

    @Schema(
            name = "RegressionMetrics",
            requiredProperties = {"type", "mse", "rmse", "mae", "r2"},
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Regression(
            @Schema(description = "Mean squared error.") double mse,

            @Schema(description = "Root mean squared error, in the units of y.")
            double rmse,

            @Schema(description = "Mean absolute error.") double mae,

            @Schema(
                    description = "Coefficient of determination: 1 − RSS/Σ(y − ȳ)², or, without an intercept,"
                            + " the uncentred 1 − RSS/Σy². Null when y is constant (or all zero).",
                    nullable = true)
            Double r2)
            implements MetricsBody {

        /** Which kind of metrics these are, written first so that a reader knows the shape that follows. */
        @JsonProperty(index = 0)
        @Schema(description = "regression: the loss was squared, huber or absolute.")
        public String type() {
            return REGRESSION;
        }
    }

    @Schema(
            name = "ClassificationMetrics",
            requiredProperties = {
                "type",
                "logLoss",
                "accuracy",
                "truePositives",
                "falsePositives",
                "trueNegatives",
                "falseNegatives"
            },
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Classification(
            @Schema(description = "Mean binary cross-entropy (natural log).")
            double logLoss,

            @Schema(
                    description = "Share of the sample weight on points classified correctly at probability 0.5:"
                            + " (truePositives + trueNegatives) / Σ sampleWeights.")
            double accuracy,

            @Schema(
                    description = "Sample weight on points with y = 1 predicted 1: their count without sampleWeights,"
                            + " a number that need not be whole with them (a point of weight 0 counts for nothing).")
            double truePositives,

            @Schema(description = "Sample weight on points with y = 0 predicted 1 (their count without sampleWeights).")
            double falsePositives,

            @Schema(description = "Sample weight on points with y = 0 predicted 0 (their count without sampleWeights).")
            double trueNegatives,

            @Schema(description = "Sample weight on points with y = 1 predicted 0 (their count without sampleWeights).")
            double falseNegatives)
            implements MetricsBody {

        /** Which kind of metrics these are, written first so that a reader knows the shape that follows. */
        @JsonProperty(index = 0)
        @Schema(description = "classification: the loss was logistic.")
        public String type() {
            return CLASSIFICATION;
        }
    }

    @Schema(
            name = "MulticlassMetrics",
            requiredProperties = {"type", "logLoss", "accuracy", "macroF1", "confusion"},
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Multiclass(
            @Schema(description = "Mean multinomial cross-entropy (natural log), as scikit-learn's log_loss.")
            double logLoss,

            @Schema(description = "Share of the sample weight on points whose most probable class is theirs.")
            double accuracy,

            @Schema(
                    description = "The unweighted mean of each class's F1 score over the classes among the targets or"
                            + " the predictions, as scikit-learn's f1_score(average=\"macro\").")
            double macroF1,

            @Schema(
                    description = "K × K: confusion[a][p] is the sample weight on points of class a (the model's"
                            + " classes[a]) whose most probable class is classes[p]; their count without"
                            + " sampleWeights.")
            double[][] confusion)
            implements MetricsBody {

        /** Which kind of metrics these are, written first so that a reader knows the shape that follows. */
        @JsonProperty(index = 0)
        @Schema(description = "multiclass: the loss was softmax.")
        public String type() {
            return MULTICLASS;
        }
    }

    @Schema(
            name = "DevianceMetrics",
            requiredProperties = {"type", "meanDeviance", "d2", "rmse", "mae"},
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Deviance(
            @Schema(
                    description = "Mean unit deviance Σ s·d(y, μ) / Σ s, where d is twice the half deviance the fit"
                            + " minimises and μ = exp(score + offset): scikit-learn's mean_poisson_deviance,"
                            + " mean_gamma_deviance or mean_tweedie_deviance(power).")
            double meanDeviance,

            @Schema(
                    description = "Fraction of deviance explained, 1 − deviance / deviance of the constant model"
                            + " that predicts the weighted mean of y (offsets ignored), as scikit-learn's"
                            + " d2_tweedie_score(power). Null when y is constant.",
                    nullable = true)
            Double d2,

            @Schema(description = "Root mean squared error of μ = exp(score + offset), in the units of y.")
            double rmse,

            @Schema(description = "Mean absolute error of μ = exp(score + offset), in the units of y.")
            double mae)
            implements MetricsBody {

        /** Which kind of metrics these are, written first so that a reader knows the shape that follows. */
        @JsonProperty(index = 0)
        @Schema(description = "deviance: the loss was poisson, gamma or tweedie.")
        public String type() {
            return DEVIANCE;
        }
    }
}
