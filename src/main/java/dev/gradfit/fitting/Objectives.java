package dev.gradfit.fitting;

/**
 * Chooses how a full-batch objective is computed; every choice is the same function {@code J(w)}, so
 * the choice changes speed, never the answer beyond rounding.
 *
 * <ul>
 *   <li>Squared loss: {@link SufficientStatisticsObjective}, {@code O(d²)} per epoch after two passes.
 *   <li>Any other loss: {@link ParallelMeanLossObjective}, one pass per epoch over fixed chunks, on
 *       several cores when the data is large.
 * </ul>
 */
public final class Objectives {

    private Objectives() {}

    /** The mean of {@code loss} over all rows of {@code data}, computed the fastest exact way. */
    public static Objective fullBatch(Dataset data, Loss loss, boolean fitIntercept) {
        if (loss instanceof SquaredLoss) {
            return new SufficientStatisticsObjective(data, fitIntercept);
        }
        return new ParallelMeanLossObjective(data, loss, fitIntercept);
    }
}
