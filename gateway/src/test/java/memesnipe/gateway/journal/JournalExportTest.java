package memesnipe.gateway.journal;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    @Test
    void compareIds_ordersByMillisecondsThenSequence() {
        assertThat(JournalExport.compareIds("1700-5", "1700-12")).isNegative();
        assertThat(JournalExport.compareIds("1701-0", "1700-12")).isPositive();
        assertThat(JournalExport.compareIds("1700-5", "1700-5")).isZero();
        assertThat(JournalExport.compareIds("0", "1-0")).isNegative();
    }
}
