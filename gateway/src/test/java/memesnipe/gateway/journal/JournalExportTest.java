package memesnipe.gateway.journal;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import memesnipe.gateway.EventStamper;
import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayEvent;
import memesnipe.gateway.replay.ReplayFiles;
import memesnipe.gateway.replay.ReplayFormat;
import memesnipe.gateway.validation.LotExponents;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.LpLock;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;
import memesnipe.model.money.Lot;
import memesnipe.v1.MarketEvent;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Export against the real local Redis, each test its own stream. */
class JournalExportTest {
    final Vertx vertx = Vertx.vertx();
    final String stream = "test:journal-export:" + UUID.randomUUID();
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        Redis redis = Redis.createClient(vertx, TestDatabase.redis().options());
        redis.send(Request.cmd(Command.DEL).arg(stream)).await(5, TimeUnit.SECONDS);
        redis.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    static MarketEvent event(long seq) {
        return MarketEvent.newBuilder().setSeq(seq).setStreamId(seq <= 1_200 ? "run-1" : "run-2")
                .setSymbol(seq % 3 == 0 ? "WIF" : "SOL").setPriceE8(100_000_000L + seq).setVolumeE8(seq)
                .setLiquidityE8(7_000_000_000_000L).setEventTimeMs(1_700_000_000_000L + seq * 10)
                .setIngestTimeMs(1_700_000_000_001L + seq * 10).build();
    }

    @Test
    void export_ofAStreamAcrossManyPages_writesEveryEntryOldestFirstAndTheTimeRange() throws Exception {
        TickJournal journal = TickJournal.create(vertx, TestDatabase.redis(), stream, 100_000, 4_096);
        List<MarketEvent> written = new ArrayList<>();
        for (long seq = 1; seq <= 2_500; seq++) {
            written.add(event(seq));
            journal.append(event(seq));
        }
        journal.length().await(10, TimeUnit.SECONDS); // pipelined after the appends: all are in
        Path out = dir.resolve("sub/journal.csv");

        JournalExport.Summary summary = JournalExport.export(journal, out, 333, Duration.ofSeconds(5));

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo(JournalCsv.HEADER);
        assertThat(lines.subList(1, lines.size()).stream().map(JournalCsv::parse).toList())
                .containsExactlyElementsOf(written);
        assertThat(summary.events()).isEqualTo(2_500);
        assertThat(summary.skipped()).isZero();
        assertThat(summary.streamIds()).isEqualTo(2);
        assertThat(summary.firstEventTimeMs()).isEqualTo(1_700_000_000_010L);
        assertThat(summary.lastEventTimeMs()).isEqualTo(1_700_000_025_000L);
        try (var files = Files.list(out.getParent())) {
            assertThat(files).as("no partial file left behind").containsExactly(out);
        }
        journal.close();
    }

    @Test
    void export_ofAMissingStream_writesTheHeaderOnly() throws Exception {
        TickJournal journal = TickJournal.create(vertx, TestDatabase.redis(), stream, 100);
        Path out = dir.resolve("empty.csv");
        JournalExport.Summary summary = JournalExport.export(journal, out, 100, Duration.ofSeconds(5));
        assertThat(Files.readAllLines(out)).containsExactly(JournalCsv.HEADER);
        assertThat(summary.events()).isZero();
        assertThat(summary.firstEventTimeMs()).isNull();
        journal.close();
    }

    static final long T = 1_700_000_000_000L;
    static final LotExponents LOTS = LotExponents.parse("PEPE=6");

    /**
     * A recorded multi-source stream as the gateway journals it: ticks (PEPE in lots of 10^6 units) and a signal of
     * every kind, the last one accepted after a tick 300 ms newer than it (it arrived late, within max-age-ms).
     */
    static List<MarketEvent> recorded() {
        List<FeedEvent> raw = List.of(
                new RawTick("PEPE", 0.000001234, 5_000_000, 250_000.5, T),
                new RawSignal(new SocialMentions("PEPE", T + 1_000, 420, 300_000, 3_500, "x")),
                new RawSignal(new WalletTransfer("PEPE", T + 2_000, "ethereum", WalletLabel.DEV, WalletLabel.EXCHANGE,
                        150_000_000_050_000_000L, 36, 120)),
                new RawSignal(new BridgeFlow("SOL", T + 3_000, "ethereum", "solana", "USDC", 250_000_050_000_000L)),
                new RawSignal(new PoolChange("WIF", T + 4_000, "EP2ib6dYdEeqD8MfE2ezHCxX3kP3K2eLKkirfPm5eyMx",
                        "raydium", -1_250_025_000_000L, 8_750_000_000_000L, LpLock.UNLOCKED, false)),
                new RawSignal(new PerpFunding("PEPE", T + 5_000, 123_450_000L, 6, 10_000L, T + 6_400_000, 28_800_000L)),
                new RawSignal(new TokenEvent("JTO", T + 6_000, TokenEventKind.AIRDROP_ANNOUNCED, T + 86_400_000,
                        T + 172_800_000)),
                new RawTick("SOL", 150.12345678, 2.5, 2_000_000, T + 8_000),
                new RawSignal(new TokenRisk("RUG", T + 7_700, true, 6_200, 4_500)));
        EventStamper stamper = new EventStamper("run-1", LOTS);
        List<MarketEvent> out = new ArrayList<>();
        long ingest = T;
        for (FeedEvent e : raw) {
            ingest = Math.max(ingest, e.eventTimeMs()) + 5;
            out.add(stamper.stamp(e, ingest));
        }
        return out;
    }

