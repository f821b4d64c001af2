package dev.gradfit.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.svg.SVGHints;

/**
 * Draws each series of a dataset either as one line or as points, and gives every line an SVG id of its own
 * ({@code gradfit-line-<name>}), so that a reader of the SVG (or a test) can tell the lines apart.
 */
final class SeriesRenderer extends XYLineAndShapeRenderer {

    private final List<String> lineIds = new ArrayList<>();

    SeriesRenderer() {
        super(true, false);
        setDrawSeriesLineAsPath(true);
        setAutoPopulateSeriesPaint(false);
        setAutoPopulateSeriesStroke(false);
        setAutoPopulateSeriesShape(false);
    }

    /** Series {@code series} as a line of this colour and width, with the id {@code gradfit-line-<id>}. */
    SeriesRenderer line(int series, String id, Color color, float width) {
        while (lineIds.size() <= series) {
            lineIds.add(null);
        }
        lineIds.set(series, id);
        setSeriesPaint(series, color);
        setSeriesStroke(series, new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        setSeriesLinesVisible(series, true);
        setSeriesShapesVisible(series, false);
        return this;
    }

    /** Series {@code series} as dots of this colour and diameter, without a line. */
    SeriesRenderer points(int series, Color color, double diameter) {
        setSeriesPaint(series, color);
        setSeriesShape(series, new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter));
        setSeriesLinesVisible(series, false);
        setSeriesShapesVisible(series, true);
        // A filled dot only: an outline would draw every point twice.
        setDrawOutlines(false);
        return this;
    }

    @Override
    protected void drawFirstPassShape(Graphics2D g2, int pass, int series, int item, Shape shape) {
        if (series < lineIds.size() && lineIds.get(series) != null) {
            g2.setRenderingHint(SVGHints.KEY_ELEMENT_ID, SvgCharts.ID_PREFIX + "line-" + lineIds.get(series));
        }
        super.drawFirstPassShape(g2, pass, series, item, shape);
    }
}
