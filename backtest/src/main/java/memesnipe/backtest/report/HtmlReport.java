package memesnipe.backtest.report;

import memesnipe.model.money.Fixed;
import memesnipe.performance.ClosedTrade;
import memesnipe.performance.EquityPoint;
import memesnipe.performance.Figure;
import memesnipe.performance.MaxDrawdown;
import memesnipe.performance.PerformanceMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report of a backtest as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts and no
 * reference to anything outside the file. It holds the metrics table, the equity curve with the breaker's tiers as
 * bands, the drawdown, each symbol's price with its fills, the breaker timeline and the trades. Every text value is
 * escaped, and the markup is well-formed XML so it can be checked by a parser. Its size is bounded whatever the
 * run: chart lines keep at most {@value SvgChart#MAX_POINTS} points, markers, bands and table rows are capped with
 * a note saying so.
 */
public final class HtmlReport {
    public static final int MAX_TRADE_ROWS = 500;
    public static final int MAX_BREAKER_ROWS = 500;
    public static final int MAX_MARKERS = 2_000;
    public static final int MAX_PRICE_CHARTS = 20;

    private static final String CSS = String.join("",
            "body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:24px auto;max-width:1000px;",
            "color:#222;padding:0 12px}",
            "h1{font-size:22px}h2{font-size:17px;margin-top:32px}h3{font-size:14px}",
            "table{border-collapse:collapse;font-size:13px}",
            "th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            "svg{width:100%;height:auto;display:block}",
            ".frame{fill:none;stroke:#bbb}.grid{stroke:#eee}.axis{font-size:11px;fill:#555}",
            ".equity{fill:none;stroke:#1f6feb;stroke-width:1.5}.drawdown{fill:none;stroke:#c62828;stroke-width:1.2}",
            ".price{fill:none;stroke:#444;stroke-width:1.2}.buy{fill:#2e7d32}.sell{fill:#c62828}",
            ".peak{fill:#1f6feb}.trough{fill:#c62828}.band{opacity:.25}",
            ".note{color:#666;font-size:13px}",
            ".swatch{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}");

    private HtmlReport() {
    }

    /** Writes {@link #render} to the file as UTF-8, replacing it. */
    public static void write(ReportInput in, Path file) throws IOException {
        Files.writeString(file, render(in), StandardCharsets.UTF_8);
    }

    public static String render(ReportInput in) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>")
                .append(Html.escape(in.title())).append("</title><style>").append(CSS).append("</style></head><body>")
                .append("<h1>").append(Html.escape(in.title())).append("</h1>")
                .append("<p class=\"note\">Figures measured on this backtest, not projections. Times are UTC.</p>");
        metrics(h, in.metrics());
        equity(h, in);
        drawdown(h, in);
        prices(h, in.prices());
        breaker(h, in.breaker());
        trades(h, in.trades());
        return h.append("</body></html>\n").toString();
    }

    private static void metrics(StringBuilder h, PerformanceMetrics m) {
        h.append("<h2>Metrics</h2><table><thead><tr><th>Metric</th><th>Value</th><th>95 % CI</th><th>Note</th>")
                .append("</tr></thead><tbody>");
        for (MetricRows.Row r : MetricRows.of(m)) {
            h.append("<tr><th>").append(Html.escape(r.label())).append("</th><td class=\"num\">")
                    .append(Html.escape(r.value())).append("</td><td>").append(Html.escape(r.ci()))
                    .append("</td><td>").append(Html.escape(r.note())).append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private static void equity(StringBuilder h, ReportInput in) {
        List<EquityPoint> curve = in.equity();
        long[] t = new long[curve.size()];
        double[] v = new double[curve.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = curve.get(i).timeMs();
            v[i] = Fixed.toDouble(curve.get(i).equityE8());
        }
        SvgChart chart = new SvgChart("Marked equity over time", Formats::axis).line(t, v, "equity");
        List<BreakerTransition> transitions = byTime(in.breaker());
        int bands = Math.min(transitions.size(), MAX_MARKERS);
        for (int i = 0; i < bands; i++) {
            BreakerTransition b = transitions.get(i);
            String color = tierColor(b.toTier());
            if (color != null) {
                long to = i + 1 < transitions.size() ? transitions.get(i + 1).timeMs() : Long.MAX_VALUE;
                chart.band(b.timeMs(), to, color, b.toTier() + " from " + Formats.time(b.timeMs()) + ": " + b.reason());
            }
        }
        MaxDrawdown dd = in.metrics().maxDrawdown();
        if (dd.fraction() instanceof Figure.Value f && f.value() > 0) {
            chart.marker(dd.peakTimeMs(), Fixed.toDouble(dd.peakEquityE8()), SvgChart.Shape.DOT, "peak",
                    "peak before the max drawdown: " + Formats.money(dd.peakEquityE8()) + " at "
                            + Formats.time(dd.peakTimeMs()));
            chart.marker(dd.troughTimeMs(), Fixed.toDouble(dd.troughEquityE8()), SvgChart.Shape.DOT, "trough",
                    "trough of the max drawdown: " + Formats.money(dd.troughEquityE8()) + " at "
                            + Formats.time(dd.troughTimeMs()));
        }
        h.append("<h2>Equity</h2>").append(chart.render()).append("<p class=\"note\">Marked equity")
                .append("; dots: peak and trough of the max drawdown; bands: breaker tier")
                .append("<span class=\"swatch\" style=\"background:").append(tierColor("WARNING"))
                .append("\"></span>WARNING<span class=\"swatch\" style=\"background:").append(tierColor("CRITICAL"))
                .append("\"></span>CRITICAL<span class=\"swatch\" style=\"background:")
                .append(tierColor("EMERGENCY")).append("\"></span>EMERGENCY<span class=\"swatch\" style=\"background:")
                .append(tierColor("?")).append("\"></span>other.");
        if (transitions.size() > bands) {
            h.append(" Bands drawn for the first ").append(bands).append(" of ").append(transitions.size())
                    .append(" transitions.");
        }
        h.append("</p>");
    }

    private static void drawdown(StringBuilder h, ReportInput in) {
        List<EquityPoint> curve = in.equity();
        double[] dd = MaxDrawdown.series(curve);
        long[] t = new long[curve.size()];
        double[] v = new double[curve.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = curve.get(i).timeMs();
            v[i] = -dd[i] * 100;
        }
        SvgChart chart = new SvgChart("Drawdown from the running peak, percent", x -> Formats.fixed2(x) + " %")
                .line(t, v, "drawdown").zeroAtTop();
        h.append("<h2>Drawdown</h2>").append(chart.render())
                .append("<p class=\"note\">Fall of the marked equity below its running peak, in percent.</p>");
    }

    private static void prices(StringBuilder h, List<PriceSeries> all) {
        h.append("<h2>Prices and fills</h2>");
        if (all.isEmpty()) {
            h.append("<p class=\"note\">No price series.</p>");
        }
        int charts = Math.min(all.size(), MAX_PRICE_CHARTS);
        for (int c = 0; c < charts; c++) {
            PriceSeries p = all.get(c);
            long[] t = new long[p.prices().size()];
            double[] v = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = p.prices().get(i).timeMs();
                v[i] = Fixed.toDouble(p.prices().get(i).priceE8());
            }
            SvgChart chart = new SvgChart("Price of " + p.symbol() + " with fills", Formats::axis)
                    .line(t, v, "price");
            int stride = (p.fills().size() + MAX_MARKERS - 1) / MAX_MARKERS;
            for (int i = 0; i < p.fills().size(); i += Math.max(1, stride)) {
                FillMarker f = p.fills().get(i);
                boolean buy = f.side() == memesnipe.model.Side.BUY;
                chart.marker(f.timeMs(), Fixed.toDouble(f.priceE8()), buy ? SvgChart.Shape.UP : SvgChart.Shape.DOWN,
                        buy ? "buy" : "sell", f.side() + " at " + Formats.money(f.priceE8()) + ", "
                                + Formats.time(f.timeMs()));
            }
            h.append("<h3>").append(Html.escape(p.symbol())).append("</h3>").append(chart.render())
                    .append("<p class=\"note\">Green triangles: buys; red: sells.");
            if (stride > 1) {
                h.append(" One fill in ").append(stride).append(" drawn, of ").append(p.fills().size()).append(".");
            }
            h.append("</p>");
        }
        if (all.size() > charts) {
            h.append("<p class=\"note\">Charts for the first ").append(charts).append(" of ").append(all.size())
                    .append(" symbols.</p>");
        }
    }

    private static void breaker(StringBuilder h, List<BreakerTransition> unordered) {
        List<BreakerTransition> transitions = byTime(unordered);
        h.append("<h2>Circuit breaker</h2>");
        if (transitions.isEmpty()) {
            h.append("<p class=\"note\">No breaker transitions.</p>");
            return;
        }
        h.append("<table><thead><tr><th>Time</th><th>From</th><th>To</th><th>Reason</th></tr></thead><tbody>");
        int rows = Math.min(transitions.size(), MAX_BREAKER_ROWS);
        for (int i = 0; i < rows; i++) {
            BreakerTransition b = transitions.get(i);
            h.append("<tr><td>").append(Formats.time(b.timeMs())).append("</td><td>").append(Html.escape(b.fromTier()))
                    .append("</td><td>").append(Html.escape(b.toTier())).append("</td><td>")
                    .append(Html.escape(b.reason())).append("</td></tr>");
        }
        h.append("</tbody></table>");
        if (transitions.size() > rows) {
            h.append("<p class=\"note\">Showing the first ").append(rows).append(" of ").append(transitions.size())
                    .append(" transitions.</p>");
        }
    }

    private static void trades(StringBuilder h, List<ClosedTrade> trades) {
        h.append("<h2>Trades</h2>");
        if (trades.isEmpty()) {
            h.append("<p class=\"note\">No closed trades.</p>");
            return;
        }
        h.append("<table><thead><tr><th>#</th><th>Symbol</th><th>Strategy</th><th>Entry</th><th>Entry price</th>")
                .append("<th>Exit</th><th>Exit price</th><th>Quantity</th><th>Fees</th><th>Net P&amp;L</th>")
                .append("</tr></thead><tbody>");
        int rows = Math.min(trades.size(), MAX_TRADE_ROWS);
        for (int i = 0; i < rows; i++) {
            ClosedTrade t = trades.get(i);
            h.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>").append(Html.escape(t.symbol()))
                    .append("</td><td>").append(Html.escape(t.strategy())).append("</td><td>")
                    .append(Formats.time(t.entryTimeMs())).append("</td>");
            num(h, Formats.money(t.entryPriceE8()));
            h.append("<td>").append(Formats.time(t.exitTimeMs())).append("</td>");
            num(h, Formats.money(t.exitPriceE8()));
            num(h, Formats.money(t.quantityE8()));
            num(h, Formats.money(t.feesE8()));
            num(h, Formats.money(t.netPnlE8()));
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        if (trades.size() > rows) {
            h.append("<p class=\"note\">Showing the first ").append(rows).append(" of ").append(trades.size())
                    .append(" trades; the metrics count them all.</p>");
        }
    }

    private static void num(StringBuilder h, String value) {
        h.append("<td class=\"num\">").append(value).append("</td>");
    }

    private static List<BreakerTransition> byTime(List<BreakerTransition> transitions) {
        List<BreakerTransition> sorted = new ArrayList<>(transitions);
        sorted.sort(Comparator.comparingLong(BreakerTransition::timeMs)); // stable: same-time transitions keep order
        return sorted;
    }

    /** The band colour of a tier; null for NORMAL (no band), grey for a tier this report does not know. */
    static String tierColor(String tier) {
        return switch (tier.toUpperCase(Locale.ROOT)) {
            case "NORMAL" -> null;
            case "WARNING" -> "#f5c542";
            case "CRITICAL" -> "#f08c3c";
            case "EMERGENCY" -> "#d9534f";
            default -> "#9e9e9e";
        };
    }
}
