package dev.gradfit.fitting.stopping;

import dev.gradfit.fitting.core.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random split of a dataset into rows to train on and rows held out for validation, reproducible from
 * a seed.
 *
 * @param training the rows the fit descends on
 * @param validation the rows held out
 */
public record HoldOut(Dataset training, Dataset validation) {

    /** Mixed into the fit's seed so that the split and the batch order draw independent streams. */
    private static final long SPLIT_STREAM = 0x5DEECE66DL;

    /**
     * Holds out {@code round(fraction·n)} rows (at least one), chosen uniformly with {@code seed}; both
     * parts keep the rows' original order.
     *
     * @throws UnusableSplitException if that would leave no row to train on, or a part whose sample
     *     weights are all zero
     */
    public static HoldOut split(Dataset data, double fraction, long seed) {
        int n = data.rows();
        int held = (int) Math.max(1, Math.round(fraction * n));
        if (held >= n) {
            throw new UnusableSplitException(
                    "holding out " + held + " of " + n + " points would leave none to train on");
        }
        int[] order = identity(n);
        shuffle(order, new SplittableRandom(seed ^ SPLIT_STREAM));
        int[] validationRows = Arrays.copyOf(order, held);
        int[] trainingRows = Arrays.copyOfRange(order, held, n);
        Arrays.sort(validationRows);
        Arrays.sort(trainingRows);
        return new HoldOut(select(data, trainingRows), select(data, validationRows));
    }

    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher–Yates. */
    public static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static Dataset select(Dataset data, int[] rows) {
        if (data.isWeighted()) {
            boolean allZero = true;
            for (int i : rows) {
                allZero &= data.sampleWeight(i) == 0.0;
            }
            if (allZero) {
                throw new UnusableSplitException(
                        "gives a part of the split whose sample weights are all zero; try another seed or fraction");
            }
        }
        return data.select(rows);
    }

    /** The data cannot be split as asked; the message says why, in words fit for a client. */
    public static final class UnusableSplitException extends IllegalArgumentException {

        UnusableSplitException(String message) {
            super(message);
        }
    }
}
