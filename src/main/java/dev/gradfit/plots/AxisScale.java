package dev.gradfit.plots;

import org.jfree.data.xy.XYSeries;

/**
 * The power of ten an axis is drawn in units of. JFreeChart writes a tick label in full, with at most three
 * decimals: at 1e100 a label a hundred digits wide leaves no room for the plot, which it then leaves out (axes,
 * points and lines), and at 1e-300 every label reads 0; the length of a range from -1e308 to 1e308 is not even
 * a double. Values whose largest magnitude is outside [0.1, 1e6) are therefore drawn divided by
 * 10^{@code exponent}, which brings it into [1, 10), and the axis label says so: {@code x (×1e100)}.
 *
 * @param exponent the power of ten of the unit; 0 draws the values as they are
 */
record AxisScale(int exponent) {

    /** Values drawn as they are. */
    static final AxisScale NONE = new AxisScale(0);

    /** Largest magnitudes from here up to {@link #LARGE} are labelled well as they are. */
    private static final double SMALL = 0.1;

    private static final double LARGE = 1e6;

    /** The scale of an axis that shows these values; non-finite ones are not drawn and do not count. */
    static AxisScale of(double[]... arrays) {
        double largest = 0;
        for (double[] values : arrays) {
            for (double value : values) {
                if (Double.isFinite(value)) {
                    largest = Math.max(largest, Math.abs(value));
                }
            }
        }
        if (largest == 0 || (largest >= SMALL && largest < LARGE)) {
            return NONE;
        }
        return new AxisScale((int) Math.floor(Math.log10(largest)));
    }

    /** {@code value} in this axis' unit. */
    double apply(double value) {
        if (exponent == 0) {
            return value;
        }
        // In two steps: 10^exponent alone is not a normal double beyond 1e±308 (subnormal values go to -324).
        int half = exponent / 2;
        return value / Math.pow(10, half) / Math.pow(10, exponent - half);
    }

    /** Every value in this axis' unit. */
    double[] apply(double[] values) {
        double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = apply(values[i]);
        }
        return scaled;
    }

    /** The value whose drawing is at {@code scaled}: the inverse of {@link #apply(double)}. */
    double unapply(double scaled) {
        if (exponent == 0) {
            return scaled;
        }
        int half = exponent / 2;
        return scaled * Math.pow(10, half) * Math.pow(10, exponent - half);
    }

    /** Every drawn value back in the data's unit. */
    double[] unapply(double[] scaled) {
        double[] values = new double[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            values[i] = unapply(scaled[i]);
        }
        return values;
    }

    /** The axis label, with the unit when the values are scaled: {@code x (×1e100)}. */
    String label(String label) {
        return exponent == 0 ? label : label + " (×1e" + exponent + ")";
    }

    /**
     * The points (x[i], y[i]) as drawn on axes of these scales. A point with a coordinate that is not a finite
     * double (a prediction that overflows) has no place on the axes and is left out.
     */
    static XYSeries series(String name, double[] x, AxisScale xScale, double[] y, AxisScale yScale) {
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            double drawnX = xScale.apply(x[i]);
            double drawnY = yScale.apply(y[i]);
            if (Double.isFinite(drawnX) && Double.isFinite(drawnY)) {
                series.add(drawnX, drawnY, false);
            }
        }
        return series;
    }
}
