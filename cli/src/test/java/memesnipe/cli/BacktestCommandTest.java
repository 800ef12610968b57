package memesnipe.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/** `memesnipe backtest` on the real market data ta4j-examples ships (loaded from the Maven artifact, not the repo). */
class BacktestCommandTest {
    static Path dir;
    static Path btcTrades;
    static Path ethBars;

    @BeforeAll
    static void data() throws Exception {
        dir = Files.createTempDirectory("backtest-test");
        btcTrades = copy("bitstamp_trades_from_20131125_usd.csv");
        ethBars = copy("ETH-USD-PT5M-2023-3-13_2023-3-15.json");
    }

    static Path copy(String resource) throws Exception {
        try (InputStream in = BacktestCommandTest.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as(resource + " on the test classpath (org.ta4j:ta4j-examples)").isNotNull();
            Path f = dir.resolve(resource);
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            return f;
        }
    }

    static JournalCommandTest.Run backtest(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "backtest";
        all[1] = "--quiet";
        System.arraycopy(args, 0, all, 2, args.length);
        return JournalCommandTest.run(all);
    }

    /** The figures a run prints, without the line that says how long it took. */
    static String figures(String out) {
        return out.replaceAll("(?m) in [0-9.]+ s$", "");
    }

    @Test
    void realBtcTrades_areBacktestedEndToEnd_withEveryFigure_andASelfContainedReport() throws Exception {
        Path report = dir.resolve("btc.html");
        JournalCommandTest.Run r = backtest("--data", btcTrades.toString(), "--report", report.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("(trades-csv, 100,000 events, 100,000 accepted)")
                .contains("Total return", "Sharpe (annualized)", "Sortino (annualized)", "Max drawdown", "Win rate",
                        "Profit factor", "Exposure", "Fees paid", "95% CI", "every 1 hour", "breaker transitions: ");
        assertThat(r.out()).containsPattern("fills [1-9][0-9,]*, trades [1-9]");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).contains("<svg").doesNotContain("http://", "https://", "<script");
        assertThat(Files.size(report)).isLessThan(5_000_000);

        // the same data and settings: the same figures, to the last digit
        assertThat(figures(backtest("--data", btcTrades.toString()).out())).isEqualTo(figures(r.out())
                .replaceAll("(?m)^report: .*\\R", ""));
    }

    @Test
    void realEthBars_andAWindowOfTheTrades_withOtherCosts() {
        JournalCommandTest.Run bars = backtest("--data", ethBars.toString(), "--symbol", "ETH");
        assertThat(bars.exit()).as(bars.err()).isZero();
        assertThat(bars.out()).contains("(bars-json, 580 events, 580 accepted)");

        JournalCommandTest.Run day = backtest("--data", btcTrades.toString(), "--from", "2013-11-27", "--to",
                "2013-11-28", "--fee-bps", "0", "--slippage-bps", "0", "--strategy", "momentum_5m");
        assertThat(day.exit()).as(day.err()).isZero();
        assertThat(day.out()).contains("with momentum_5m").contains("Run                   2013-11-27T");
        assertThat(day.out()).containsPattern("(?m)^Fees paid +0$");
    }

