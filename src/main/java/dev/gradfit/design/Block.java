package dev.gradfit.design;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run of design columns made by one term (patsy's "subterm"): the product of its numeric factors and the 0/1
 * columns of its categorical ones. Its columns enumerate the combinations of the categorical columns with the
 * leftmost factor varying fastest, as patsy and R do.
 *
 * @param factors the factors, in the order the term wrote them
 */
record Block(List<Block.Part> factors) {

    /**
     * One factor of a block.
     *
     * @param variable the index of the variable in the design
     * @param power the power of a numeric variable, 1 for a categorical one
     * @param full for a categorical variable, whether every level has a column (otherwise the first has none)
     */
    record Part(int variable, int power, boolean full) {}

    Block {
        factors = List.copyOf(factors);
    }

    /** The columns the part contributes: 1 for a numeric variable, its levels (less one if reduced) otherwise. */
    static int width(Part part, List<Variable> variables) {
        Variable variable = variables.get(part.variable());
        if (!variable.categorical()) {
            return 1;
        }
        return variable.levels().size() - (part.full() ? 0 : 1);
    }

    /** The number of columns, as a long, as a product of level counts can overflow an int. */
    long width(List<Variable> variables) {
        long width = 1;
        for (Part part : factors) {
            width *= width(part, variables);
        }
        return width;
    }

    /** The term it comes from, as a formula writes it: {@code x:city}, {@code I(x**2)}. */
    String term(List<Variable> variables) {
        return factors.stream()
                .map(part -> numericName(part, variables.get(part.variable())))
                .collect(Collectors.joining(":"));
    }

    /** The names of its columns: {@code city[T.Paris]:size}, {@code I(size**2)}, {@code city[Paris]}. */
    List<String> names(List<Variable> variables) {
        List<String> names = new ArrayList<>();
        names.add("");
        for (Part part : factors) {
            Variable variable = variables.get(part.variable());
            List<String> pieces = new ArrayList<>();
            if (variable.categorical()) {
                List<String> levels = variable.levels();
                for (int level = part.full() ? 0 : 1; level < levels.size(); level++) {
                    pieces.add(variable.column() + (part.full() ? "[" : "[T.") + levels.get(level) + "]");
                }
            } else {
                pieces.add(numericName(part, variable));
            }
            // The leftmost factor varies fastest: every piece of this factor repeats the names so far.
            List<String> longer = new ArrayList<>(names.size() * pieces.size());
            for (String piece : pieces) {
                for (String name : names) {
                    longer.add(name.isEmpty() ? piece : name + ":" + piece);
                }
            }
            names = longer;
        }
        return names;
    }

    private static String numericName(Part part, Variable variable) {
        return part.power() == 1 ? variable.column() : "I(" + variable.column() + "**" + part.power() + ")";
    }
}