    /** What a replay of the recorded event reads: a tick per base unit from its per-lot e8 figures, a signal whole. */
    static ReplayEvent replayed(MarketEvent e) {
        MarketSignal signal = memesnipe.kit.event.SignalMessages.read(e);
        if (signal != null) {
            return ReplayEvent.of(signal);
        }
        return new ReplayEvent(e.getSymbol(), e.getEventTimeMs(), Lot.unitPrice(e.getPriceE8(), e.getLotExponent()),
                Lot.units(e.getVolumeE8(), e.getLotExponent()), null, BigDecimal.valueOf(e.getLiquidityE8(), 8));
    }

    List<MarketEvent> journaled(TickJournal journal) throws Exception {
        List<MarketEvent> events = recorded();
        journal.appendAll(events).await(10, TimeUnit.SECONDS);
        return events;
    }

    @Test
    void exportAsJsonLines_ofTicksAndEverySignalKind_replaysToTheSameRecords_inEventTimeOrder() throws Exception {
        TickJournal journal = TickJournal.create(vertx, TestDatabase.redis(), stream, 100_000);
        List<MarketEvent> events = journaled(journal);
        Path out = dir.resolve("recorded.jsonl");

        JournalExport.Summary summary = JournalExport.export(journal, out, JournalExport.Format.of(out),
                JournalExport.REORDER_MS_DEFAULT, 4, Duration.ofSeconds(5));

        assertThat(summary.events()).isEqualTo(events.size());
        assertThat(summary.skipped()).isZero();
        assertThat(summary.outOfOrder()).isZero();
        ReplayData data = ReplayFiles.load(out, null, "IGNORED", LOTS);
        assertThat(data.format()).isEqualTo(ReplayFormat.JSONL);
        assertThat(data.rejections().total()).as(data.rejections().summary(5)).isZero();
        List<ReplayEvent> expected = events.stream().sorted(Comparator.comparingLong(MarketEvent::getEventTimeMs))
                .map(JournalExportTest::replayed).toList();
        assertThat(data.events()).usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration
                        .builder().withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .containsExactlyElementsOf(expected);
        assertThat(data.events().get(0).price()).isEqualByComparingTo("0.000001234"); // 1.234 USD per lot, exactly
        assertThat(Files.readAllLines(out).get(5)).isEqualTo("{\"kind\":\"perp_funding\",\"symbol\":\"PEPE\","
                + "\"time\":1700000005000,\"mark\":\"0.0000012345\",\"funding_rate\":\"0.0001\","
                + "\"next_funding_time\":1700006400000,\"funding_interval_ms\":28800000}");
        journal.close();
    }

    @Test
    void export_withAReorderWindowShorterThanTheLateness_countsTheRowsOutOfOrder_andCsvSkipsSignals() throws Exception {
        TickJournal journal = TickJournal.create(vertx, TestDatabase.redis(), stream, 100_000);
        journaled(journal);

        JournalExport.Summary jsonl = JournalExport.export(journal, dir.resolve("late.jsonl"),
                JournalExport.Format.JSONL, 0, 100, Duration.ofSeconds(5));
        JournalExport.Summary csv = JournalExport.export(journal, dir.resolve("ticks.csv"), 100, Duration.ofSeconds(5));

        assertThat(jsonl.outOfOrder()).isEqualTo(1); // the token risk 300 ms behind the SOL tick written before it
        assertThat(ReplayFiles.load(dir.resolve("late.jsonl"), null, "X", LOTS).rejections().samples())
                .singleElement().extracting(r -> r.toString())
                .isEqualTo("line 9 UNSORTED: time 1700000007700 ms is before 1700000008000 ms of line 8");
        assertThat(csv.events()).isEqualTo(2);
        assertThat(csv.skipped()).isEqualTo(7);
        assertThat(Files.readAllLines(dir.resolve("ticks.csv"))).hasSize(3);
        journal.close();
    }

    @Test
    void compareIds_ordersByMillisecondsThenSequence() {
        assertThat(JournalExport.compareIds("1700-5", "1700-12")).isNegative();
        assertThat(JournalExport.compareIds("1701-0", "1700-12")).isPositive();
        assertThat(JournalExport.compareIds("1700-5", "1700-5")).isZero();
        assertThat(JournalExport.compareIds("0", "1-0")).isNegative();
    }
}
