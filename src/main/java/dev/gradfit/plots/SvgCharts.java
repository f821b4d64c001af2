package dev.gradfit.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.util.DoubleConverter;

/**
 * The look every plot shares (fonts, colours, axes) and the drawing of a chart to an SVG document.
 *
 * <p>The same chart always gives the same bytes: fonts are named, not taken from the platform's defaults;
 * numbers are formatted in {@link Locale#ROOT}; the ids of clip paths use a fixed prefix instead of JFreeSVG's
 * default, which holds the time; text stays text, so the labels can be searched and read.
 */
final class SvgCharts {

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    static final Color POINTS = new Color(0x55, 0x55, 0x55, 0x90);
    static final Color FINAL = new Color(0xd6, 0x27, 0x28);
    static final Color REFERENCE = new Color(0x2c, 0xa0, 0x2c);
    static final Color VALIDATION = new Color(0xff, 0x7f, 0x0e);
    static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    /**
     * One colour per class of a classifier: the ten of matplotlib's "tab10" cycle (Vega's category10), which stay
     * apart for most kinds of colour vision; an eleventh class takes the first colour again.
     */
    private static final int[] CLASS_COLORS = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf
    };

    /** The colour of class {@code k}. */
    static Color classColor(int k) {
        return new Color(CLASS_COLORS[k % CLASS_COLORS.length]);
    }

    /** The colour of class {@code k}, see-through, for points that may lie on one another. */
    static Color classPoints(int k) {
        Color color = classColor(k);
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), 0x90);
    }

    /** The prefix of the ids in a plot: the clip paths' and the lines'. */
    static final String ID_PREFIX = "gradfit-";

    static {
        // JFreeChart draws rotated text (the vertical axis label) through a TextLayout by default, which
        // SVGGraphics2D can only write as glyph outlines; drawString writes it as text that can be read and found.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private SvgCharts() {}

    /**
     * The shortest range an axis shows. Tick labels have at most three decimals: over a shorter range (all the
     * values equal, or all 0) they would all read the same. Values are at least 0.1 in magnitude or drawn in a
     * unit that makes them so ({@link AxisScale}).
     */
    static final double MIN_RANGE = 0.1;

    /** A value axis with readable fonts and tick labels in {@link Locale#ROOT}. */
    static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        axis.setAutoRangeIncludesZero(false);
        axis.setAutoRangeMinimumSize(MIN_RANGE);
        style(axis);
        return axis;
    }

    /** Readable fonts for an axis of any kind. */
    static void style(ValueAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
    }

    /** A plot on a white ground with light grid lines. */
    static GroupedPlot plot(ValueAxis x, ValueAxis y) {
        GroupedPlot plot = new GroupedPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        return plot;
    }

    /** A chart of {@code plot} with a title, an optional subtitle and a legend below. */
    static JFreeChart chart(String title, String subtitle, Plot plot) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, false);
        chart.addLegend(new GroupedLegend(plot));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        if (subtitle != null) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE_FONT);
            sub.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(0, sub);
        }
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(LEGEND_FONT);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        return chart;
    }

    /** A legend drawn inside the SVG group {@code gradfit-legend}, so that its entries can be found and counted. */
    private static final class GroupedLegend extends LegendTitle {

        private static final long serialVersionUID = 1L;

        GroupedLegend(Plot plot) {
            super(plot);
        }

        @Override
        public Object draw(Graphics2D g2, Rectangle2D area, Object params) {
            g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, ID_PREFIX + "legend");
            try {
                return super.draw(g2, area, params);
            } finally {
                g2.setRenderingHint(SVGHints.KEY_END_GROUP, Boolean.TRUE);
            }
        }
    }

    /** The chart drawn as a standalone SVG document, {@code width} × {@code height} pixels. */
    static String render(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(ID_PREFIX);
        // Two decimals of a pixel: smaller files, and nothing an eye or a printer could tell apart.
        g2.setGeomDoubleConverter(new DoubleConverter(2));
        g2.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_STANDARD);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        // No DOCTYPE: its DTD is a URL that an XML parser would try to fetch.
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xmlCharacters(g2.getSVGElement()) + "\n";
    }

    /**
     * {@code svg} with every character that XML 1.0 forbids, even escaped, replaced by U+FFFD: control
     * characters other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. A class,
     * feature or target name may hold them (JSON and CSV allow them), and JFreeSVG escapes only markup, so
     * one such name in a legend or on an axis would make the whole document one that no browser draws.
     */
    static String xmlCharacters(String svg) {
        StringBuilder out = null;
        for (int i = 0; i < svg.length(); ) {
            int c = svg.codePointAt(i);
            boolean allowed = c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD
                    || c >= 0x10000;
            if (!allowed && out == null) {
                out = new StringBuilder(svg.length()).append(svg, 0, i);
            }
            if (out != null) {
                out.appendCodePoint(allowed ? c : 0xFFFD);
            }
            i += Character.charCount(c);
        }
        return out == null ? svg : out.toString();
    }

    /** A number in four significant digits, the same in every locale: 4, 2.5, 0.0123, 1.235e6, 1e-9. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
            int exponent = rounded.precision() - rounded.scale() - 1;
            return rounded.movePointLeft(exponent).toPlainString() + "e" + exponent;
        }
        return rounded.toPlainString();
    }

    /** Tick labels of an axis of decimal logarithms: the tick at v is labelled 10^v, written by {@link #number}. */
    static NumberFormat powersOfTen() {
        return new NumberFormat() {
            @Override
            public StringBuffer format(double exponent, StringBuffer toAppendTo, FieldPosition pos) {
                return toAppendTo.append(number(Math.pow(10, exponent)));
            }

            @Override
            public StringBuffer format(long exponent, StringBuffer toAppendTo, FieldPosition pos) {
                return format((double) exponent, toAppendTo, pos);
            }

            @Override
            public Number parse(String source, ParsePosition parsePosition) {
                throw new UnsupportedOperationException("tick labels are only written");
            }
        };
    }
}
