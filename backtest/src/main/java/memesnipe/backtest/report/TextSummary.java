package memesnipe.backtest.report;

import memesnipe.performance.PerformanceMetrics;

import java.util.List;

/**
 * The performance figures as aligned lines of plain text for the console: label, value, its 95 % confidence
 * interval where it has one, and a note; the sampling of returns and the bootstrap are stated in their own lines.
 */
public final class TextSummary {
    private TextSummary() {
    }

    public static String format(PerformanceMetrics metrics) {
        List<MetricRows.Row> rows = MetricRows.of(metrics);
        int labelWidth = 0;
        int valueWidth = 0;
        int ciWidth = 0;
        for (MetricRows.Row r : rows) {
            labelWidth = Math.max(labelWidth, r.label().length());
            if (!r.ci().isEmpty() || !r.note().isEmpty()) { // a value alone on its line needs no padding
                valueWidth = Math.max(valueWidth, r.value().length());
            }
            ciWidth = Math.max(ciWidth, ci(r).length());
        }
        StringBuilder out = new StringBuilder();
        for (MetricRows.Row r : rows) {
            StringBuilder line = new StringBuilder();
            line.append(pad(r.label(), labelWidth)).append("  ").append(pad(r.value(), valueWidth));
            line.append("  ").append(pad(ci(r), ciWidth));
            if (!r.note().isEmpty()) {
                line.append("  (").append(r.note()).append(')');
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String ci(MetricRows.Row r) {
        return r.ci().isEmpty() ? "" : "95% CI " + r.ci();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
