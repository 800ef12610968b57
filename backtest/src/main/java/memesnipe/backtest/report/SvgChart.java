package memesnipe.backtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A time-series chart as inline SVG: lines (each thinned to at most {@link #MAX_POINTS} points by
 * {@link Downsample}), shaded time bands and point markers, with value labels on the left and times (UTC) below.
 * Every text it is given is escaped here.
 */
final class SvgChart {
    static final int MAX_POINTS = 2_000;
    static final int WIDTH = 960;
    static final int HEIGHT = 260;
    private static final int LEFT = 90;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    private static final int Y_TICKS = 5;

    /** How a marker is drawn. */
    enum Shape { UP, DOWN, DOT }

    private record Line(long[] t, double[] v, String cssClass) {
    }

    private record Band(long fromMs, long toMs, String color, String title) {
    }

    private record Marker(long t, double v, Shape shape, String cssClass, String title) {
    }

    private final String label;
    private final DoubleFunction<String> yLabel;
    private final List<Line> lines = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private boolean zeroAtTop;

    /**
     * @param label  what the chart shows, for screen readers
     * @param yLabel formats a value on the vertical axis
     */
    SvgChart(String label, DoubleFunction<String> yLabel) {
        this.label = label;
        this.yLabel = yLabel;
    }

    /** A line through (t[i], v[i]), times ascending. */
    SvgChart line(long[] t, double[] v, String cssClass) {
        int[] keep = Downsample.minMax(v, MAX_POINTS);
        long[] kt = new long[keep.length];
        double[] kv = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            kt[i] = t[keep[i]];
            kv[i] = v[keep[i]];
        }
        lines.add(new Line(kt, kv, cssClass));
        return this;
    }

    /** A shaded band over [fromMs, toMs) across the chart's height, its title shown on hover. */
    SvgChart band(long fromMs, long toMs, String color, String title) {
        bands.add(new Band(fromMs, toMs, color, title));
        return this;
    }

    /** The top of the chart is 0 (for a series that is never positive, such as a drawdown). */
    SvgChart zeroAtTop() {
        zeroAtTop = true;
        return this;
    }

    SvgChart marker(long t, double v, Shape shape, String cssClass, String title) {
        markers.add(new Marker(t, v, shape, cssClass, title));
        return this;
    }

    String render() {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\">");
        long tMin = Long.MAX_VALUE;
        long tMax = Long.MIN_VALUE;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (int i = 0; i < l.t.length; i++) {
                tMin = Math.min(tMin, l.t[i]);
                tMax = Math.max(tMax, l.t[i]);
                yMin = Math.min(yMin, l.v[i]);
                yMax = Math.max(yMax, l.v[i]);
            }
        }
        for (Marker m : markers) {
            tMin = Math.min(tMin, m.t);
            tMax = Math.max(tMax, m.t);
            yMin = Math.min(yMin, m.v);
            yMax = Math.max(yMax, m.v);
        }
        if (tMin > tMax) {
            return svg.append("<text class=\"axis\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">no data</text></svg>").toString();
        }
        if (tMax == tMin) {
            tMax = tMin + 1;
        }
        double pad = yMax > yMin ? (yMax - yMin) * 0.05 : Math.max(Math.abs(yMax) * 0.01, 1e-8);
        Scale s = new Scale(tMin, tMax, yMin - pad, zeroAtTop && yMax <= 0 && yMin < 0 ? 0 : yMax + pad);

        for (Band b : bands) {
            long from = Math.max(b.fromMs, tMin);
            long to = Math.min(b.toMs, tMax);
            if (to > from) {
                double x0 = s.x(from);
                svg.append("<rect x=\"").append(num(x0)).append("\" y=\"").append(TOP).append("\" width=\"")
                        .append(num(Math.max(s.x(to) - x0, 0.5))).append("\" height=\"").append(s.plotHeight())
                        .append("\" fill=\"").append(Html.escape(b.color)).append("\" class=\"band\"><title>")
                        .append(Html.escape(b.title)).append("</title></rect>");
            }
        }
        axes(svg, s);
        for (Line l : lines) {
            svg.append("<polyline class=\"").append(Html.escape(l.cssClass)).append("\" points=\"");
            for (int i = 0; i < l.t.length; i++) {
                svg.append(i == 0 ? "" : " ").append(num(s.x(l.t[i]))).append(',').append(num(s.y(l.v[i])));
            }
            svg.append("\"/>");
        }
        for (Marker m : markers) {
            double x = s.x(m.t);
            double y = s.y(m.v);
            String cls = "class=\"" + Html.escape(m.cssClass) + "\"";
            switch (m.shape) {
                case UP -> svg.append("<path ").append(cls).append(" d=\"M").append(num(x)).append(',')
                        .append(num(y - 1)).append(" l-5,9 l10,0 z\">");
                case DOWN -> svg.append("<path ").append(cls).append(" d=\"M").append(num(x)).append(',')
                        .append(num(y + 1)).append(" l-5,-9 l10,0 z\">");
                case DOT -> svg.append("<circle ").append(cls).append(" cx=\"").append(num(x)).append("\" cy=\"")
                        .append(num(y)).append("\" r=\"4\">");
            }
            svg.append("<title>").append(Html.escape(m.title)).append("</title>")
                    .append(m.shape == Shape.DOT ? "</circle>" : "</path>");
        }
        return svg.append("</svg>").toString();
    }

    private void axes(StringBuilder svg, Scale s) {
        svg.append("<rect class=\"frame\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(s.plotWidth()).append("\" height=\"").append(s.plotHeight()).append("\"/>");
        for (int i = 0; i < Y_TICKS; i++) {
            double v = s.yMin + i * (s.yMax - s.yMin) / (Y_TICKS - 1);
            String y = num(s.y(v));
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>")
                    .append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(y)
                    .append("\" dy=\"4\" text-anchor=\"end\">").append(Html.escape(yLabel.apply(v)))
                    .append("</text>");
        }
        String baseline = String.valueOf(HEIGHT - 8);
        svg.append("<text class=\"axis\" x=\"").append(LEFT).append("\" y=\"").append(baseline)
                .append("\" text-anchor=\"start\">").append(Formats.minute(s.tMin)).append(" UTC</text>")
                .append("<text class=\"axis\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(baseline)
                .append("\" text-anchor=\"end\">").append(Formats.minute(s.tMax)).append(" UTC</text>");
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }

    /** Maps time and value to the plot area. */
    private record Scale(long tMin, long tMax, double yMin, double yMax) {
        int plotWidth() {
            return WIDTH - LEFT - RIGHT;
        }

        int plotHeight() {
            return HEIGHT - TOP - BOTTOM;
        }

        double x(long t) {
            return LEFT + (double) (t - tMin) / (tMax - tMin) * plotWidth();
        }

        double y(double v) {
            return TOP + (yMax - v) / (yMax - yMin) * plotHeight();
        }
    }
}
