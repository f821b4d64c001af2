package dev.gradfit.api.request;

import dev.gradfit.api.request.rows.DesignBody;
import dev.gradfit.design.table.Table;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.formats.Targets;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /api/v1/models}, {@code POST /api/v1/models/{id}/fits} and {@code POST /api/v1/jobs}:
 * the data, then the settings grouped by concern. Every setting is optional; without any, the fit is the
 * tutorial's.
 */
@Schema(
        description =
                "Data to fit and the settings of the fit; x and y, or rows with a target, are required. Without initialWeights"
                        + " descent starts from zeros, or for the poisson, gamma and tweedie losses (with fitIntercept) from"
                        + " the null model, intercept log(Σ sampleWeights·y / Σ sampleWeights·e^offset) and coefficients 0;"
                        + " hyperparameters.initialWeights in the response echoes the start used.")
public record FitRequest(
        // The data.
        @Schema(description = "The points, as numbers; or send rows instead (not both).")
        FeatureMatrix x,

        @Schema(
                description =
                        "One target per point of x (or row of rows): numbers, or for a classifier (logistic, softmax) class labels,"
                                + " all numbers or all non-empty strings. A classifier's classes are y's distinct values, sorted as"
                                + " scikit-learn sorts them (numbers by value, strings by Unicode code point); the logistic"
                                + " loss takes two, and its probability is that of the second (1 for 0/1 targets).",
                implementation = TargetsSchema.class,
                example = "[6, 8, 10, 12, 14]")
        Targets y,

        @Schema(
                description = "One non-negative weight per point, not all zero; a point of weight 2 counts as"
                        + " that point twice. All 1 when absent.")
        double[] sampleWeights,

        @Schema(implementation = ClassWeightsBody.Choice.class)
        ClassWeightsBody classWeights,

        @Schema(
                description = "poisson, gamma and tweedie only (refused with the other losses): one finite number"
                        + " per point added to its linear score with no coefficient, so that the mean is"
                        + " exp(intercept + Σ coefficients·x + offset), as statsmodels' GLM(offset=...). Typically"
                        + " the log of an exposure (a population, a time at risk), making the model one of rates."
                        + " Not kept with the model: give each prediction its own offset. All 0 when absent. A CSV"
                        + " or Arrow fit takes them from the column its offset part or parameter names.",
                example = "[6.1, 6.3, 6.5, 6.5, 6.6]")
        double[] offset,

        // What is minimised.
        @Valid @Schema(implementation = LossChoice.class) LossBody loss,

        @PositiveOrZero
        @Schema(
                description = "Weight of the L1 penalty l1·Σ|cⱼ| on the coefficients (never the intercept); ≥ 0."
                        + " Every optimizer takes it by a proximal step (soft thresholding after its own step, at"
                        + " its own per-weight step size), so coefficients whose optimum is 0 become exactly 0."
                        + " Not with clipNorm.",
                defaultValue = "0")
        Double l1,

        @PositiveOrZero
        @Schema(
                description = "Weight of the L2 penalty l2·Σcⱼ² on the coefficients (never the intercept); ≥ 0.",
                defaultValue = "0")
        Double l2,

        @Schema(description = "Whether to fit the intercept; when false it stays 0.", defaultValue = "true")
        Boolean fitIntercept,

        // How it is minimised.
        @Positive
        @Schema(
                description = "Initial step size of gradient descent; > 0. Ignored by the lbfgs optimizer, whose line"
                        + " search finds its steps.",
                defaultValue = "0.001",
                example = "0.05")
        Double learningRate,

        @Positive
        @Schema(
                description = "Most passes over the data; 1 to gradfit.fit.max-epochs (1000000).",
                defaultValue = "1000",
                example = "2000")
        Integer epochs,

        // Its description is WeightsBody's: OpenAPI 3.0 ignores one written beside a $ref.
        @Valid WeightsBody initialWeights,

        @Valid OptimizerBody optimizer,

        @Valid ScheduleBody schedule,

        @Positive
        @Schema(
                description = "Points per step: absent = full batch (one step per epoch), k = mini-batches of k,"
                        + " 1 = classic stochastic gradient descent; ≥ 1. A size of at least the number of"
                        + " points is a full batch.")
        Integer batchSize,

        // No defaultValue on the options that apply only with another one: a client that sends every declared
        // default (as generated clients do) would have them refused without their companion.
        @Schema(
                description = "Whether mini-batches draw the points in a new random order every epoch; only with"
                        + " batchSize. True when absent.")
        Boolean shuffle,

        @Schema(
                description = "Seed of every random choice (batch order, validation split): the same request"
                        + " gives the same weights, bit for bit.",
                defaultValue = "0")
        Long seed,

        @Positive @Schema(description = "Clip every gradient to at most this L2 norm; > 0. No clipping when absent.")
        Double clipNorm,

        // When to stop.
        @PositiveOrZero
        @DecimalMax(value = "1", inclusive = false)
        @Schema(
                description = "Stop (CONVERGED) once the cost has not improved on its best by more than"
                        + " tolerance × best for `patience` epochs; 0 ≤ tolerance < 1. Off when absent. Also"
                        + " the improvement early stopping asks of the validation cost (0 when absent).")
        Double tolerance,

        @Positive
        @Max(1_000_000)
        @Schema(
                description = "Epochs without improvement before tolerance or earlyStopping stops; ≥ 1; only with"
                        + " tolerance or earlyStopping. 5 when absent.")
        Integer patience,

        @Schema(
                description = "Hold out validationFraction of the points (chosen with the seed) and stop"
                        + " (EARLY_STOPPED) once their cost stops improving; adds validationCostHistory.",
                defaultValue = "false")
        Boolean earlyStopping,

        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax(value = "1", inclusive = false)
        @Schema(
                description = "Share of points held out for earlyStopping; 0 < fraction < 1; only when earlyStopping is"
                        + " true. 0.1 when absent.")
        Double validationFraction,

        @Positive
        @Max(86_400_000)
        @Schema(
                description =
                        "Stop (TIME_BUDGET) at the first epoch boundary after this many milliseconds; 1 to 86400000.")
        Long maxDurationMs,

        // What to report.
        @Size(max = 1000)
        @Schema(
                description = "Epochs after which to keep the weights (0 = the start), each 0 to epochs; at most"
                        + " 1000, and the distinct epochs × (features + 1) at most gradfit.fit.max-snapshot-values"
                        + " (100000 by default): each snapshot holds the intercept and every coefficient. The"
                        + " tutorial plots 10, 20, 30, 100 and 1000.",
                example = "[10, 20, 30, 100, 1000]")
        int[] snapshotEpochs,

        @Schema(
                description = "Whether the response carries learningRateHistory, the rate of each epoch sampled"
                        + " like costHistory (with lbfgs, the step length its line search accepted).",
                defaultValue = "false")
        Boolean returnLearningRates,

        // Standardization.
        @Schema(
                description = "Z-score the features inside the fit (centre and scale each column; without an"
                        + " intercept, scale only). Weights and initialWeights stay in the original units and"
                        + " the cost in the units of y; learningRate, l1 and l2 act on the standardized"
                        + " coefficients.",
                defaultValue = "false",
                example = "true")
        Boolean standardize,

        // Jobs.
        @Schema(
                description = "POST /api/v1/jobs only: the model to continue, as POST /api/v1/models/{id}/fits"
                        + " does (its weights are the start; initialWeights must be absent). Refused by the"
                        + " model endpoints.")
        UUID parentId,

        // Names.
        @Schema(
                description = "One name per feature (column of x), in order: unique, not blank, at most"
                        + " gradfit.fit.max-feature-name-length (200) characters. The model keeps them, reports"
                        + " its coefficients by name and takes prediction rows as objects keyed by them. A"
                        + " continued fit keeps its parent's names unless it gives new ones; when both have"
                        + " names, the parent's coefficients are matched to these by name (any order), and names"
                        + " that are not the parent's are refused.",
                example = "[\"size\", \"rooms\"]")
        List<String> featureNames,

        @Schema(description = "The name of what y measures, kept with the model; not blank.", example = "price")
        String targetName,

        // Raw rows and their design.
        @Schema(
                description = "The data as raw rows instead of x: objects keyed by column name, each value a"
                        + " number, a string (a categorical column) or null (a missing cell; an absent key is one"
                        + " too). The target is y, the column named by target, or the formula's left side. The"
                        + " model learns its design from them and takes the same raw rows for predictions.",
                example = "[{\"size\": 70, \"city\": \"Paris\", \"price\": 420}, {\"size\": 55, \"city\": \"Lyon\","
                        + " \"price\": 210}, {\"size\": 90, \"city\": \"Lyon\", \"price\": null}]")
        Table rows,

        @Schema(
                description = "With rows: the column holding the target (then not an input); instead of y.",
                example = "price")
        String target,

        @Valid DesignBody design,

        @Schema(
                description = "With rows: the design as a statsmodels/R formula, \"price ~ size + C(zone) + city +"
                        + " size:rooms + I(size**2)\"; + adds a term, : multiplies, a*b is a + b + a:b, C(x) takes"
                        + " a numeric column by its levels, I(x**k) is a power, - 1 or + 0 drops the intercept"
                        + " (then fitIntercept must not be true). Its left side, if any, names the target. Not with"
                        + " design.interactions, design.polynomial or design.columns. A refusal names the"
                        + " character.",
                example = "price ~ size + city + I(size**2)")
        String formula) {

    /**
     * These settings with other data: what a CSV or Arrow fit fits, its options read from JSON without x and y.
     *
     * @param x the points
     * @param y the targets
     * @param featureNames the names of the columns of x
     * @param targetName the name of y
     * @param offset one offset per point, or {@code null} for none
     */
    public FitRequest withData(
            FeatureMatrix x, Targets y, List<String> featureNames, String targetName, double[] offset) {
        return new FitRequest(
                x,
                y,
                sampleWeights,
                classWeights,
                offset,
                loss,
                l1,
                l2,
                fitIntercept,
                learningRate,
                epochs,
                initialWeights,
                optimizer,
                schedule,
                batchSize,
                shuffle,
                seed,
                clipNorm,
                tolerance,
                patience,
                earlyStopping,
                validationFraction,
                maxDurationMs,
                snapshotEpochs,
                returnLearningRates,
                standardize,
                parentId,
                featureNames,
                targetName,
                rows,
                target,
                design,
                formula);
    }

    /**
     * These settings with raw rows: what a CSV or Arrow fit of a table fits, its options read from JSON without data.
     *
     * @param table the rows
     * @param targetColumn the column of the target
     * @param offsets one offset per row, or {@code null} for the options' own
     */
    public FitRequest withRows(Table table, String targetColumn, double[] offsets) {
        return new FitRequest(
                null,
                null,
                sampleWeights,
                classWeights,
                offsets != null ? offsets : offset,
                loss,
                l1,
                l2,
                fitIntercept,
                learningRate,
                epochs,
                initialWeights,
                optimizer,
                schedule,
                batchSize,
                shuffle,
                seed,
                clipNorm,
                tolerance,
                patience,
                earlyStopping,
                validationFraction,
                maxDurationMs,
                snapshotEpochs,
                returnLearningRates,
                standardize,
                parentId,
                null,
                null,
                table,
                targetColumn,
                design,
                formula);
    }

    /**
     * This request with the features a design made of its rows: the numbers it fits, its names, and the
     * intercept the design asks for; the rows, target, design and formula are consumed.
     */
    public FitRequest withDesigned(
            FeatureMatrix designed,
            Targets targets,
            double[] keptWeights,
            double[] keptOffsets,
            List<String> names,
            String target,
            Boolean intercept) {
        return new FitRequest(
                designed,
                targets,
                keptWeights,
                classWeights,
                keptOffsets,
                loss,
                l1,
                l2,
                intercept,
                learningRate,
                epochs,
                initialWeights,
                optimizer,
                schedule,
                batchSize,
                shuffle,
                seed,
                clipNorm,
                tolerance,
                patience,
                earlyStopping,
                validationFraction,
                maxDurationMs,
                snapshotEpochs,
                returnLearningRates,
                standardize,
                parentId,
                names,
                target,
                null,
                null,
                null,
                null);
    }

    /** How y may be sent: numbers, or class labels as strings. Documentation only. */
    @Schema(
            name = "Targets",
            type = "array",
            description =
                    "One target per point of x: numbers, or for a classifier (logistic, softmax) class labels, all"
                            + " numbers or all non-empty strings. A classifier's classes are y's distinct values, sorted as"
                            + " scikit-learn sorts them (numbers by value, strings by Unicode code point); the logistic loss"
                            + " takes two, and its probability is that of the second (1 for 0/1 targets).",
            oneOf = {double[].class, String[].class})
    interface TargetsSchema {}
}
