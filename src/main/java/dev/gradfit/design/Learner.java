package dev.gradfit.design;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Learns a {@link Design} from training rows: resolves the terms, then the levels and fill values. */
final class Learner {

    /** Text sorted by Unicode code point, as Python (and so numpy and patsy) sort str. */
    private static final Comparator<String> CODE_POINTS = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    /** A table column in one use. */
    private record Use(String column, boolean categorical) {}

    private Learner() {}

    static Design learn(Table table, DesignSpec spec, DesignLimits limits) {
        for (String name : spec.categorical()) {
            if (table.column(name).isEmpty()) {
                throw DesignException.unknownColumn(name);
            }
        }
        Map<Use, Integer> uses = new LinkedHashMap<>();
        Set<List<Block.Part>> terms = new LinkedHashSet<>();
        for (Term term : spec.terms()) {
            Set<Block.Part> parts = new LinkedHashSet<>();
            for (Factor factor : term.factors()) {
                Column column =
                        table.column(factor.column()).orElseThrow(() -> DesignException.unknownColumn(factor.column()));
                boolean categorical = factor.categorical()
                        || column instanceof TextColumn
                        || spec.categorical().contains(column.name());
                if (categorical && factor.power() > 1) {
                    throw column instanceof TextColumn
                            ? DesignException.notNumeric(column.name(), "it has no power " + factor.power())
                            : DesignException.invalid(
                                    column.name(), "categorical column " + column.name() + " has no power");
                }
                int variable = uses.computeIfAbsent(new Use(column.name(), categorical), use -> uses.size());
                parts.add(new Block.Part(variable, factor.power(), false));
            }
            terms.add(List.copyOf(parts));
        }
        dedupeUnordered(terms);
        List<Column> read = new ArrayList<>();
        uses.keySet().forEach(use -> read.add(table.column(use.column()).orElseThrow()));
        List<Column> distinct = read.stream().distinct().toList();
        boolean[] kept = keptRows(table, distinct, spec.missing());
        List<Variable> variables = new ArrayList<>();
        for (Use use : uses.keySet()) {
            Column column = table.column(use.column()).orElseThrow();
            variables.add(
                    use.categorical()
                            ? categorical(column, kept, limits.maxLevels())
                            : numeric((NumericColumn) column, kept, spec.missing()));
        }
        List<String> indicators = new ArrayList<>();
        if (spec.missing() == Missing.INDICATOR) {
            for (Column column : distinct) {
                if (anyMissing(column)) {
                    indicators.add(column.name());
                }
            }
        }
        List<Block> blocks = Contrasts.blocks(new ArrayList<>(terms), spec.intercept(), variables, spec.coding());
        long columns = indicators.size();
        for (Block block : blocks) {
            columns += block.width(variables);
            if (columns > limits.maxColumns()) {
                throw DesignException.tooManyColumns(block.term(variables), columns, limits.maxColumns());
            }
        }
        if (columns > limits.maxColumns()) {
            throw DesignException.tooManyColumns(
                    indicators.get(indicators.size() - 1) + "_missing", columns, limits.maxColumns());
        }
        return new Design(variables, blocks, indicators, spec.intercept(), spec.unknownLevels(), spec.missing());
    }

    /** Terms that resolve to the same factors in another order ({@code x:z}, {@code z:x}) are one term. */
    private static void dedupeUnordered(Set<List<Block.Part>> terms) {
        Set<Set<Block.Part>> seen = new HashSet<>();
        terms.removeIf(term -> !seen.add(Set.copyOf(term)));
    }

    /** Which training rows to learn from; refuses the first row with a missing cell under {@link Missing#REFUSE}. */
    private static boolean[] keptRows(Table table, List<Column> read, Missing missing) {
        boolean[] kept = new boolean[table.rows()];
        int count = 0;
        for (int row = 0; row < table.rows(); row++) {
            kept[row] = true;
            if (missing == Missing.REFUSE || missing == Missing.SKIP) {
                for (Column column : read) {
                    if (column.missing(row)) {
                        if (missing == Missing.REFUSE) {
                            throw DesignException.missingCell(column.name(), row);
                        }
                        kept[row] = false;
                        break;
                    }
                }
            }
            count += kept[row] ? 1 : 0;
        }
        if (count == 0) {
            throw DesignException.noValues(read.isEmpty() ? null : read.get(0).name());
        }
        return kept;
    }

