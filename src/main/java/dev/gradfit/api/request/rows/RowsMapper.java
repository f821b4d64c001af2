package dev.gradfit.api.request.rows;

import dev.gradfit.config.FitProperties;
import dev.gradfit.design.Coding;
import dev.gradfit.design.Design;
import dev.gradfit.design.DesignException;
import dev.gradfit.design.DesignLimits;
import dev.gradfit.design.DesignMatrix;
import dev.gradfit.design.DesignSpec;
import dev.gradfit.design.Missing;
import dev.gradfit.design.SparseDesignMatrix;
import dev.gradfit.design.UnknownLevels;
import dev.gradfit.design.formula.Formula;
import dev.gradfit.design.formula.FormulaException;
import dev.gradfit.design.table.Table;
import dev.gradfit.fitting.core.SparseRows;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.formats.Targets;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelDesign;
import dev.gradfit.service.DesignRefusals;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.FitOutOfMemoryException;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.PointLimits;
import dev.gradfit.service.rows.Tables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a fit's raw {@code rows} into the numbers it fits: finds the target, learns the design (or applies the
 * parent's, for a continued fit), and hands on the request as if its x had been the design matrix. A request
 * without rows passes through, after checking that it asks for no design.
 */
public final class RowsMapper {

    /**
     * The parts of a fit request that say what its data are.
     *
     * @param x the points, or {@code null} when the data are rows
     * @param y the targets, or {@code null} when a column of the rows holds them
     */
    public record Data(
            FeatureMatrix x,
            Targets y,
            double[] sampleWeights,
            double[] offset,
            Boolean fitIntercept,
            List<String> featureNames,
            String targetName,
            Table rows,
            String target,
            DesignBody design,
            String formula) {}

    /**
     * The data as numbers, and the design that made them of the rows.
     *
     * @param x the design matrix; its values are {@code null} when the rows are {@code sparse}
     * @param sparse the design matrix with its zeros left out, or {@code null} when {@code x} holds it
     * @param y the targets of its rows
     * @param sampleWeights the sample weights of its rows, or {@code null}
     * @param offset the offsets of its rows, or {@code null}
     * @param featureNames the design's column names
     * @param targetName the name of the target
     * @param fitIntercept the intercept setting the design was made for
     * @param design the design to keep with the model
     */
    public record Designed(
            FeatureMatrix x,
            SparseRows sparse,
            Targets y,
            double[] sampleWeights,
            double[] offset,
            List<String> featureNames,
            String targetName,
            Boolean fitIntercept,
            ModelDesign design) {}

    private final FitProperties fitLimits;
    private final DesignLimits limits;

    public RowsMapper(FitProperties fitLimits, DesignLimits limits) {
        this.fitLimits = fitLimits;
        this.limits = limits;
    }

