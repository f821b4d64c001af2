package dev.gradfit.api.oip;

import dev.gradfit.model.Classes;
import dev.gradfit.model.FittedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model takes and answers in the protocol's terms: one FP64 input {@code x} of shape {@code [-1,
 * features]}, or for a model fitted from rows one input {@code [-1]} per column its design reads (see {@link
 * DesignTensors}); and {@code predictions}, or {@code probabilities} and {@code labels} for a logistic model.
 *
 * @param name the model's name, its id
 * @param features the number of features per row
 * @param logistic whether the model answers probabilities and labels
 * @param featureNames the names of the features, in column order, or {@code null} when the model has none
 * @param labelType the datatype of the labels: INT64 for whole-number classes (0 and 1), FP64 for other numbers,
 *     BYTES for named classes
 * @param classes the probabilities per point: the number of classes of a softmax model, else 1
 * @param columns the table columns of a model fitted from rows, one input each; {@code null} for a model fitted
 *     from numbers
 */
record ModelSignature(
        String name,
        int features,
        boolean logistic,
        List<String> featureNames,
        String labelType,
        int classes,
        List<DesignTensors.Input> columns) {

    /** A model of one probability or prediction per point, fitted from numbers. */
    ModelSignature(String name, int features, boolean logistic, List<String> featureNames, String labelType) {
        this(name, features, logistic, featureNames, labelType, 1, null);
    }

    /** The one version of every gradfit model: a model never changes; refitting makes a new model. */
    static final String VERSION = "1";

    static final String PLATFORM = "gradfit";
    static final String INPUT = "x";
    static final String PREDICTIONS = "predictions";
    static final String PROBABILITIES = "probabilities";
    static final String LABELS = "labels";
    static final String FP64 = "FP64";
    static final String INT64 = "INT64";
    static final String BYTES = "BYTES";

    /** The parameter of the input tensor's metadata that lists the feature names, comma-separated. */
    static final String FEATURE_NAMES = "feature_names";

    static ModelSignature of(FittedModel model) {
        return new ModelSignature(
                model.id().toString(),
                model.features(),
                model.predictor().probabilities(),
                model.featureNames(),
                labelType(model.classes()),
                model.result().weights().outputs(),
                model.design() == null
                        ? null
                        : DesignTensors.inputs(model.design().design()));
    }

    /** The shape of an output for {@code rows} points ({@code -1} for any): [rows], or [rows, K] for K probabilities. */
    List<Long> shape(String output, long rows) {
        return PROBABILITIES.equals(output) && classes > 1 ? List.of(rows, (long) classes) : List.of(rows);
    }

    private static String labelType(Classes classes) {
        if (classes == null) {
            return INT64;
        }
        if (classes.named()) {
            return BYTES;
        }
        return classes.wholeNumbers() ? INT64 : FP64;
    }

    /** The outputs this model answers, in the order a response lists them when none are asked for. */
    List<String> outputs() {
        return logistic ? List.of(PROBABILITIES, LABELS) : List.of(PREDICTIONS);
    }

    String datatype(String output) {
        return LABELS.equals(output) ? labelType : FP64;
    }

    /** Whether the model takes one tensor per table column rather than {@code x}. */
    boolean rows() {
        return columns != null;
    }

    ModelMetadata metadata() {
        List<MetadataTensor> outputs = outputs().stream()
                .map(output -> new MetadataTensor(output, datatype(output), shape(output, -1)))
                .toList();
        if (rows()) {
            List<MetadataTensor> inputs = columns.stream()
                    .map(column -> new MetadataTensor(column.name(), column.datatype(), List.of(-1L)))
                    .toList();
            return new ModelMetadata(name, List.of(VERSION), PLATFORM, inputs, outputs);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (featureNames != null) {
            // A parameter's value is a string, number or boolean in the protocol, so the list is joined.
            parameters.put(FEATURE_NAMES, String.join(",", featureNames));
        }
        MetadataTensor input = new MetadataTensor(INPUT, FP64, List.of(-1L, (long) features), parameters);
        return new ModelMetadata(name, List.of(VERSION), PLATFORM, List.of(input), outputs);
    }
}
