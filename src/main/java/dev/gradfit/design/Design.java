package dev.gradfit.design;

import dev.gradfit.design.table.Table;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A design learned from training rows: which columns it reads, their sorted levels and fill values, and the design
 * columns it makes of them. Immutable and thread-safe; it is stored with the model and applied to the raw rows of
 * every prediction.
 *
 * <p><b>Columns</b>, in order: the columns of the terms, grouped and coded by patsy's rules (see
 * {@link Contrasts}), then one missing-cell indicator per column that had a missing cell in training under
 * {@link Missing#INDICATOR}. The intercept is not a column: {@link #intercept()} tells the fitter to fit one.
 *
 * <p><b>Names</b>, as statsmodels' formulas name them, with the column's own name:
 * <ul>
 *   <li>a numeric column {@code size}, its power {@code I(size**2)};
 *   <li>a level under treatment coding {@code city[T.Paris]}, with every level kept {@code city[Paris]}, whether
 *       the formula wrote {@code city} or {@code C(city)} (patsy would write {@code C(city)[T.Paris]} for the
 *       latter);
 *   <li>a product {@code size:rooms}, {@code city[T.Paris]:size}, the factors in the order the term wrote them;
 *   <li>a missing-cell indicator {@code size_missing} (scikit-learn: {@code missingindicator_size}).
 * </ul>
 * Levels are sorted as {@code numpy.unique} and patsy sort them: text by Unicode code point, numeric codes by
 * value, named as {@link Variable#levelOf(double)} prints them.
 */
public final class Design {

    private final List<Variable> variables;
    private final List<Block> blocks;
    private final List<String> indicators;
    private final boolean intercept;
    private final UnknownLevels unknownLevels;
    private final Missing missing;
    private final List<String> names;
    /** Every input column in order of first use, with its levels (empty when not used by its levels). */
    private final Map<String, List<String>> levelsByInput;
    /** The input columns some numeric variable reads. */
    private final Set<String> numericInputs;

    private final List<String> inputs;

    Design(
            List<Variable> variables,
            List<Block> blocks,
            List<String> indicators,
            boolean intercept,
            UnknownLevels unknownLevels,
            Missing missing) {
        this.variables = List.copyOf(variables);
        this.blocks = List.copyOf(blocks);
        this.indicators = List.copyOf(indicators);
        this.intercept = intercept;
        this.unknownLevels = unknownLevels;
        this.missing = missing;
        List<String> all = new ArrayList<>();
        for (Block block : this.blocks) {
            all.addAll(block.names(this.variables));
        }
        for (String column : this.indicators) {
            all.add(column + "_missing");
        }
        Set<String> seen = new HashSet<>();
        for (String name : all) {
            if (!seen.add(name)) {
                throw DesignException.duplicateName(name);
            }
        }
        this.names = List.copyOf(all);
        // One pass over the variables: a design of 100,000 one-level inputs is asked for every input's levels.
        Map<String, List<String>> byInput = new LinkedHashMap<>();
        Set<String> categoricalColumns = new HashSet<>();
        Set<String> numericColumns = new HashSet<>();
        for (Variable variable : this.variables) {
            byInput.putIfAbsent(variable.column(), List.of());
            if (!variable.categorical()) {
                numericColumns.add(variable.column());
            } else if (categoricalColumns.add(variable.column())) {
                byInput.put(variable.column(), List.copyOf(variable.levels()));
            }
        }
        this.levelsByInput = Collections.unmodifiableMap(byInput);
        this.numericInputs = Set.copyOf(numericColumns);
        this.inputs = List.copyOf(byInput.keySet());
    }

    /** Learns a design from training rows within the default limits: see {@link #learn(Table, DesignSpec, DesignLimits)}. */
    public static Design learn(Table table, DesignSpec spec) {
        return learn(table, spec, DesignLimits.DEFAULTS);
    }

    /**
     * Learns the levels of the categorical columns and the fill values of missing cells from the training rows (the
     * rows kept, under {@link Missing#SKIP}).
     *
     * @throws DesignException if a term names an absent column, a text column is used as a number, a cell is missing
     *     under {@link Missing#REFUSE}, a column has no value to learn from, or a limit is crossed
     */
    public static Design learn(Table table, DesignSpec spec, DesignLimits limits) {
        return Learner.learn(table, spec, limits);
    }

    /**
     * Applies the design to raw rows, the training ones or new ones: fills or drops missing cells as learned, codes
     * levels, and multiplies out the terms.
     *
     * <p>A categorical column may arrive as text or numbers: a number is looked up by the name of its level
     * ({@link Variable#levelOf(double)}), so codes sent as {@code 2} or {@code "2"} are the same level.
     *
     * @throws DesignException if a column the design reads is absent or, for a numeric use, holds text; if a cell is
     *     missing under {@link Missing#REFUSE}; or if a level is unseen under {@link UnknownLevels#ERROR}. The
     *     exception names the first such row in order.
     */
    public DesignMatrix apply(Table table) {
        return new Application(this, table).matrix();
    }

    /**
     * {@link #apply} with the zeros left out: the same numbers, at most {@link #storedPerRow()} of them a row.
     *
     * @throws DesignException as {@link #apply} does
     */
    public SparseDesignMatrix applySparse(Table table) {
        return new Application(this, table).sparse();
    }

    /**
     * The most values a row of the design holds that are not 0: one a block (the product of its numeric factors, at
     * the column its levels select) and one a missing-cell indicator.
     */
    public int storedPerRow() {
        return blocks.size() + indicators.size();
    }

    /** The names of the design columns, in order. */
    public List<String> columnNames() {
        return names;
    }

    /** The number of design columns, the intercept not counted. */
    public int columns() {
        return names.size();
    }

    /** Whether the model has an intercept, which the fitter fits: it is not a design column. */
    public boolean intercept() {
        return intercept;
    }

    public UnknownLevels unknownLevels() {
        return unknownLevels;
    }

    public Missing missing() {
        return missing;
    }

    /** The table columns the design reads, in order of first use. */
    public List<String> inputs() {
        return inputs;
    }

    /** The sorted levels learned for a categorical column; empty if the design does not use it by its levels. */
    public List<String> levels(String column) {
        return levelsByInput.getOrDefault(column, List.of());
    }

    /**
     * Every column the design reads, in the order of {@link #inputs()}, with its {@link #levels(String)}: one pass
     * for callers that visit every input.
     */
    public Map<String, List<String>> levelsByInput() {
        return levelsByInput;
    }

    /** Whether the design reads {@code column} as numbers (a numeric term, a power, a product): it must hold numbers. */
    public boolean numeric(String column) {
        return numericInputs.contains(column);
    }

    /**
     * Whether {@code column} is used by its levels and every level is a number's name as {@link #apply} looks
     * numbers up ({@code 2}, {@code 2.5}): then the column may come as numbers as well as text.
     */
    public boolean numberLevels(String column) {
        List<String> levels = levels(column);
        return !levels.isEmpty() && levels.stream().allMatch(Design::namesANumber);
    }

    private static boolean namesANumber(String level) {
        try {
            double value = Double.parseDouble(level);
            return Double.isFinite(value) && Variable.levelOf(value).equals(level);
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /** Writes the design in the current encoding: see {@link DesignCodec}. */
    public void write(DataOutput out) throws IOException {
        DesignCodec.write(this, out);
    }

    /**
     * Reads a design written by {@link #write} in this or an earlier encoding.
     *
     * @throws IOException if the bytes are not a design, or of an encoding this version does not know
     */
    public static Design read(DataInput in) throws IOException {
        return DesignCodec.read(in);
    }

    List<Variable> variables() {
        return variables;
    }

    List<Block> blocks() {
        return blocks;
    }

    List<String> indicators() {
        return indicators;
    }

    @Override
    public String toString() {
        return "Design" + names + (intercept ? " with intercept" : " without intercept");
    }
}
