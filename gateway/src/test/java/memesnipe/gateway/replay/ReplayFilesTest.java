package memesnipe.gateway.replay;

import memesnipe.gateway.journal.JournalCsv;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replay files: real market data from ta4j-examples (on the test classpath) and bad files written here. */
class ReplayFilesTest {
    static final String BTC_TRADES = "bitstamp_trades_from_20131125_usd.csv";
    static final String ETH_BARS = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";
    static final String AAPL_BARS = "appleinc_bars_from_20130101_usd.csv";

    @TempDir
    Path dir;

    static ReplayData resource(String name, ReplayFormat format, String symbol) throws IOException {
        try (InputStream in = ReplayFilesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as("ta4j-examples data file %s on the test classpath", name).isNotNull();
            return ReplayFiles.read(in, name, name, format, symbol);
        }
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static void assertSorted(List<ReplayEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).eventTimeMs()).isGreaterThanOrEqualTo(events.get(i - 1).eventTimeMs());
        }
    }

    @Test
    void bitstampTrades_parseToAllHundredThousandRows_sortedAndExact() throws IOException {
        long started = System.nanoTime();
        ReplayData data = resource(BTC_TRADES, null, "BTC");
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[replay] " + BTC_TRADES + ": " + data.events().size() + " events parsed in " + ms + " ms");

        // 100 001 lines: the header and 100 000 trades, none of them bad (18 have amount 0, which is allowed)
        assertThat(data.format()).isEqualTo(ReplayFormat.TRADES_CSV);
        assertThat(data.events()).hasSize(100_000);
        assertThat(data.rejections().total()).isZero();
        assertSorted(data.events());
        ReplayEvent first = data.events().get(0);
        assertThat(first.symbol()).isEqualTo("BTC");
        assertThat(first.eventTimeMs()).isEqualTo(1_385_337_600_000L);
        assertThat(first.price()).isEqualTo(new BigDecimal("800.010000000000"));
        assertThat(first.volume()).isEqualTo(new BigDecimal("0.100000000000"));
        assertThat(first.priceDouble()).isEqualTo(800.01);
        assertThat(first.bar()).isNull();
        ReplayEvent last = data.events().get(data.events().size() - 1);
        assertThat(last.eventTimeMs()).isEqualTo(1_385_913_725_000L);
        assertThat(last.price()).isEqualTo(new BigDecimal("999.000000000000"));
        assertThat(last.volume()).isEqualTo(new BigDecimal("1.292633100000"));
        assertThat(data.events().stream().filter(e -> e.volume().signum() == 0).count()).isEqualTo(18);
    }

    @Test
    void ethBarsJson_parseToAll580Bars_atTheirEndTimeAndClose() throws IOException {
        ReplayData data = resource(ETH_BARS, null, "ETH");
        assertThat(data.format()).isEqualTo(ReplayFormat.BARS_JSON);
        assertThat(data.events()).hasSize(580);
        assertThat(data.rejections().total()).isZero();
        assertSorted(data.events());
        ReplayEvent first = data.events().get(0);
        assertThat(first.symbol()).isEqualTo("ETH");
        assertThat(first.eventTimeMs()).isEqualTo(1_678_730_699_999L);
        assertThat(first.price()).isEqualTo(new BigDecimal("1672.99"));
        assertThat(first.volume()).isEqualTo(new BigDecimal("65.3033"));
        assertThat(first.bar()).isEqualTo(new ReplayEvent.Bar(new BigDecimal("1673.58"), new BigDecimal("1677.62"),
                new BigDecimal("1672.44"), new BigDecimal("1672.99")));
        ReplayEvent last = data.events().get(579);
        assertThat(last.eventTimeMs()).isEqualTo(1_678_904_399_999L);
        assertThat(last.price()).isEqualTo(new BigDecimal("1629.52"));
        // five-minute bars, one after the other
        assertThat(last.eventTimeMs() - first.eventTimeMs()).isEqualTo(579 * 300_000L);
    }

    @Test
    void appleDailyBarsCsv_withIsoDates_parseToAll252Days() throws IOException {
        ReplayData data = resource(AAPL_BARS, null, "AAPL");
        assertThat(data.format()).isEqualTo(ReplayFormat.BARS_CSV);
        assertThat(data.events()).hasSize(252);
        assertThat(data.rejections().total()).isZero();
        ReplayEvent first = data.events().get(0);
        assertThat(first.eventTimeMs()).isEqualTo(java.time.Instant.parse("2013-01-02T00:00:00Z").toEpochMilli());
        assertThat(first.price()).isEqualTo(new BigDecimal("549.03"));
        assertThat(first.volume()).isEqualTo(new BigDecimal("20018500"));
        assertThat(first.bar().high()).isEqualTo(new BigDecimal("555.00"));
    }

    @Test
    void tradesCsv_withHeaderInAnyOrder_millisecondsAndNoHeader_areRead() throws IOException {
        ReplayData byName = ReplayFiles.load(write("t.csv", "Amount,Timestamp,Price\n0.5,1700000000123,100.25\n"
                + "1,1700000000200,100.5\n"), null, "SOL");
        assertThat(byName.events()).extracting(ReplayEvent::eventTimeMs).containsExactly(1_700_000_000_123L,
                1_700_000_000_200L);
        assertThat(byName.events().get(0).price()).isEqualTo(new BigDecimal("100.25"));
        assertThat(byName.events().get(0).volume()).isEqualTo(new BigDecimal("0.5"));

        ReplayData bare = ReplayFiles.load(write("bare.csv", "1700000000.5,7,1\r\n1700000001.25,8,2\r\n"), null, "SOL");
        assertThat(bare.events()).extracting(ReplayEvent::eventTimeMs).containsExactly(1_700_000_000_500L,
                1_700_000_001_250L);
    }

    @Test
    void missingColumn_isOneLineErrorNamingFileAndColumn() throws IOException {
        Path f = write("trades.csv", "timestamp,amount\n1385337600,0.1\n");
        assertThatThrownBy(() -> ReplayFiles.load(f, ReplayFormat.TRADES_CSV, "BTC"))
                .isInstanceOf(ReplayFileException.class)
                .hasMessageContaining("trades.csv").hasMessageContaining("lacks the required column 'price'")
                .hasMessageNotContaining("\n");
        Path bars = write("bars.csv", "date,open,high,low,volume\n2013-01-02,1,2,0.5,10\n");
        assertThatThrownBy(() -> ReplayFiles.load(bars, null, "BTC"))
                .isInstanceOf(ReplayFileException.class)
                .hasMessageContaining("bars.csv").hasMessageContaining("'close'");
    }

    @Test
    void unsortedTimestamp_isRejectedWithItsLineNumber_andTheRestIsKept() throws IOException {
        Path f = write("trades.csv", "timestamp,price,amount\n100,1,1\n200,2,1\n150,3,1\n300,4,1\n");
        ReplayData data = ReplayFiles.load(f, null, "BTC");
        assertThat(data.events()).extracting(ReplayEvent::eventTimeMs).containsExactly(100_000L, 200_000L, 300_000L);
        assertThat(data.rejections().count(RowRejectReason.UNSORTED)).isEqualTo(1);
        assertThat(data.rejections().samples()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(4);
            assertThat(s.reason()).isEqualTo(RowRejectReason.UNSORTED);
            assertThat(s.detail()).contains("line 3");
        });
    }

    @Test
    void nonNumericPrice_isRejectedWithItsLineNumber_escaped() throws IOException {
        Path f = write("trades.csv", "timestamp,price,amount\n\n100,1,1\n200,abc\u001b[31m,1\n300,-2,1\n400,4,-1\n"
                + "500,5\n600,6,1\n700,7,1\n800,8,1\n");
        ReplayData data = ReplayFiles.load(f, null, "BTC");
        assertThat(data.events()).extracting(ReplayEvent::eventTimeMs).containsExactly(100_000L, 600_000L, 700_000L, 800_000L);
        assertThat(data.rejections().counts()).containsEntry(RowRejectReason.BAD_PRICE, 2L)
                .containsEntry(RowRejectReason.BAD_VOLUME, 1L).containsEntry(RowRejectReason.COLUMN_COUNT, 1L);
        List<Rejections.Sample> samples = data.rejections().samples();
        assertThat(samples).extracting(Rejections.Sample::line).containsExactly(4L, 5L, 6L, 7L);
        assertThat(samples.get(0).detail()).isEqualTo("price 'abc\\u001b[31m' is not a number");
        assertThat(samples.get(1).detail()).contains("not positive");
        assertThat(data.rejections().summary(2)).startsWith("COLUMN_COUNT=1, BAD_PRICE=2, BAD_VOLUME=1 (first: line 4");
    }

    @Test
    void emptyFile_headerOnly_andBlankFile_areOneLineErrors() throws IOException {
        for (ReplayFormat format : new ReplayFormat[]{null, ReplayFormat.TRADES_CSV, ReplayFormat.BARS_JSON}) {
            Path empty = write("empty.csv", "");
            assertThatThrownBy(() -> ReplayFiles.load(empty, format, "BTC")).isInstanceOf(ReplayFileException.class)
                    .hasMessage("replay file '" + empty + "': empty file");
        }
        Path header = write("header.csv", "timestamp,price,amount\n");
        assertThatThrownBy(() -> ReplayFiles.load(header, null, "BTC")).isInstanceOf(ReplayFileException.class)
                .hasMessage("replay file '" + header + "': no data rows");
        Path blank = write("blank.csv", "\n  \n\n");
        assertThatThrownBy(() -> ReplayFiles.load(blank, null, "BTC")).hasMessageEndingWith(": no data rows");
        assertThatThrownBy(() -> ReplayFiles.load(dir.resolve("absent.csv"), null, "BTC"))
                .hasMessageEndingWith("absent.csv': no such file");
    }

    @Test
    void mostlyBadFile_isAnError_butHalfBadIsKept() throws IOException {
        Path mostly = write("bad.csv", "timestamp,price,amount\n100,1,1\n200,x,1\n300,y,1\n");
        assertThatThrownBy(() -> ReplayFiles.load(mostly, null, "BTC")).isInstanceOf(ReplayFileException.class)
                .hasMessageContaining("bad.csv").hasMessageContaining("2 of 3 rows rejected, more than 50 %")
                .hasMessageContaining("line 3 BAD_PRICE");
        ReplayData half = ReplayFiles.load(write("half.csv", "100,1,1\n200,x,1\n"), null, "BTC");
        assertThat(half.events()).hasSize(1);
        assertThat(half.rejections().total()).isEqualTo(1);
    }

    @Test
    void longLine_isRejected_withoutHoldingIt_andSamplesAreBounded() throws IOException {
        StringBuilder text = new StringBuilder("timestamp,price,amount\n");
        for (int i = 1; i <= 40; i++) {
            text.append(i).append(",1,1\n");
        }
        text.append("41,1,").append("9".repeat(ReplayLimits.MAX_LINE_CHARS)).append('\n');
        for (int i = 42; i <= 60; i++) {
            text.append(i).append(",nope,1\n");
        }
        ReplayData data = ReplayFiles.load(write("long.csv", text.toString()), null, "BTC");
        assertThat(data.events()).hasSize(40);
        assertThat(data.rejections().count(RowRejectReason.LINE_TOO_LONG)).isEqualTo(1);
        assertThat(data.rejections().count(RowRejectReason.BAD_PRICE)).isEqualTo(19);
        assertThat(data.rejections().samples()).hasSize(ReplayLimits.MAX_SAMPLES);
        assertThat(data.rejections().samples().get(0).line()).isEqualTo(42);
    }

    @Test
    void badTimes_areRejected_unitMixAndMicroseconds() throws IOException {
        ReplayData data = ReplayFiles.load(write("t.csv", "1700000000,1,1\n1700000001000,1,1\nsoon,1,1\n"
                + "1700000002000000,1,1\n1700000003,1,1\n1700000004,1,1\n1700000005,1,1\n"), null, "BTC");
        assertThat(data.events()).hasSize(4);
        assertThat(data.rejections().count(RowRejectReason.BAD_TIME)).isEqualTo(3);
        assertThat(data.rejections().samples()).extracting(Rejections.Sample::line).containsExactly(2L, 3L, 4L);
        assertThat(data.rejections().samples().get(0).detail()).contains("file's timestamps are in seconds");
    }

    @Test
    void barsJson_badBarsAreRejectedByLine_andBrokenJsonIsAnError() throws IOException {
        String json = """
                [
                  {"endTime": 1678730699999, "openPrice": 10, "highPrice": 12, "lowPrice": 9, "closePrice": 11, "volume": 1},
                  {"endTime": 1678730999999, "openPrice": 10, "highPrice": 9, "lowPrice": 8, "closePrice": 11, "volume": 1},
                  {"endTime": 1678731299999, "openPrice": 10, "highPrice": 12, "lowPrice": 9, "volume": 1},
                  {"endTime": "1678731599999", "openPrice": "10", "highPrice": "12", "lowPrice": "9", "closePrice": "10.5", "volume": "2"},
                  {"endTime": 1678731899999, "openPrice": 10, "highPrice": 12, "lowPrice": 9, "closePrice": 11, "volume": 3}
                ]
                """;
        ReplayData data = ReplayFiles.load(write("bars.json", json), null, "ETH");
        assertThat(data.events()).extracting(ReplayEvent::price).containsExactly(new BigDecimal("11"),
                new BigDecimal("10.5"), new BigDecimal("11"));
        assertThat(data.rejections().samples()).extracting(Rejections.Sample::line, Rejections.Sample::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, RowRejectReason.BAD_BAR),
                        org.assertj.core.groups.Tuple.tuple(4L, RowRejectReason.MISSING_FIELD));

        Path broken = write("broken.json", "{\"ohlc\": [\n{\"endTime\": 1, \n");
        assertThatThrownBy(() -> ReplayFiles.load(broken, null, "ETH")).isInstanceOf(ReplayFileException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("not valid JSON at line");
        Path noArray = write("other.json", "{\"name\": \"x\"}");
        assertThatThrownBy(() -> ReplayFiles.load(noArray, null, "ETH")).hasMessageContaining("no array field");
    }

    @Test
    void journalCsv_roundTrip_convertsPerLotBackToPerUnit_andKeepsSymbolsAndLiquidity() throws IOException {
        MarketEvent sol = MarketEvent.newBuilder().setSeq(1).setStreamId("s").setSymbol("SOL").setPriceE8(15_012_345_678L)
                .setVolumeE8(250_000_000L).setLiquidityE8(2_000_000_00000000L).setEventTimeMs(1_700_000_000_000L)
                .setIngestTimeMs(1_700_000_000_001L).build();
        // BABYDOGE in lots of 10^9 units: 0.03 USD per lot is 3e-11 USD per unit
        MarketEvent dog = MarketEvent.newBuilder().setSeq(2).setStreamId("s").setSymbol("BABYDOGE").setPriceE8(3_000_000L)
                .setVolumeE8(500_000_000L).setLiquidityE8(50_000_00000000L).setEventTimeMs(1_700_000_000_005L)
                .setIngestTimeMs(1_700_000_000_006L).setLotExponent(9).build();
        Path f = write("journal.csv", JournalCsv.HEADER + "\n" + JournalCsv.row(sol) + "\n" + JournalCsv.row(dog)
                + "\n3,s,SOL,0,1,1,1700000000009,1700000000010,0\n");
        ReplayData data = ReplayFiles.load(f, null, "IGNORED");
        assertThat(data.format()).isEqualTo(ReplayFormat.JOURNAL_CSV);
        assertThat(data.events()).hasSize(2);
        ReplayEvent s = data.events().get(0);
        assertThat(s.symbol()).isEqualTo("SOL");
        assertThat(s.price()).isEqualByComparingTo("150.12345678");
        assertThat(s.volume()).isEqualByComparingTo("2.5");
        assertThat(s.liquidityUsd()).isEqualByComparingTo("2000000");
        ReplayEvent d = data.events().get(1);
        assertThat(d.symbol()).isEqualTo("BABYDOGE");
        assertThat(d.price()).isEqualByComparingTo("0.00000000003");
        assertThat(d.volume()).isEqualByComparingTo("5000000000");
        assertThat(data.rejections().samples()).singleElement()
                .satisfies(r -> assertThat(r.toString()).isEqualTo("line 4 BAD_PRICE: price_e8 0 is not positive"));

        Path notJournal = write("j.csv", "seq,stream_id,symbol,price_e8\n1,s,SOL,1\n");
        assertThatThrownBy(() -> ReplayFiles.load(notJournal, null, "X")).isInstanceOf(ReplayFileException.class)
                .hasMessageContaining("lacks the columns volume_e8, liquidity_e8, event_time_ms, ingest_time_ms");
    }

    @Test
    void formatGuess_followsNameAndHeader() {
        assertThat(ReplayFormat.guess("x.JSON", "")).isEqualTo(ReplayFormat.BARS_JSON);
        assertThat(ReplayFormat.guess("x.txt", "  [")).isEqualTo(ReplayFormat.BARS_JSON);
        assertThat(ReplayFormat.guess("x.csv", JournalCsv.HEADER)).isEqualTo(ReplayFormat.JOURNAL_CSV);
        assertThat(ReplayFormat.guess("x.csv", "endTime,openPrice,highPrice,lowPrice,closePrice,volume"))
                .isEqualTo(ReplayFormat.BARS_CSV);
        assertThat(ReplayFormat.guess("x.csv", "timestamp,price,amount")).isEqualTo(ReplayFormat.TRADES_CSV);
        assertThat(ReplayFormat.guess("x.csv", "1385337600,800.01,0.1")).isEqualTo(ReplayFormat.TRADES_CSV);
        assertThat(ReplayFormat.guess("x.csv", null)).isEqualTo(ReplayFormat.TRADES_CSV);
    }
}