    @Test
    void aJsonLinesFile_ofTradesAndSignals_isBacktestedWithItsLots_andItsRecordedLiquidity() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < 120; s++) {
            long t = 1_700_000_000_000L + s * 1_000L;
            text.append("{\"kind\":\"trade\",\"symbol\":\"PEPE\",\"time\":").append(t)
                    .append(",\"price\":\"0.0000012\",\"amount\":\"1000000\",\"liquidity\":\"")
                    .append(s == 60 ? "5" : "900000").append("\"}\n");
            if (s % 30 == 0) {
                text.append("{\"kind\":\"perp_funding\",\"symbol\":\"PEPE\",\"time\":").append(t + 1)
                        .append(",\"mark\":\"0.000001215\",\"funding_rate\":\"0.0001\",\"next_funding_time\":")
                        .append(t + 60_000).append(",\"funding_interval_ms\":3600000}\n");
            }
        }
        Path jsonl = Files.writeString(dir.resolve("recorded.jsonl"), text.toString());

        JournalCommandTest.Run r = backtest("--data", jsonl.toString(), "--strategy", "momentum_5m",
                "--lot-exponents", "PEPE=6");
        assertThat(r.exit()).as(r.err()).isZero();
        // 120 trades and 4 perp marks, all accepted in lots of 10^6 PEPE but the trade quoting 5 USD of liquidity
        assertThat(r.out()).contains("(jsonl, 124 events, 123 accepted)");

        JournalCommandTest.Run units = backtest("--data", jsonl.toString(), "--strategy", "momentum_5m");
        assertThat(units.exit()).as(units.err()).isZero();
        // in single units each mark has 9 decimals: the rows are rejected when the file is read, with their lines
        assertThat(units.out()).contains("data: OUT_OF_RANGE=4 (first: line 2 OUT_OF_RANGE: mark '0.000001215' has "
                + "more than 8 decimals;").contains("(jsonl, 120 events, 119 accepted)");
    }

    @Test
    void badOptionsAndFiles_getAOneLineErrorAndTheirExitCode() throws Exception {
        JournalCommandTest.Run missing = backtest("--data", dir.resolve("nope.csv").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).startsWith("memesnipe backtest: ").doesNotContain("\n").contains("nope.csv");

        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        JournalCommandTest.Run e = backtest("--data", empty.toString());
        assertThat(e.exit()).isEqualTo(1);
        assertThat(e.err().strip()).doesNotContain("\n");

        JournalCommandTest.Run strategy = backtest("--data", btcTrades.toString(), "--strategy", "moon_shot\u001b[31m");
        assertThat(strategy.exit()).isEqualTo(2);
        assertThat(strategy.err()).contains("unknown strategy 'moon_shot\\u001b[31m'").doesNotContain("\u001b");

        JournalCommandTest.Run from = backtest("--data", btcTrades.toString(), "--from", "yesterday");
        assertThat(from.exit()).isEqualTo(2);
        assertThat(from.err()).contains("--from must be a date");

        JournalCommandTest.Run window = backtest("--data", btcTrades.toString(), "--from", "2020-01-01");
        assertThat(window.exit()).isEqualTo(1);
        assertThat(window.err()).contains("no market data between");
    }

    @Test
    void walkforward_onRealEthBars_choosesInSampleOnly_andShowsBothSidesByWindow() throws Exception {
        Path report = dir.resolve("wf.html");
        JournalCommandTest.Run r = JournalCommandTest.run("walkforward", "--data", ethBars.toString(), "--symbol", "ETH",
                "--strategy", "sma_cross", "--in-sample", "PT12H", "--out-of-sample", "PT6H", "--report", report.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("sma_cross on ETH-USD-PT5M-2023-3-13_2023-3-15.json (580 events), in-sample PT12H, "
                + "out-of-sample PT6H, 9 parameter sets:");
        // 580 five-minute bars span 48 h: windows start every 6 h while 12 h + 6 h still fit
        assertThat(r.out().lines().filter(l -> l.matches("  [1-9] .*"))).hasSize(6)
                .allMatch(l -> l.matches(".*fast (5|10|20), slow (30|60|120) .*"));
        assertThat(r.out()).containsPattern("mean in-sample return -?[0-9.]+ %, mean out-of-sample return -?[0-9.]+ %, "
                + "out-of-sample compounded -?[0-9.]+ % over 6 window\\(s\\)");
        String html = Files.readString(report);
        assertThat(html).contains("<h2>sma_cross</h2>", "chosen in-sample").doesNotContain("http://", "https://");

        JournalCommandTest.Run bad = JournalCommandTest.run("walkforward", "--data", ethBars.toString(), "--in-sample",
                "two days");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--in-sample must be an ISO-8601 duration");
        JournalCommandTest.Run tooShort = JournalCommandTest.run("walkforward", "--data", ethBars.toString(),
                "--strategy", "sma_cross", "--in-sample", "P30D");
        assertThat(tooShort.exit()).isEqualTo(1);
        assertThat(tooShort.err()).contains("less than one in-sample plus one out-of-sample");
    }

    @Test
    void promoteDryRun_measuresTheWalkForwardsOutOfSampleEvidence_andJudgesItByTheBacktestGates() {
        JournalCommandTest.Run r = JournalCommandTest.run("promote", "--dry-run", "--data", ethBars.toString(),
                "--symbol", "ETH", "--strategy", "sma_cross", "--in-sample", "PT12H", "--out-of-sample", "PT6H");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("sma_cross out of sample (walk-forward of ETH-USD-PT5M-2023-3-13_2023-3-15.json, "
                + "6 window(s), in-sample PT12H, out-of-sample PT6H):");
        // six consecutive 6-hour out-of-sample parts: 36 hours, sampled hourly (at least 30 periods)
        assertThat(r.out()).containsPattern("  2023-03-1\\d{1}T\\d\\d:\\d\\d:\\d\\dZ to 2023-03-15T\\d\\d:\\d\\d:\\d\\dZ, 3[0-6] "
                + "returns of PT1H, Sharpe -?[0-9.]+ (\\[-?[0-9.]+, -?[0-9.]+\\]|n/a), \\d+ trades");
        assertThat(r.out().lines().filter(l -> l.matches("    (PASS|FAIL|INSUFFICIENT_DATA)  .*")).toList())
                .hasSize(3).satisfies(lines -> {
                    assertThat(lines.get(0)).contains("Sharpe (annualized)");
                    assertThat(lines.get(1)).contains("win rate");
                    assertThat(lines.get(2)).contains("p-value of the edge");
                });
        JournalCommandTest.Run unknown = JournalCommandTest.run("promote", "--dry-run", "--data", ethBars.toString(),
                "--strategy", "no_such");
        assertThat(unknown.exit()).isEqualTo(2);
    }

    @Test
    void promoteDryRun_onASimulator_findsThePlantedEdge_andNoneWithoutIt() {
        JournalCommandTest.Run planted = JournalCommandTest.run("promote", "--dry-run", "--scenario", "dev_wallet",
                "--scenario-hours", "8", "--strategy", "dev_wallet_drain", "--in-sample", "PT2H",
                "--out-of-sample", "PT2H");
        assertThat(planted.exit()).as(planted.err()).isZero();
        assertThat(planted.out()).contains("walk-forward of scenario dev_wallet (seed 1, 8 simulated hours)");
        assertThat(planted.out()).containsPattern("    PASS  Sharpe \\(annualized\\)");
        JournalCommandTest.Run plain = JournalCommandTest.run("promote", "--dry-run", "--scenario", "dev_wallet:plain",
                "--scenario-hours", "8", "--strategy", "dev_wallet_drain", "--in-sample", "PT2H",
                "--out-of-sample", "PT2H");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).containsPattern("    FAIL  Sharpe \\(annualized\\) -");

        JournalCommandTest.Run both = JournalCommandTest.run("promote", "--dry-run", "--scenario", "dev_wallet",
                "--data", ethBars.toString(), "--strategy", "dev_wallet_drain");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give either --data FILE or --scenario NAME");
        assertThat(JournalCommandTest.run("backtest", "--strategy", "momentum_5m").err())
                .contains("--data FILE is required");
    }

    @Test
    void demoPromotion_pairsEachSignalStrategyWithItsSimulator_whenTheDemoRunsIt() {
        var pairs = DemoPromotion.pairs(List.of("momentum_5m", "airdrop_rotation", "rug_pull_sniffer", "social_buzz"),
                memesnipe.gateway.feed.sim.Scenarios.parse("airdrop,social_buzz:plain"));
        assertThat(pairs).extracting(e -> e.getKey() + "=" + e.getValue().label())
                .containsExactly("airdrop_rotation=airdrop", "social_buzz=social_buzz:plain");
        assertThat(DemoPromotion.SCENARIO_OF.values()).allMatch(memesnipe.gateway.feed.sim.Scenarios.names()::contains);
        assertThat(DemoPromotion.SCENARIO_OF.keySet()).allMatch(memesnipe.strategy.core.Strategies.KNOWN::contains);
    }
}
