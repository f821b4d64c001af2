package dev.gradfit.api.oip;

import dev.gradfit.config.FitProperties;
import dev.gradfit.design.Design;
import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.formats.oip.TensorData;
import dev.gradfit.service.DesignRefusals;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NamedColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inputs of a model fitted from rows through a design: one tensor per table column the design reads, named as
 * the column, each {@code [rows]} or {@code [rows, 1]}; FP64 (or another number type) for a column read as numbers,
 * BYTES (strings) for one read by its levels, or numbers too when every level is a number's name. A null element
 * is a missing cell, as null is in rows. The tensors become the raw table a prediction from {@code rows} gets.
 */
final class DesignTensors {

    /** A field of a prediction from rows: {@code rows}, {@code rows[3]}, {@code rows[3].city}, {@code rows[*].city}. */
    private static final Pattern ROWS_FIELD = Pattern.compile("rows(?:\\[(\\d+|\\*)](?:\\.(.+))?)?");

    private static final String PREFIX = "rows[*].";

    /** The most columns a refusal lists. */
    private static final int LISTED = 10;

    /**
     * One column the design reads, as the model's metadata describes it.
     *
     * @param name the column's name, the tensor's
     * @param datatype FP64 for a column read as numbers, BYTES for one read by its levels
     * @param takesNumbers whether a tensor of numbers is taken: always for FP64, for BYTES when every level is a
     *     number's name
     */
    record Input(String name, String datatype, boolean takesNumbers) {}

    private DesignTensors() {}

    /** The columns the design reads, in its order. */
    static List<Input> inputs(Design design) {
        return design.inputs().stream()
                .map(column -> design.numeric(column)
                        ? new Input(column, ModelSignature.FP64, true)
                        : new Input(column, ModelSignature.BYTES, design.numberLevels(column)))
                .toList();
    }

