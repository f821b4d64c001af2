package dev.gradfit.design;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One application of a {@link Design} to a table: resolves the columns once, then fills the matrix row by row. */
final class Application {

    /** The level index of a value the training rows never held. */
    private static final int UNSEEN = -1;

    private final Design design;
    private final Table table;
    private final List<Variable> variables;
    private final Column[] columnOf;
    private final int[][] levelOfCode;
    private final Map<String, Integer>[] levelOfName;
    private final Column[] read;
    private final Column[] indicated;
    private final int[] blockStart;
    private final int width;

    @SuppressWarnings("unchecked")
    Application(Design design, Table table) {
        this.design = design;
        this.table = table;
        this.variables = design.variables();
        int count = variables.size();
        this.columnOf = new Column[count];
        this.levelOfCode = new int[count][];
        this.levelOfName = new Map[count];
        Map<String, Column> distinct = new LinkedHashMap<>();
        for (int v = 0; v < count; v++) {
            Variable variable = variables.get(v);
            Column column = require(variable.column());
            columnOf[v] = column;
            distinct.put(column.name(), column);
            if (variable.categorical()) {
                Map<String, Integer> index = new HashMap<>();
                for (int level = 0; level < variable.levels().size(); level++) {
                    index.put(variable.levels().get(level), level);
                }
                levelOfName[v] = index;
                if (column instanceof TextColumn text) {
                    levelOfCode[v] = text.dictionary().stream()
                            .mapToInt(value -> index.getOrDefault(value, UNSEEN))
                            .toArray();
                }
            } else if (column instanceof TextColumn) {
                throw DesignException.notNumeric(column.name(), "the design uses it as numbers");
            }
        }
        this.read = distinct.values().toArray(Column[]::new);
        this.indicated = design.indicators().stream().map(this::require).toArray(Column[]::new);
        this.blockStart = new int[design.blocks().size()];
        int start = 0;
        for (int b = 0; b < blockStart.length; b++) {
            blockStart[b] = start;
            start += (int) design.blocks().get(b).width(variables);
        }
        this.width = design.columns();
    }

    private Column require(String name) {
        return table.column(name).orElseThrow(() -> DesignException.unknownColumn(name));
    }

    DesignMatrix matrix() {
        int[] kept = keptRows();
        double[] values = new double[Math.multiplyExact(kept.length, width)];
        double[] number = new double[variables.size()];
        int[] level = new int[variables.size()];
        for (int i = 0; i < kept.length; i++) {
            int row = kept[i];
            read(row, number, level);
            int offset = i * width;
            for (int b = 0; b < blockStart.length; b++) {
                Block block = design.blocks().get(b);
                int position = position(block, level);
                if (position >= 0) {
                    values[offset + blockStart[b] + position] =
                            finite(product(block, number), blockStart[b] + position, row);
                }
            }
            for (int k = 0; k < indicated.length; k++) {
                values[offset + width - indicated.length + k] = indicated[k].missing(row) ? 1.0 : 0.0;
            }
        }
        return new DesignMatrix(values, kept.length, width, kept, table.rows() - kept.length);
    }

    /**
     * The same matrix with its zeros left out, row by row: each block writes at most one non-zero column a row, and
     * each missing-cell indicator one, so a row stores at most {@link Design#storedPerRow()} values, whatever the
     * number of levels.
     */
    SparseDesignMatrix sparse() {
        int[] kept = keptRows();
        int perRow = design.storedPerRow();
        int[] rowStart = new int[kept.length + 1];
        int[] columnIndex = new int[Math.multiplyExact(kept.length, perRow)];
        double[] values = new double[columnIndex.length];
        double[] number = new double[variables.size()];
        int[] level = new int[variables.size()];
        int stored = 0;
        for (int i = 0; i < kept.length; i++) {
            int row = kept[i];
            read(row, number, level);
            for (int b = 0; b < blockStart.length; b++) {
                Block block = design.blocks().get(b);
                int position = position(block, level);
                double value = position < 0 ? 0.0 : finite(product(block, number), blockStart[b] + position, row);
                if (value != 0.0) {
                    columnIndex[stored] = blockStart[b] + position;
                    values[stored++] = value;
                }
            }
            for (int k = 0; k < indicated.length; k++) {
                if (indicated[k].missing(row)) {
                    columnIndex[stored] = width - indicated.length + k;
                    values[stored++] = 1.0;
                }
            }
            rowStart[i + 1] = stored;
        }
        // The arrays keep their unused tail rather than be copied: a copy would need both at once.
        return new SparseDesignMatrix(
                rowStart, columnIndex, values, kept.length, width, kept, table.rows() - kept.length);
    }

