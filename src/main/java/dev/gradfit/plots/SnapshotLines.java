package dev.gradfit.plots;

import java.util.Arrays;

/**
 * Which snapshot lines of a fit plot the legend names. A fit may keep a hundred snapshots (the playground asks
 * for 120); a legend entry for each would push the chart into a strip. At most {@link #LABELLED} of them are
 * labelled, evenly spread over the snapshots with the first and the last always among them; the others are
 * drawn thin and faint, without a legend entry, so that the descent still shows.
 */
final class SnapshotLines {

    /** The most snapshot lines the legend names: with the final line, the six lines of the tutorial's figure. */
    static final int LABELLED = 5;

    private SnapshotLines() {}

    /**
     * Whether each of {@code count} snapshots (in epoch order) gets a labelled line: all of them up to {@link
     * #LABELLED}; else those at the indices {@code round(i·(count − 1)/(LABELLED − 1))} for {@code i = 0 …
     * LABELLED − 1}, which are distinct because they lie at least one index apart.
     */
    static boolean[] labelled(int count) {
        boolean[] labelled = new boolean[count];
        if (count <= LABELLED) {
            Arrays.fill(labelled, true);
            return labelled;
        }
        for (int i = 0; i < LABELLED; i++) {
            labelled[(int) Math.round((double) i * (count - 1) / (LABELLED - 1))] = true;
        }
        return labelled;
    }
}
