package memesnipe.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import memesnipe.gateway.journal.JournalCsv;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `memesnipe journal export` in-process against the real local Redis (its own stream). */
class JournalCommandTest {
    final Vertx vertx = Vertx.vertx();
    final String stream = "test:journal-cli:" + UUID.randomUUID();
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        Redis redis = Redis.createClient(vertx, TestDatabase.redis().options());
        redis.send(Request.cmd(Command.DEL).arg(stream)).await(5, TimeUnit.SECONDS);
        redis.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Exit code, stdout and stderr of one run. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void export_ofAJournalStream_writesAFileWhoseRowsMatchTheStreamOldestFirst() throws Exception {
        TickJournal journal = TickJournal.create(vertx, TestDatabase.redis(), stream, 100_000, 4_096);
        List<Future<String>> appends = new ArrayList<>();
        for (long seq = 1; seq <= 2_300; seq++) { // more than two export pages
            appends.add(journal.append(MarketEvent.newBuilder().setSeq(seq).setStreamId("gw-1")
                    .setSymbol(seq % 2 == 0 ? "SOL" : "BONK").setPriceE8(2_000_000_000L + seq).setVolumeE8(seq * 3)
                    .setLiquidityE8(9_000_000_000_000L).setEventTimeMs(1_700_000_000_000L + seq)
                    .setIngestTimeMs(1_700_000_000_002L + seq).build()));
        }
        Future.all(appends).await(10, TimeUnit.SECONDS);
        List<MarketEvent> inRedis = new ArrayList<>();
        String after = "0";
        for (List<TickJournal.Entry> page; !(page = journal.read(after, 500).await(5, TimeUnit.SECONDS)).isEmpty(); ) {
            page.forEach(e -> inRedis.add(e.event()));
            after = page.get(page.size() - 1).id();
        }
        journal.close();
        Path out = dir.resolve("ticks.csv");

        Run r = run("journal", "export", "--redis-url", TestDatabase.redis().url(), "--stream", stream,
                "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("exported 2300 events", "1 gateway stream", "2023-11-14T22:13:20.001Z",
                "2023-11-14T22:13:22.300Z");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo(
                "seq,stream_id,symbol,price_e8,volume_e8,liquidity_e8,event_time_ms,ingest_time_ms,lot_exponent");
        assertThat(lines.subList(1, lines.size()).stream().map(JournalCsv::parse).toList())
                .hasSize(2_300).containsExactlyElementsOf(inRedis);
        assertThat(lines.get(1)).isEqualTo("1,gw-1,BONK,2000000001,3,9000000000000,1700000000001,1700000000003,0");
    }

    @Test
    void export_toAJsonlFile_keepsTheSignalsACsvExportSkips_andAnUnknownFormatExitsTwo() throws Exception {
        TickJournal journal = TickJournal.create(vertx, TestDatabase.redis(), stream, 100_000);
        MarketEvent.Builder signal = MarketEvent.newBuilder().setSeq(2).setStreamId("gw-1").setSymbol("SOL")
                .setEventTimeMs(1_700_000_000_500L).setIngestTimeMs(1_700_000_000_501L);
        memesnipe.kit.event.SignalMessages.write(new memesnipe.model.event.SocialMentions("SOL", 1_700_000_000_500L,
                250, 60_000, 6_000, "x"), signal);
        journal.appendAll(List.of(MarketEvent.newBuilder().setSeq(1).setStreamId("gw-1").setSymbol("SOL")
                .setPriceE8(15_000_000_000L).setVolumeE8(100_000_000L).setLiquidityE8(9_000_000_000_000L)
                .setEventTimeMs(1_700_000_000_000L).setIngestTimeMs(1_700_000_000_001L).build(), signal.build()))
                .await(10, TimeUnit.SECONDS);
        journal.close();

        Path jsonl = dir.resolve("recorded.jsonl");
        Run r = run("journal", "export", "--redis-url", TestDatabase.redis().url(), "--stream", stream,
                "--out", jsonl.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("exported 2 events").doesNotContain("skipped");
        assertThat(Files.readAllLines(jsonl)).containsExactly(
                "{\"kind\":\"trade\",\"symbol\":\"SOL\",\"time\":1700000000000,\"price\":\"150\","
                        + "\"amount\":\"1\",\"liquidity\":\"90000\"}",
                "{\"kind\":\"social_mentions\",\"symbol\":\"SOL\",\"time\":1700000000500,\"mentions\":250,"
                        + "\"window_ms\":60000,\"sentiment\":0.6,\"source\":\"x\"}");

        Run csv = run("journal", "export", "--redis-url", TestDatabase.redis().url(), "--stream", stream,
                "--out", dir.resolve("ticks.csv").toString());
        assertThat(csv.out()).contains("exported 1 events", "1 entries skipped (signals, which only --format jsonl "
                + "holds");
        Run named = run("journal", "export", "--redis-url", TestDatabase.redis().url(), "--stream", stream,
                "--format", "jsonl", "--out", dir.resolve("recorded.txt").toString());
        assertThat(named.out()).contains("exported 2 events");

        Run bad = run("journal", "export", "--redis-url", TestDatabase.redis().url(), "--format", "xml",
                "--out", dir.resolve("x").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("memesnipe journal export: --format must be csv or jsonl, "
                + "--reorder-ms >= 0");
    }

    @Test
    void export_withRedisUnreachable_printsOneLineAndExitsOne() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path out = dir.resolve("never.csv");
        Run r = run("journal", "export", "--redis-url", "redis://127.0.0.1:" + closedPort, "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("memesnipe journal export: Redis 127.0.0.1:" + closedPort)
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no partial file either").isEmpty();
        }
    }

    @Test
    void export_ofAKeyThatIsNotAStream_printsRedisErrorOnOneLineAndExitsOne() throws Exception {
        Redis redis = Redis.createClient(vertx, TestDatabase.redis().options());
        redis.send(Request.cmd(Command.SET).arg(stream).arg("not a stream")).await(5, TimeUnit.SECONDS);
        redis.close();
        Path out = dir.resolve("wrong-type.csv");
        Run r = run("journal", "export", "--redis-url", TestDatabase.redis().url(), "--stream", stream,
                "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("memesnipe journal export: Redis ").contains("WRONGTYPE")
                .doesNotContain("\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void export_withMalformedUrl_isAnInvalidOptionExitingTwo() {
        Run r = run("journal", "export", "--redis-url", "http://127.0.0.1:6379", "--out", dir.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).contains("--redis-url").contains("redis://").doesNotContain("\n");
    }
}
