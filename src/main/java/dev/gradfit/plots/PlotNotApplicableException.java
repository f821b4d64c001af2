package dev.gradfit.plots;

/** A plot that cannot be drawn for this model, and why: residuals of a classifier, a fit without a sample. */
public class PlotNotApplicableException extends RuntimeException {

    private final String plot;

    public PlotNotApplicableException(String plot, String reason) {
        super(reason);
        this.plot = plot;
    }

    /** The plot asked for: {@code fit}, {@code cost} or {@code residuals}. */
    public String plot() {
        return plot;
    }
}
