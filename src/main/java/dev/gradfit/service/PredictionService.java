package dev.gradfit.service;

import dev.gradfit.config.FitProperties;
import dev.gradfit.design.Design;
import dev.gradfit.design.DesignException;
import dev.gradfit.design.DesignLimits;
import dev.gradfit.design.DesignMatrix;
import dev.gradfit.design.table.Table;
import dev.gradfit.fitting.Predictor;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.model.FittedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Answers predictions from kept models. */
@Service
public class PredictionService {

    private final ModelService models;
    private final FitProperties limits;
    private final FitMeters meters;

    PredictionService(ModelService models, FitProperties limits, FitMeters meters) {
        this.models = models;
        this.limits = limits;
        this.meters = meters;
    }

    /**
     * @throws ModelNotFoundException if no model has the id
     * @throws InvalidRequestException if the points do not fit the model or the limits, or one's prediction
     *     overflows a double
     */
    public Prediction predict(PredictionCommand command) {
        return predict(command, MemoryAccount.NONE);
    }

    /**
     * A prediction whose array of answers is charged to {@code account} before anything else, so that a request
     * past the in-flight budget is refused before the model is looked up.
     *
     * @throws ModelNotFoundException if no model has the id
     * @throws InvalidRequestException if the points do not fit the model or the limits, or one's prediction
     *     overflows a double
     */
    public Prediction predict(PredictionCommand command, MemoryAccount account) {
        account.charge(8L * command.rows()); // the array of predictions
        FittedModel model = models.find(command.modelId());
        if (command.table() != null) {
            command = designed(command, model, account);
        } else if (model.design() != null) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "x",
                    "the model was fitted from rows through a design: send rows, objects keyed by column name"
                            + " (it reads "
                            + NamedColumns.listed(model.design().design().inputs()) + ")")));
        }
        Predictor predictor = model.predictor();
        List<FieldError> errors = new ArrayList<>();
        PointLimits.check(command.table() != null ? "rows" : "x", command.rows(), command.features(), limits, errors);
        if (command.columnNames() != null) {
            errors.addAll(NamedColumns.reorder("x", command.points(), command.columnNames(), model.featureNames()));
        } else if (command.rows() > 0 && command.features() != model.features()) {
            errors.add(new FieldError(
                    "x", "has " + command.features() + " features per point but the model takes " + model.features()));
        }
        int perPoint = model.result().weights().outputs();
        if (command.threshold() != null && (!predictor.probabilities() || perPoint > 1)) {
            errors.add(new FieldError("threshold", "applies only to models fitted with the logistic loss"));
        }
        double[] offsets = command.offsets();
        if (offsets != null && !predictor.means()) {
            errors.add(
                    new FieldError("offset", "applies only to models fitted with the poisson, gamma or tweedie loss"));
        } else if (offsets != null && offsets.length != command.rows()) {
            errors.add(new FieldError(
                    "offset",
                    "has " + offsets.length + " values but " + (command.table() != null ? "rows" : "x") + " has "
                            + command.rows() + " points"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (perPoint > 1) {
            account.charge(8L * command.rows() * (perPoint - 1)); // a probability per class, not one per point
            double[] probabilities = flat(predictor.classProbabilities(command.points()), perPoint);
            for (int i = 0; i < probabilities.length; i++) {
                if (!Double.isFinite(probabilities[i])) {
                    // A class score beyond the range of a double (|score| above 1.8e308) leaves e^(score − max)
                    // undefined; refuse the point, as a log-link mean beyond the range is refused.
                    throw new InvalidRequestException(List.of(new FieldError(
                            "x[" + i / perPoint + "]",
                            "gives a class score beyond the range of a double (the intercept plus Σ"
                                    + " coefficients·x of a class overflows), so its probabilities cannot be"
                                    + " computed")));
                }
            }
            meters.predicted(command.rows());
            return new Prediction(
                    command.modelId(), probabilities, true, Prediction.DEFAULT_THRESHOLD, model.classes(), perPoint);
        }
        double[] values = predictor.predict(command.points(), offsets);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                // A JSON number cannot be infinite: refuse the point rather than answer outside the schema.
                throw new InvalidRequestException(List.of(new FieldError(
                        (command.table() != null ? "rows[" : "x[") + i + "]",
                        predictor.means()
                                ? "gives a mean exp(score" + (offsets == null ? "" : " + offset[" + i + "]")
                                        + ") beyond the range of a double (the score exceeds 709.78)"
                                : "gives a prediction beyond the range of a double")));
            }
        }
        meters.predicted(command.rows());
        double threshold = command.threshold() == null ? Prediction.DEFAULT_THRESHOLD : command.threshold();
        return new Prediction(command.modelId(), values, predictor.probabilities(), threshold, model.classes());
    }

    /**
     * The command with the model's design applied to its raw rows: the design matrix as its points. Refuses rows
     * for a model without a design, and a missing cell the design does not fill (under skip too: a prediction
     * answers every row it is sent).
     */
    private PredictionCommand designed(PredictionCommand command, FittedModel model, MemoryAccount account) {
        Table table = command.table();
        if (model.design() == null) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "rows",
                    "the model was fitted from numbers (x), not rows: send x, the features in the order of its"
                            + " coefficients")));
        }
        Design design = model.design().design();
        List<FieldError> errors = new ArrayList<>();
        PointLimits.check("rows", table.rows(), design.columns(), limits, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        DesignRefusals.Context context = new DesignRefusals.Context(
                model.design().formula() != null, Set.of(), List.of(), null, DesignLimits.DEFAULTS, true);
        DesignMatrix matrix;
        try {
            account.charge(8L * table.rows() * design.columns());
            matrix = design.apply(table);
        } catch (DesignException refused) {
            throw DesignRefusals.of(refused, context);
        }
        if (matrix.dropped() > 0) {
            int[] kept = matrix.keptRows();
            int row = 0;
            while (row < kept.length && kept[row] == row) {
                row++;
            }
            int dropped = row;
            String column = design.inputs().stream()
                    .filter(name -> table.column(name).orElseThrow().missing(dropped))
                    .findFirst()
                    .orElseThrow();
            throw new InvalidRequestException(
                    List.of(new FieldError(
                            DesignRefusals.cell(column, dropped),
                            "is missing, and the model fills no missing cell (its design's missing is skip, which drops rows"
                                    + " from a fit, not from a prediction)")),
                    column);
        }
        return new PredictionCommand(
                command.modelId(),
                matrix.values(),
                matrix.rows(),
                matrix.columns(),
                command.threshold(),
                command.offsets(),
                null,
                table);
    }

    /** The rows of per-class probabilities, row-major in one array. */
    private static double[] flat(double[][] rows, int perPoint) {
        double[] values = new double[rows.length * perPoint];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, values, i * perPoint, perPoint);
        }
        return values;
    }
}