    private static boolean anyMissing(Column column) {
        for (int row = 0; row < column.rows(); row++) {
            if (column.missing(row)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mean of the present cells of the kept rows, summed with Neumaier's compensation so that it does not
     * depend on the order of a million rows; {@code NaN} unless missing cells are filled.
     */
    private static Variable numeric(NumericColumn column, boolean[] kept, Missing missing) {
        double sum = 0.0;
        double compensation = 0.0;
        long count = 0;
        for (int row = 0; row < column.rows(); row++) {
            double value = column.value(row);
            if (kept[row] && !Double.isNaN(value)) {
                double next = sum + value;
                compensation += Math.abs(sum) >= Math.abs(value) ? (sum - next) + value : (value - next) + sum;
                sum = next;
                count++;
            }
        }
        if (count == 0) {
            throw DesignException.noValues(column.name());
        }
        boolean fills = missing == Missing.MEAN || missing == Missing.INDICATOR;
        double mean = (sum + compensation) / count;
        if (fills && !Double.isFinite(mean)) {
            // The sum overflowed (values near the largest double): sum the values divided by their count instead,
            // which cannot, and whose mean is no larger than the largest of them.
            mean = scaledMean(column, kept, count);
        }
        return new Variable(column.name(), false, List.of(), fills ? mean : Double.NaN, -1);
    }

    /** {@code Σ (xᵢ / n)} over the present cells of the kept rows, compensated as {@link #numeric} sums. */
    private static double scaledMean(NumericColumn column, boolean[] kept, long count) {
        double sum = 0.0;
        double compensation = 0.0;
        for (int row = 0; row < column.rows(); row++) {
            double value = column.value(row);
            if (kept[row] && !Double.isNaN(value)) {
                double share = value / count;
                double next = sum + share;
                compensation += Math.abs(sum) >= Math.abs(share) ? (sum - next) + share : (share - next) + sum;
                sum = next;
            }
        }
        return sum + compensation;
    }

    /** The sorted levels of the kept rows and the most frequent one (the first in order on a tie). */
    private static Variable categorical(Column column, boolean[] kept, int maxLevels) {
        Map<String, long[]> counts = new HashMap<>();
        Comparator<String> order;
        if (column instanceof TextColumn text) {
            long[] perCode = new long[text.dictionary().size()];
            for (int row = 0; row < text.rows(); row++) {
                if (kept[row] && !text.missing(row)) {
                    perCode[text.code(row)]++;
                }
            }
            for (int code = 0; code < perCode.length; code++) {
                if (perCode[code] > 0) {
                    counts.put(text.dictionary().get(code), new long[] {perCode[code]});
                }
            }
            order = CODE_POINTS;
        } else {
            NumericColumn numbers = (NumericColumn) column;
            for (int row = 0; row < numbers.rows(); row++) {
                if (kept[row] && !numbers.missing(row)) {
                    counts.computeIfAbsent(Variable.levelOf(numbers.value(row)), level -> new long[1])[0]++;
                    if (counts.size() > maxLevels) {
                        throw DesignException.tooManyLevels(column.name(), maxLevels);
                    }
                }
            }
            order = Comparator.comparingDouble(Double::parseDouble);
        }
        if (counts.isEmpty()) {
            throw DesignException.noValues(column.name());
        }
        if (counts.size() > maxLevels) {
            throw DesignException.tooManyLevels(column.name(), maxLevels);
        }
        List<String> levels = new ArrayList<>(counts.keySet());
        levels.sort(order);
        int mostFrequent = 0;
        for (int level = 1; level < levels.size(); level++) {
            if (counts.get(levels.get(level))[0] > counts.get(levels.get(mostFrequent))[0]) {
                mostFrequent = level;
            }
        }
        return new Variable(column.name(), true, levels, Double.NaN, mostFrequent);
    }
}