    /** Reads a row's cells: each categorical variable's level, each numeric one's value (the mean if missing). */
    private void read(int row, double[] number, int[] level) {
        for (int v = 0; v < variables.size(); v++) {
            if (variables.get(v).categorical()) {
                level[v] = level(v, row);
            } else {
                double value = ((NumericColumn) columnOf[v]).value(row);
                number[v] = Double.isNaN(value) ? variables.get(v).mean() : value;
            }
        }
    }

    /** The column within its block that a row's levels select, or −1 when none does (a dropped or unseen level). */
    private int position(Block block, int[] level) {
        int position = 0;
        int stride = 1;
        for (Block.Part part : block.factors()) {
            Variable variable = variables.get(part.variable());
            if (variable.categorical()) {
                int column = part.full() ? level[part.variable()] : level[part.variable()] - 1;
                if (level[part.variable()] == UNSEEN || column < 0) {
                    return -1;
                }
                position += column * stride;
                stride *= Block.width(part, variables);
            }
        }
        return position;
    }

    /** {@code value}, unless a power or product made it overflow: a refusal naming the design column and the row. */
    private double finite(double value, int column, int row) {
        if (!Double.isFinite(value)) {
            throw DesignException.notFinite(design.columnNames().get(column), row);
        }
        return value;
    }

    /** The product of a block's numeric factors, each to its power (1 for a block of categorical factors only). */
    private double product(Block block, double[] number) {
        double product = 1.0;
        for (Block.Part part : block.factors()) {
            if (!variables.get(part.variable()).categorical()) {
                product *= power(number[part.variable()], part.power());
            }
        }
        return product;
    }

    /** The rows to keep, in order: all of them, unless a cell is missing and missing cells are skipped or refused. */
    private int[] keptRows() {
        Missing missing = design.missing();
        if (missing == Missing.MEAN || missing == Missing.INDICATOR) {
            return rowsUpTo(table.rows());
        }
        int[] kept = new int[table.rows()];
        int count = 0;
        for (int row = 0; row < table.rows(); row++) {
            Column absent = firstMissing(row);
            if (absent == null) {
                kept[count++] = row;
            } else if (missing == Missing.REFUSE) {
                throw DesignException.missingCell(absent.name(), row);
            }
        }
        return count == kept.length ? kept : Arrays.copyOf(kept, count);
    }

    private Column firstMissing(int row) {
        for (Column column : read) {
            if (column.missing(row)) {
                return column;
            }
        }
        return null;
    }

    private static int[] rowsUpTo(int rows) {
        int[] all = new int[rows];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /** The level index of a categorical cell: the fill if missing, {@link #UNSEEN} if ignored as unseen. */
    private int level(int v, int row) {
        Column column = columnOf[v];
        if (column.missing(row)) {
            return variables.get(v).fillLevel();
        }
        int level;
        String name;
        if (column instanceof TextColumn text) {
            level = levelOfCode[v][text.code(row)];
            name = level == UNSEEN ? text.value(row) : null;
        } else {
            name = Variable.levelOf(((NumericColumn) column).value(row));
            level = levelOfName[v].getOrDefault(name, UNSEEN);
        }
        if (level == UNSEEN && design.unknownLevels() == UnknownLevels.ERROR) {
            throw DesignException.unknownLevel(column.name(), row, name);
        }
        return level;
    }

    /** {@code x^k} by repeated multiplication, the same on every platform (as {@code Math.pow} need not be). */
    static double power(double x, int k) {
        double result = x;
        for (int i = 1; i < k; i++) {
            result *= x;
        }
        return result;
    }
}
