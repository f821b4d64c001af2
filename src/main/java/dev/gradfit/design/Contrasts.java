package dev.gradfit.design;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the terms and picks, for every categorical factor of every term, whether it keeps all its levels, by
 * patsy's rules ({@code patsy.build._make_subterm_infos} and {@code patsy.redundancy}, patsy 0.5), so that a formula
 * gives statsmodels' columns in statsmodels' order.
 *
 * <p>Terms are grouped by the set of numeric factors they hold: the group without any first, then in order of
 * first appearance; within a group, by the number of factors, otherwise as written. Within a group, a term is
 * expanded into the subsets of its categorical factors (the empty one standing for the intercept of the group,
 * {@code a:b → 1 + a + b + a:b}), the subsets an earlier term of the group already spans are removed, and what
 * is left is merged greedily, a subset absorbing a smaller one it contains with one factor fewer and that factor
 * then keeping all its levels. Under treatment coding, {@code y ~ x + C(a)} thus drops a's first level (the
 * intercept spans it) and {@code y ~ C(a) - 1} or {@code y ~ x:C(a)} keeps every level.
 */
final class Contrasts {

    /** A categorical factor of a subterm, with whether it keeps all its levels. */
    private record Coded(Block.Part factor, boolean full) {}

    private Contrasts() {}

    /**
     * @param terms the terms, each a list of distinct parts ({@code full} unset), without the intercept
     * @param intercept whether the intercept term leads them
     * @param variables the variables the parts index
     * @param coding {@link Coding#FULL} gives every categorical factor all its levels, whatever spans it
     * @return the blocks of design columns, in column order, without the intercept's
     */
    static List<Block> blocks(
            List<List<Block.Part>> terms, boolean intercept, List<Variable> variables, Coding coding) {
        Map<Set<Block.Part>, List<List<Block.Part>>> groups = new LinkedHashMap<>();
        if (intercept) {
            groups.put(Set.of(), new ArrayList<>(List.of(List.of())));
        }
        for (List<Block.Part> term : terms) {
            Set<Block.Part> numeric = new HashSet<>();
            for (Block.Part part : term) {
                if (!variables.get(part.variable()).categorical()) {
                    numeric.add(part);
                }
            }
            groups.computeIfAbsent(numeric, key -> new ArrayList<>()).add(term);
        }
        List<Set<Block.Part>> order = new ArrayList<>(groups.keySet());
        if (order.remove(Set.<Block.Part>of())) {
            order.add(0, Set.of());
        }
        List<Block> blocks = new ArrayList<>();
        for (Set<Block.Part> key : order) {
            List<List<Block.Part>> group = groups.get(key);
            group.sort(Comparator.comparingInt(List::size));
            Set<Set<Coded>> used = new HashSet<>();
            for (List<Block.Part> term : group) {
                for (Map<Block.Part, Boolean> coding1 : codings(term, variables, coding, used)) {
                    List<Block.Part> parts = new ArrayList<>();
                    for (Block.Part part : term) {
                        if (!variables.get(part.variable()).categorical()) {
                            parts.add(part);
                        } else if (coding1.containsKey(part)) {
                            parts.add(new Block.Part(part.variable(), 1, coding1.get(part)));
                        }
                    }
                    if (!parts.isEmpty()) {
                        blocks.add(new Block(parts));
                    }
                }
            }
        }
        return blocks;
    }

    /** patsy's {@code pick_contrasts_for_term}: one map from categorical factor to "keeps all levels" per subterm. */
    private static List<Map<Block.Part, Boolean>> codings(
            List<Block.Part> term, List<Variable> variables, Coding coding, Set<Set<Coded>> used) {
        List<Block.Part> categorical = term.stream()
                .filter(part -> variables.get(part.variable()).categorical())
                .toList();
        if (coding == Coding.FULL) {
            Map<Block.Part, Boolean> all = new LinkedHashMap<>();
            categorical.forEach(part -> all.put(part, true));
            return List.of(all);
        }
        List<Set<Coded>> subterms = new ArrayList<>();
        for (List<Block.Part> subset : subsetsBySize(categorical)) {
            Set<Coded> subterm = new LinkedHashSet<>();
            subset.forEach(part -> subterm.add(new Coded(part, false)));
            if (!used.contains(subterm)) {
                subterms.add(subterm);
            }
        }
        used.addAll(subterms);
        while (absorbOne(subterms)) {
            // merge until no subterm absorbs another
        }
        List<Map<Block.Part, Boolean>> codings = new ArrayList<>();
        for (Set<Coded> subterm : subterms) {
            Map<Block.Part, Boolean> map = new LinkedHashMap<>();
            subterm.forEach(coded -> map.put(coded.factor(), coded.full()));
            codings.add(map);
        }
        return codings;
    }

    /** patsy's {@code _simplify_one_subterm}: the first (short, long) pair, left to right, where long absorbs short. */
    private static boolean absorbOne(List<Set<Coded>> subterms) {
        for (int s = 0; s < subterms.size(); s++) {
            Set<Coded> shorter = subterms.get(s);
            for (int l = s + 1; l < subterms.size(); l++) {
                Set<Coded> longer = subterms.get(l);
                if (longer.size() - shorter.size() == 1 && longer.containsAll(shorter)) {
                    Set<Coded> absorbed = new LinkedHashSet<>(shorter);
                    for (Coded coded : longer) {
                        if (!shorter.contains(coded)) {
                            absorbed.add(new Coded(coded.factor(), true));
                        }
                    }
                    subterms.set(l, absorbed);
                    subterms.remove(s);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * patsy's {@code _subsets_sorted}: every subset, the smaller first, subsets of a size in lexicographic order of
     * the positions of their elements.
     */
    private static List<List<Block.Part>> subsetsBySize(List<Block.Part> items) {
        List<List<Block.Part>> subsets = new ArrayList<>();
        for (int size = 0; size <= items.size(); size++) {
            addCombinations(items, size, 0, new ArrayList<>(), subsets);
        }
        return subsets;
    }

    private static void addCombinations(
            List<Block.Part> items, int size, int from, List<Block.Part> prefix, List<List<Block.Part>> out) {
        if (prefix.size() == size) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            prefix.add(items.get(i));
            addCombinations(items, size, i + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }
}