    /**
     * @return the data as numbers with their design; {@code null} for data that are x and y already
     * @param parent the model continued, or {@code null}
     * @param account the request's memory account, charged for the design matrix before it is made
     * @throws InvalidRequestException naming the fields at fault
     */
    public Designed design(Data request, FittedModel parent, MemoryAccount account) {
        if (request.rows() == null) {
            withoutRows(request, parent);
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        Table table = request.rows();
        DesignBody body =
                request.design() == null ? new DesignBody(null, null, null, null, null, null, null) : request.design();
        if (request.x() != null) {
            errors.add(new FieldError("x", "and rows are two forms of the data; send one"));
        }
        if (request.featureNames() != null) {
            errors.add(new FieldError("featureNames", "come from the design when the data are rows; leave them out"));
        }
        if (table.rows() == 0) {
            errors.add(new FieldError("rows", "must not be empty"));
        }
        Formula formula = compile(request, body, limits, errors);
        if (parent != null) {
            if (parent.design() == null) {
                errors.add(new FieldError(
                        "rows", "the model this fit continues was fitted from x, not rows: continue it with x"));
            }
            if (request.design() != null || request.formula() != null) {
                errors.add(new FieldError(
                        request.formula() != null ? "formula" : "design",
                        "must be absent: a continued fit applies the design of the model it continues"));
            }
        }
        String target = RowTargets.targetColumn(request, formula, parent, table, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Missing missing = parent != null
                ? parent.design().design().missing()
                : body.missing() == null
                        ? Missing.REFUSE
                        : Missing.valueOf(body.missing().name());
        Table inputs = inputs(table, target, body, formula, errors);
        int[] tableRows = RowTargets.rowsWithTarget(request, table, target, missing, errors);
        if (errors.isEmpty() && inputs.columns().isEmpty()) {
            errors.add(new FieldError("rows", "have no column but the target: there is nothing to fit on"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (tableRows.length < table.rows()) {
            account.charge(12L * tableRows.length * inputs.columns().size());
            inputs = Tables.rows(inputs, tableRows);
        }
        Set<String> categorical = body.categorical() == null ? Set.of() : new HashSet<>(body.categorical());
        List<List<String>> interactions = body.interactions() == null ? List.of() : body.interactions();
        DesignRefusals.Context context = new DesignRefusals.Context(
                formula != null || parent != null && parent.design().formula() != null,
                categorical,
                interactions.stream().flatMap(List::stream).toList(),
                tableRows.length < table.rows() ? tableRows : null,
                limits,
                false);
        ModelDesign kept;
        DesignMatrix matrix = null;
        SparseDesignMatrix sparseMatrix = null;
        boolean sparse;
        try {
            Design design;
            if (parent != null) {
                design = parent.design().design();
            } else {
                DesignSpec spec = formula != null
                        ? formula.spec().withCategorical(categorical)
                        : DesignSpec.ofColumns(
                                inputs,
                                categorical,
                                body.polynomial() == null ? 1 : body.polynomial(),
                                interactions,
                                !Boolean.FALSE.equals(request.fitIntercept()));
                Coding coding = body.coding() == null
                        ? Coding.TREATMENT
                        : Coding.valueOf(body.coding().name());
                spec = spec.withCoding(coding)
                        .withUnknownLevels(
                                body.unknownLevels() == null
                                        ? UnknownLevels.ERROR
                                        : UnknownLevels.valueOf(
                                                body.unknownLevels().name()))
                        .withMissing(missing);
                design = Design.learn(inputs, spec, limits);
            }
            if (design.columns() == 0) {
                errors.add(new FieldError(
                        formula != null ? "formula" : "rows",
                        (formula != null ? "makes" : "make")
                                + " no design column to fit on: the terms are the intercept alone, or each categorical"
                                + " column has a single level, which treatment coding drops"));
                throw new InvalidRequestException(errors);
            }
            PointLimits.check("rows", inputs.rows(), design.columns(), fitLimits, errors);
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            sparse = keptSparse(design);
            account.charge(
                    sparse
                            ? SparseRows.bytes(inputs.rows(), (long) inputs.rows() * design.storedPerRow())
                            : 8L * inputs.rows() * design.columns());
            try {
                if (sparse) {
                    sparseMatrix = design.applySparse(inputs);
                } else {
                    matrix = design.apply(inputs);
                }
            } catch (OutOfMemoryError exhausted) {
                // Charged, yet the heap had less free than the budgets promise (the stored models take their share):
                // the half-made matrix is unreachable now, and the request gets the fit's out-of-memory answer.
                throw new FitOutOfMemoryException();
            }
            int dropped = table.rows() - tableRows.length + (sparse ? sparseMatrix.dropped() : matrix.dropped());
            kept = parent != null
                    ? new ModelDesign(
                            design, parent.design().formula(), parent.design().coding(), dropped)
                    : new ModelDesign(
                            design,
                            request.formula(),
                            body.coding() == null
                                    ? Coding.TREATMENT
                                    : Coding.valueOf(body.coding().name()),
                            dropped);
        } catch (DesignException refused) {
            throw DesignRefusals.of(refused, context);
        }
        int[] kept0 = sparse ? sparseMatrix.keptRows() : matrix.keptRows();
        if (kept0.length == 0) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "rows", "has no row left once the rows with a missing cell are dropped (design.missing is skip)")));
        }
        int[] original = new int[kept0.length];
        for (int i = 0; i < kept0.length; i++) {
            original[i] = tableRows[kept0[i]];
        }
        Targets targets = RowTargets.targets(request, table, target, original);
        double[] weights = RowTargets.perRow(request.sampleWeights(), "sampleWeights", table.rows(), original, errors);
        double[] offsets = RowTargets.perRow(request.offset(), "offset", table.rows(), original, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Boolean intercept = formula != null ? Boolean.valueOf(formula.intercept()) : request.fitIntercept();
        String targetName = request.targetName() != null ? request.targetName() : target;
        FeatureMatrix x = sparse
                ? new FeatureMatrix(null, sparseMatrix.rows(), sparseMatrix.columns())
                : new FeatureMatrix(matrix.values(), matrix.rows(), matrix.columns());
        SparseRows rows = sparse
                ? new SparseRows(sparseMatrix.rowStart(), sparseMatrix.columnIndex(), sparseMatrix.values())
                : null;
        return new Designed(
                x, rows, targets, weights, offsets, kept.design().columnNames(), targetName, intercept, kept);
    }

    /**
     * Whether the design matrix is kept sparse: when it has at least two columns and its rows, stored as their
     * non-zero values and columns (12 bytes each), take less than half the heap of dense rows (8 bytes a column).
     * Both give the same fit; a table's one-hot blocks make most designs sparse.
     */
    static boolean keptSparse(Design design) {
        return design.columns() >= 2 && 12L * design.storedPerRow() * 2 <= 8L * design.columns();
    }

    /** A request of x: refused design settings, and x and y required. */
    private static void withoutRows(Data request, FittedModel parent) {
        List<FieldError> errors = new ArrayList<>();
        if (request.x() == null) {
            errors.add(new FieldError("x", "must not be null: send the points as x (with y), or the raw rows as rows"));
        } else if (parent != null && parent.design() != null) {
            errors.add(new FieldError(
                    "x", "the model this fit continues was fitted from rows, through a design: continue it with rows"));
        }
        if (request.y() == null) {
            errors.add(new FieldError("y", "must not be null"));
        }
        for (String field : new String[] {"target", "design", "formula"}) {
            Object value = switch (field) {
                case "target" -> request.target();
                case "design" -> request.design();
                default -> request.formula();
            };
            if (value != null) {
                errors.add(new FieldError(field, "applies only to a fit of rows"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /** The compiled formula, or {@code null}; a refusal of it, or of settings that do not go with it, in errors. */
    private static Formula compile(Data request, DesignBody body, DesignLimits limits, List<FieldError> errors) {
        if (request.formula() == null) {
            return null;
        }
        if (body.interactions() != null) {
            errors.add(new FieldError("design.interactions", "must be absent with a formula: write a:b in it"));
        }
        if (body.polynomial() != null) {
            errors.add(new FieldError("design.polynomial", "must be absent with a formula: write I(x**2) in it"));
        }
        if (body.columns() != null) {
            errors.add(new FieldError("design.columns", "must be absent with a formula: it names its columns"));
        }
        Formula formula;
        try {
            formula = Formula.compile(request.formula(), limits.maxColumns());
        } catch (FormulaException refused) {
            errors.addAll(DesignRefusals.of(refused).errors());
            return null;
        }
        if (!formula.intercept() && Boolean.TRUE.equals(request.fitIntercept())) {
            errors.add(new FieldError("fitIntercept", "is true, but the formula drops the intercept (- 1 or + 0)"));
        } else if (formula.intercept() && Boolean.FALSE.equals(request.fitIntercept())) {
            errors.add(new FieldError(
                    "fitIntercept", "is false, but the formula keeps the intercept: write - 1 in it instead"));
        }
        return formula;
    }

    /** The table of inputs: design.columns, or every column but the target. */
    private static Table inputs(Table table, String target, DesignBody body, Formula formula, List<FieldError> errors) {
        if (body.columns() == null || formula != null) {
            return target == null ? table : Tables.without(table, target);
        }
        List<String> names = body.columns();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (table.column(name).isEmpty()) {
                errors.add(new FieldError("design.columns[" + i + "]", "is not a column of rows"));
            } else if (name.equals(target)) {
                errors.add(new FieldError("design.columns[" + i + "]", "is the target, which cannot be an input"));
            } else if (!seen.add(name)) {
                errors.add(new FieldError("design.columns[" + i + "]", "repeats an earlier column"));
            }
        }
        if (names.isEmpty()) {
            errors.add(new FieldError("design.columns", "must name at least one column"));
        }
        return errors.isEmpty() ? Tables.select(table, names) : table;
    }
}
