package memesnipe.backtest.report;

import memesnipe.model.money.Fixed;
import memesnipe.performance.ClosedTrade;
import memesnipe.performance.Curves;
import memesnipe.performance.EquityPoint;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.PerformanceMetrics;
import memesnipe.performance.Sampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static memesnipe.performance.Curves.HOUR;
import static memesnipe.performance.Curves.T0;
import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {
    static final String HOSTILE = "<script>alert(1)</script>";

    static ReportInput smallRun() {
        List<EquityPoint> curve = Curves.every(HOUR, "100", "90", "120", "96", "125", "110", "130");
        List<ClosedTrade> trades = List.of(
                Curves.trade("momentum", T0, T0 + 2 * HOUR, "0.2", "20"),
                Curves.trade("break\"out' & co", T0 + 3 * HOUR, T0 + 5 * HOUR, "0.2", "-15"));
        List<BreakerTransition> breaker = List.of(
                new BreakerTransition(T0 + 3 * HOUR, "NORMAL", "WARNING", "drawdown 20 % " + HOSTILE),
                new BreakerTransition(T0 + 4 * HOUR, "WARNING", "NORMAL", "recovered"));
        List<PricePoint> prices = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            prices.add(new PricePoint(T0 + i * HOUR, Fixed.parse("100") + i * Fixed.ONE));
        }
        List<FillMarker> fills = List.of(new FillMarker(T0, memesnipe.model.Side.BUY, Fixed.parse("100")),
                new FillMarker(T0 + 2 * HOUR, memesnipe.model.Side.SELL, Fixed.parse("102")));
        PerformanceMetrics m = PerformanceMetrics.compute(curve, trades, MetricsConfig.of(Sampling.hourly()));
        return new ReportInput("Backtest " + HOSTILE, m, curve, trades, breaker,
                List.of(new PriceSeries("SOL<b>", prices, fills)));
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void reportOfASmallRun_hasTheChartsAndFigures_andParsesAsXml() throws Exception {
        ReportInput in = smallRun();
        String html = HtmlReport.render(in);

        Document doc = parse(html);
        // equity, drawdown and one price chart
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(3);
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(3);
        assertThat(html).contains("class=\"equity\"", "class=\"drawdown\"", "class=\"price\"", "class=\"buy\"",
                "class=\"sell\"", "class=\"band\"");
        // 100 -> 130: +30 %; max drawdown 120 -> 96 is 20 %; profit factor 20 / 15
        assertThat(html).contains("30.00 %", "20.00 %", "1.33", "every 1 hour", "8760", "95 % CI");
        assertThat(html).contains(Formats.time(T0 + 2 * HOUR)); // the drawdown's peak time
        assertThat(doc.getElementsByTagName("tr").getLength()).isEqualTo(
                1 + MetricRows.of(in.metrics()).size() + 1 + 2 + 1 + 2);
    }

    @Test
    void reportIsSelfContained_withoutAnyReferenceOutsideTheFile() {
        String html = HtmlReport.render(smallRun());

        assertThat(html).doesNotContain("http://", "https://", "<script", "<link", "<img", "src=", "url(", "@import");
    }

    @Test
    void everyTextValue_isEscaped_soAReasonCannotInjectAScript() {
        String html = HtmlReport.render(smallRun());

        assertThat(html).doesNotContain(HOSTILE).doesNotContain("<b>");
        assertThat(html).contains("drawdown 20 % &lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("<h1>Backtest &lt;script&gt;alert(1)&lt;/script&gt;</h1>");
        assertThat(html).contains("SOL&lt;b&gt;");
        assertThat(html).contains("break&quot;out&#39; &amp; co");
    }

    @Test
    void controlCharactersInText_areShownAsEscapes_andTheReportStaysWellFormed() throws Exception {
        ReportInput base = smallRun();
        ReportInput in = new ReportInput("run\u0000\u001b[31m", base.metrics(), base.equity(), base.trades(),
                List.of(new BreakerTransition(T0, "NORMAL", "CRITICAL", "line\nbreak\u202e")), base.prices());

        String html = HtmlReport.render(in);

        parse(html);
        assertThat(html).contains("run\\u0000\\u001b[31m", "line\\u000abreak\\u202e");
    }

    @Test
    void aLargeRun_staysBounded_chartsThinnedAndTablesCappedWithANote() throws Exception {
        List<EquityPoint> curve = new ArrayList<>();
        List<PricePoint> prices = new ArrayList<>();
        List<FillMarker> fills = new ArrayList<>();
        long equity = Fixed.parse("1000");
        for (int i = 0; i < 200_000; i++) {
            long t = T0 + i * 60_000L;
            equity += (i % 7 - 3) * Fixed.ONE / 10;
            curve.add(new EquityPoint(t, equity));
            prices.add(new PricePoint(t, Fixed.parse("100") + (i % 100) * Fixed.ONE));
            if (i % 20 == 0) {
                fills.add(new FillMarker(t, i % 40 == 0 ? memesnipe.model.Side.BUY : memesnipe.model.Side.SELL,
                        Fixed.parse("100")));
            }
        }
        List<ClosedTrade> trades = new ArrayList<>();
        List<BreakerTransition> breaker = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long t = T0 + i * 2_400_000L;
            trades.add(Curves.trade("m", t, t + 600_000, "0.01", i % 2 == 0 ? "1" : "-1"));
            breaker.add(new BreakerTransition(t, "NORMAL", i % 2 == 0 ? "WARNING" : "NORMAL", "r" + i));
        }
        PerformanceMetrics m = PerformanceMetrics.compute(curve, trades, MetricsConfig.forCurve(curve));
        ReportInput in = new ReportInput("large", m, curve, trades, breaker,
                List.of(new PriceSeries("SOL", prices, fills)));

        String html = HtmlReport.render(in);

        Document doc = parse(html);
        for (int i = 0; i < doc.getElementsByTagName("polyline").getLength(); i++) {
            String points = doc.getElementsByTagName("polyline").item(i).getAttributes().getNamedItem("points")
                    .getNodeValue();
            assertThat(points.split(" ")).hasSizeLessThanOrEqualTo(SvgChart.MAX_POINTS);
        }
        assertThat(count(html, "class=\"buy\"") + count(html, "class=\"sell\"")).isLessThanOrEqualTo(
                HtmlReport.MAX_MARKERS);
        assertThat(html).contains("Showing the first 500 of 5000 trades", "Showing the first 500 of 5000 transitions",
                "One fill in 5 drawn, of 10000.");
        assertThat(html.length()).isLessThan(2_000_000);
        assertThat(m.sampling()).isEqualTo(Sampling.daily()); // 200 000 minutes: 138 days, at least 30 whole days
    }

    @Test
    void reportOfADegenerateRun_singleMarkNoTradesNoPrices_readsNotAvailable_andParses() throws Exception {
        List<EquityPoint> curve = Curves.every(HOUR, "100");
        PerformanceMetrics m = PerformanceMetrics.compute(curve, List.of(), MetricsConfig.of(Sampling.hourly()));

        String html = HtmlReport.render(new ReportInput("empty", m, curve, List.of(), List.of(), List.of()));

        parse(html);
        assertThat(html).contains("n/a (a single equity point)", "n/a (no trades)", "No closed trades.",
                "No breaker transitions.", "No price series.");
        assertThat(html).doesNotContain("NaN", "Infinity");
    }

    @Test
    void write_putsTheReportInOneFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");

        HtmlReport.write(smallRun(), file);

        assertThat(Files.readString(file)).isEqualTo(HtmlReport.render(smallRun()));
    }

    private static int count(String s, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(s);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