    /**
     * The tensors as a table, its columns the tensors' data as they were read (nothing is copied).
     *
     * @throws InvalidRequestException naming the tensor and the reason: a tensor missing for a column, one named
     *     after no column or twice, a datatype the column does not take, a shape other than one column, a number
     *     of rows that differs between tensors, none or more than the limit
     */
    static Table read(List<RequestInput> tensors, List<Input> inputs, FitProperties limits) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            InputTensors.check(tensors.get(i), "inputs[" + i + "]", true, errors);
        }
        InputTensors.fail(errors);
        Map<String, Input> byName = new HashMap<>();
        inputs.forEach(input -> byName.put(input.name(), input));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            RequestInput tensor = tensors.get(i);
            String field = "inputs[" + i + "]";
            Input input = byName.get(tensor.name());
            if (input == null) {
                errors.add(new FieldError(
                        field + ".name",
                        "is not a column the model reads; send one tensor per column, named as the column: "
                                + listed(inputs)));
                continue;
            }
            Integer earlier = seen.putIfAbsent(input.name(), i);
            if (earlier != null) {
                errors.add(new FieldError(
                        field + ".name", "repeats inputs[" + earlier + "].name; each column comes once"));
            }
            datatype(tensor, input, field, errors);
        }
        for (Input input : inputs) {
            if (!seen.containsKey(input.name())) {
                errors.add(new FieldError(
                        "inputs",
                        "has no tensor named " + NamedColumns.shown(input.name()) + ", a column the model reads ("
                                + input.datatype() + ")"));
            }
        }
        InputTensors.fail(errors);
        int rows = rows(tensors);
        if (rows == 0) {
            errors.add(new FieldError("inputs", "hold no rows"));
        } else if (rows > limits.maxPoints()) {
            errors.add(
                    new FieldError("inputs", "hold " + rows + " rows, more than the limit of " + limits.maxPoints()));
        }
        InputTensors.fail(errors);
        List<Column> columns = new ArrayList<>(inputs.size());
        for (Input input : inputs) {
            TensorData data = tensors.get(seen.get(input.name())).data();
            columns.add(
                    data.text()
                            ? new TextColumn(input.name(), data.codes(), data.dictionary())
                            : new NumericColumn(input.name(), data.values()));
        }
        return new Table(columns);
    }

    /** Whether the column takes the tensor's datatype: numbers for a numeric column, BYTES for a text one. */
    private static void datatype(RequestInput tensor, Input input, String field, List<FieldError> errors) {
        boolean numbers = InputTensors.numeric(tensor.datatype());
        String shown = NamedColumns.shown(input.name());
        if (!numbers && ModelSignature.FP64.equals(input.datatype())) {
            errors.add(new FieldError(
                    field + ".datatype",
                    "is " + tensor.datatype() + ", but the model reads " + shown + " as numbers: send FP64 (or"
                            + " another number type)"));
        } else if (numbers && !input.takesNumbers()) {
            errors.add(new FieldError(
                    field + ".datatype",
                    "is " + tensor.datatype() + ", but " + shown + " is a text column, read by its levels: send"
                            + " BYTES, its values as strings"));
        }
    }

    /** The rows every tensor holds, each a column {@code [rows]} or {@code [rows, 1]}. */
    private static int rows(List<RequestInput> tensors) {
        int rows = -1;
        for (int i = 0; i < tensors.size(); i++) {
            List<Long> shape = tensors.get(i).shape();
            String field = "inputs[" + i + "].shape";
            if (!(shape.size() == 1 || (shape.size() == 2 && shape.get(1) == 1))) {
                InputTensors.fail(List.of(new FieldError(field, "must be [rows] or [rows, 1]: one tensor per column")));
            }
            int length = tensors.get(i).data().size();
            if (rows >= 0 && length != rows) {
                InputTensors.fail(List.of(new FieldError(field, "has " + length + " rows but inputs[0] has " + rows)));
            }
            rows = length;
        }
        return rows;
    }

    /** The columns, the first {@value #LISTED} of them: the model's metadata lists them all. */
    private static String listed(List<Input> inputs) {
        String first = String.join(
                ", ",
                inputs.stream()
                        .limit(LISTED)
                        .map(input -> NamedColumns.shown(input.name()) + " (" + input.datatype() + ")")
                        .toList());
        return inputs.size() <= LISTED
                ? first
                : first + " and " + (inputs.size() - LISTED) + " more, which the model's metadata lists";
    }

    /**
     * A prediction's refusal in the tensors' words: {@code rows[3].city} becomes {@code inputs[1].data[3]} with
     * the tensor and row named, {@code rows[*].city} the tensor {@code inputs[1]}, {@code rows} the inputs. The
     * tensor is the one named as the column the refusal concerns; when the refusal names no column, the one shown
     * by the name in its field, unless several are shown alike.
     */
    static InvalidRequestException renamed(InvalidRequestException refused, List<RequestInput> tensors) {
        Map<String, Integer> tensorOf = new HashMap<>();
        Set<String> alike = new HashSet<>();
        Integer concerned = null;
        for (int i = 0; i < tensors.size(); i++) {
            String name = tensors.get(i).name();
            String shown = shown(name);
            if (tensorOf.putIfAbsent(shown, i) != null) {
                alike.add(shown);
            }
            if (name.equals(refused.column())) {
                concerned = i;
            }
        }
        alike.forEach(tensorOf::remove);
        if (concerned != null) {
            tensorOf.put(shown(refused.column()), concerned);
        }
        List<FieldError> errors = refused.errors().stream()
                .map(error -> renamed(error, tensors, tensorOf))
                .toList();
        return new InvalidRequestException(errors);
    }

    /** A column's name as a refusal's field shows it: {@code city} in {@code rows[*].city}. */
    private static String shown(String name) {
        return DesignRefusals.cell(name, -1).substring(PREFIX.length());
    }

    private static FieldError renamed(FieldError error, List<RequestInput> tensors, Map<String, Integer> tensorOf) {
        Matcher field = ROWS_FIELD.matcher(error.field());
        if (!field.matches()) {
            return error;
        }
        String row = field.group(1);
        Integer tensor = field.group(2) == null ? null : tensorOf.get(field.group(2));
        if (row == null) {
            return new FieldError("inputs", error.reason());
        }
        if (tensor == null) {
            return new FieldError("inputs", "row " + row + " " + error.reason());
        }
        String name = NamedColumns.shown(tensors.get(tensor).name());
        if (row.equals("*")) {
            return new FieldError("inputs[" + tensor + "]", "(the tensor " + name + ") " + error.reason());
        }
        return new FieldError(
                "inputs[" + tensor + "].data[" + row + "]",
                "(row " + row + " of the tensor " + name + ") " + error.reason());
    }
}
