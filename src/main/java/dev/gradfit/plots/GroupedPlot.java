package dev.gradfit.plots;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.Map;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.svg.SVGHints;

/**
 * An XY plot that draws each named dataset inside an SVG group of its own ({@code <g id="gradfit-points">}),
 * so that a reader of the SVG (or a test) finds the points and the lines without guessing from styles.
 */
final class GroupedPlot extends XYPlot {

    private static final long serialVersionUID = 1L;

    private final Map<Integer, String> groups = new HashMap<>();

    /** Dataset {@code index} is drawn in the group {@code gradfit-<name>}. */
    GroupedPlot group(int index, String name) {
        groups.put(index, name);
        return this;
    }

    @Override
    public boolean render(
            Graphics2D g2, Rectangle2D dataArea, int index, PlotRenderingInfo info, CrosshairState crosshairState) {
        String name = groups.get(index);
        if (name == null) {
            return super.render(g2, dataArea, index, info, crosshairState);
        }
        g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, SvgCharts.ID_PREFIX + name);
        try {
            return super.render(g2, dataArea, index, info, crosshairState);
        } finally {
            g2.setRenderingHint(SVGHints.KEY_END_GROUP, Boolean.TRUE);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupedPlot that && groups.equals(that.groups) && super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
