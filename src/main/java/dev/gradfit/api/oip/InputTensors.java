package dev.gradfit.api.oip;

import dev.gradfit.config.FitProperties;
import dev.gradfit.formats.oip.TensorData;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NamedColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Turns the input tensors of an inference request into the rows a model predicts from: either one tensor
 * {@code [rows, features]} (or {@code [rows]} for a one-feature model), or one tensor per feature, each
 * {@code [rows]} or {@code [rows, 1]}, matched to the features by name or taken in the order of the request.
 * Every failure is a 400 naming the input and the reason.
 */
final class InputTensors {

    /** The datatypes read as FP64, with the range of the integer ones (empty: any finite number). */
    private static final Map<String, double[]> DATATYPES = Map.ofEntries(
            Map.entry("FP64", new double[0]),
            Map.entry("FP32", new double[0]),
            Map.entry("INT8", new double[] {Byte.MIN_VALUE, Byte.MAX_VALUE}),
            Map.entry("INT16", new double[] {Short.MIN_VALUE, Short.MAX_VALUE}),
            Map.entry("INT32", new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE}),
            Map.entry("INT64", new double[] {Long.MIN_VALUE, Long.MAX_VALUE}),
            Map.entry("UINT8", new double[] {0, 255}),
            Map.entry("UINT16", new double[] {0, 65535}),
            Map.entry("UINT32", new double[] {0, 4294967295.0}),
            Map.entry("UINT64", new double[] {0, 18446744073709551615.0}));

    /** Whether {@code datatype} is one read as numbers. */
    static boolean numeric(String datatype) {
        return DATATYPES.containsKey(datatype);
    }

    private static final String DATATYPE_REASON =
            "must be FP64, FP32, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32 or UINT64";

    /**
     * The features, row-major.
     *
     * @param values {@code rows × features} values
     * @param rows the number of rows
     */
    record Rows(double[] values, int rows) {}

    private InputTensors() {}

    /** @throws InvalidRequestException if the inputs do not hold rows of {@code features} numbers within the limits */
    static Rows read(
            List<RequestInput> inputs, int features, List<String> names, FitProperties limits, MemoryAccount account) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            check(inputs.get(i), "inputs[" + i + "]", false, errors);
        }
        fail(errors);
        Rows rows = inputs.size() == 1 ? one(inputs.get(0), features) : columns(inputs, features, names, account);
        if (rows.rows() == 0) {
            errors.add(new FieldError("inputs", "hold no rows"));
        } else if (rows.rows() > limits.maxPoints()) {
            errors.add(new FieldError(
                    "inputs", "hold " + rows.rows() + " rows, more than the limit of " + limits.maxPoints()));
        }
        fail(errors);
        return rows;
    }

    /**
     * The datatype, the shape, whether the data fills it and holds what the datatype says. {@code rows}: the
     * tensor is a column of a model fitted from rows, which also takes BYTES (strings) and nulls.
     */
    static void check(RequestInput input, String field, boolean rows, List<FieldError> errors) {
        boolean bytes = rows && ModelSignature.BYTES.equals(input.datatype());
        double[] range = DATATYPES.get(input.datatype());
        if (range == null && !bytes) {
            errors.add(new FieldError(field + ".datatype", rows ? DATATYPE_REASON + " or BYTES" : DATATYPE_REASON));
            return;
        }
        long count = 1;
        for (long dimension : input.shape()) {
            if (dimension < 0) {
                errors.add(new FieldError(field + ".shape", "must not have a negative dimension"));
                return;
            }
            count = saturatedProduct(count, dimension);
        }
        TensorData data = input.data();
        if (input.shape().isEmpty() || count != data.size()) {
            errors.add(new FieldError(
                    field + ".data",
                    "has " + data.size() + " values but its shape holds "
                            + (input.shape().isEmpty() ? "none" : count > Integer.MAX_VALUE ? "more" : count)));
            return;
        }
        if (data.nested() && !sameShape(data.nestedShape(), input.shape())) {
            errors.add(new FieldError(field + ".data", "is nested otherwise than its shape"));
            return;
        }
        if (bytes) {
            if (!data.text() && firstNumber(data.values()) >= 0) {
                errors.add(new FieldError(
                        field + ".data",
                        "must hold strings (or null) for the datatype BYTES, not numbers: element "
                                + firstNumber(data.values()) + " is a number"));
            }
            return;
        }
        if (data.text()) {
            errors.add(new FieldError(
                    field + ".data", "must hold numbers for the datatype " + input.datatype() + ", not strings"));
            return;
        }
        if (!rows && data.firstNull() >= 0) {
            errors.add(new FieldError(
                    field + ".data",
                    "element " + data.firstNull() + " must be a number, not null: only a model fitted from rows"
                            + " takes missing elements"));
            return;
        }
        if (range.length == 2) {
            if (!data.integral()) {
                errors.add(new FieldError(field + ".data", "must hold integers for an integer datatype"));
                return;
            }
            // The doubles of the widest integers are rounded: 2^63 - 1 and 2^63 are one double, so the
            // reader says whether an integer was written beyond them.
            boolean beyond = switch (input.datatype()) {
                case "INT64" -> data.outsideLong();
                case "UINT64" -> data.aboveUnsignedLong();
                default -> false;
            };
            if (beyond) {
                errors.add(new FieldError(field + ".data", "has a value outside the range of its datatype"));
                return;
            }
            for (double value : data.values()) {
                // A null (NaN) is outside no range.
                if (value < range[0] || value > range[1]) {
                    errors.add(new FieldError(field + ".data", "has a value outside the range of its datatype"));
                    return;
                }
            }
        }
    }

    /** The position of the first element that is not a null, or -1. */
    private static int firstNumber(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                return i;
            }
        }
        return -1;
    }

    private static long saturatedProduct(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean sameShape(long[] nested, List<Long> shape) {
        if (nested.length != shape.size()) {
            return false;
        }
        for (int i = 0; i < nested.length; i++) {
            if (nested[i] != shape.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** One tensor with every feature: {@code [rows, features]}, or {@code [rows]} when there is one feature. */
    private static Rows one(RequestInput input, int features) {
        List<Long> shape = input.shape();
        boolean matrix = shape.size() == 2 && shape.get(1) == features;
        boolean vector = shape.size() == 1 && features == 1;
        if (!matrix && !vector) {
            fail(List.of(new FieldError(
                    "inputs[0].shape",
                    "must be [rows, " + features + "] for this model, which takes " + features + " feature"
                            + (features == 1 ? " per row (or [rows])" : "s per row"))));
        }
        double[] values = input.data().values();
        return new Rows(values, values.length / features);
    }

    /**
     * One tensor per feature, each {@code [rows]} or {@code [rows, 1]}: matched to the model's columns by name
     * when the tensors are named after its features, in column order when none is (see {@link #order}).
     */
    private static Rows columns(List<RequestInput> inputs, int features, List<String> names, MemoryAccount account) {
        if (inputs.size() != features) {
            fail(List.of(new FieldError(
                    "inputs",
                    "has " + inputs.size() + " tensors but the model takes " + features + " feature"
                            + (features == 1 ? "" : "s") + ": send one tensor [rows, " + features
                            + "], or one tensor [rows] per feature")));
        }
        int rows = -1;
        for (int i = 0; i < inputs.size(); i++) {
            List<Long> shape = inputs.get(i).shape();
            boolean column = shape.size() == 1 || (shape.size() == 2 && shape.get(1) == 1);
            if (!column) {
                fail(List.of(new FieldError("inputs[" + i + "].shape", "must be [rows] or [rows, 1] for one feature")));
            }
            int length = inputs.get(i).data().size();
            if (rows >= 0 && length != rows) {
                fail(List.of(new FieldError(
                        "inputs[" + i + "].shape", "has " + length + " rows but inputs[0] has " + rows)));
            }
            rows = length;
        }
        int[] order = order(inputs, names);
        account.charge(8L * rows * features);
        double[] values = new double[rows * features];
        for (int i = 0; i < features; i++) {
            double[] column = inputs.get(i).data().values();
            int j = order[i];
            for (int r = 0; r < rows; r++) {
                values[r * features + j] = column[r];
            }
        }
        return new Rows(values, rows);
    }

    /**
     * The column of each input. By name when every input is named after a feature of the model (each one
     * once); in the order of the request when none is, as for a model without names. Some inputs named after
     * features and others not is refused: taken in order, the named ones could land on another feature.
     */
    private static int[] order(List<RequestInput> inputs, List<String> names) {
        int[] order = new int[inputs.size()];
        if (names == null) {
            return IntStream.range(0, order.length).toArray();
        }
        List<Integer> unknown = new ArrayList<>();
        Map<Integer, Integer> taken = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            order[i] = names.indexOf(inputs.get(i).name());
            if (order[i] < 0) {
                unknown.add(i);
            } else {
                Integer earlier = taken.putIfAbsent(order[i], i);
                if (earlier != null) {
                    errors.add(new FieldError(
                            "inputs[" + i + "].name", "repeats inputs[" + earlier + "].name; each feature comes once"));
                }
            }
        }
        if (unknown.size() == order.length) {
            return IntStream.range(0, order.length).toArray();
        }
        for (int i : unknown) {
            errors.add(new FieldError(
                    "inputs[" + i + "].name",
                    "is not a feature of the model, while other inputs are named after features: name every"
                            + " input after a feature (" + NamedColumns.listed(names) + "), or none of them to"
                            + " take the inputs in column order"));
        }
        fail(errors);
        return order;
    }

    static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
