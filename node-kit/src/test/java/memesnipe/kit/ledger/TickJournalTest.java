package memesnipe.kit.ledger;

import io.vertx.core.Vertx;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class TickJournalTest {
    private static Vertx vertx;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void append_thenReadBack_givesEventsInOrderAndNewestMarkPerSymbol() throws Exception {
        String stream = "test:events:" + UUID.randomUUID();
        TickJournal j = TickJournal.create(vertx, TestDatabase.redis(), stream, 1_000);
        for (int i = 1; i <= 30; i++) {
            j.append(event(i, i % 2 == 0 ? "SOL" : "PEPE", 100_000_000L * i)).await(5, TimeUnit.SECONDS);
        }
        assertThat(j.length().await(5, TimeUnit.SECONDS)).isEqualTo(30L);
        var all = j.read("0", 100).await(5, TimeUnit.SECONDS);
        assertThat(all).extracting(e -> e.event().getSeq()).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
        var page2 = j.read(all.get(9).id(), 5).await(5, TimeUnit.SECONDS);
        assertThat(page2).extracting(e -> e.event().getSeq()).containsExactly(11L, 12L, 13L, 14L, 15L);
        var marks = j.lastMarks(100).await(5, TimeUnit.SECONDS);
        assertThat(marks.get("SOL").getPriceE8()).isEqualTo(3_000_000_000L);
        assertThat(marks.get("PEPE").getPriceE8()).isEqualTo(2_900_000_000L);
        j.close();
    }

    @Test
    void append_beyondMaxLen_keepsTheStreamBounded() throws Exception {
        String stream = "test:events:" + UUID.randomUUID();
        TickJournal j = TickJournal.create(vertx, TestDatabase.redis(), stream, 100);
        for (int i = 1; i <= 2_000; i++) {
            j.append(event(i, "SOL", 1_000L + i)).await(5, TimeUnit.SECONDS);
        }
        j.append(event(2_001, "SOL", 1L)).await(10, TimeUnit.SECONDS);
        // MAXLEN ~ trims whole radix-tree nodes: bounded near the cap, never the full 2,001
        assertThat(j.length().await(5, TimeUnit.SECONDS)).isLessThan(400L);
        j.close();
    }

    @Test
    void append_afterTheConnectionWasCut_reopensAConnectionByItselfWhenRedisIsBack() throws Exception {
        String stream = "test:events:" + UUID.randomUUID();
        try (memesnipe.kit.testing.TcpProxy proxy = memesnipe.kit.testing.TcpProxy.to(
                java.net.URI.create(TestDatabase.redis().url()).getPort())) {
            TickJournal j = TickJournal.create(vertx, new RedisSettings("redis://127.0.0.1:" + proxy.port(), null),
                    stream, 1_000);
            j.append(event(1, "SOL", 100)).await(5, TimeUnit.SECONDS);
            proxy.cut();
            // the client notices the cut asynchronously: appends fail from then on, within a bound
            long seq = 2;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean failed = false;
            while (!failed && System.nanoTime() < deadline) {
                long s = seq++;
                failed = catchThrowable(() -> j.append(event(s, "SOL", 100)).await(5, TimeUnit.SECONDS)) != null;
            }
            assertThat(failed).as("appends fail while Redis is unreachable").isTrue();
            long refused = seq++;
            assertThat(catchThrowable(() -> j.append(event(refused, "SOL", 100)).await(5, TimeUnit.SECONDS)))
                    .as("still unreachable: a new connection is tried and refused").isNotNull();
            proxy.restore();
            long back = seq;
            j.append(event(back, "SOL", 100)).await(5, TimeUnit.SECONDS);
            assertThat(j.read("0", 100).await(5, TimeUnit.SECONDS)).extracting(e -> e.event().getSeq())
                    .contains(1L, back).doesNotContain(refused);
            j.close();
        }
        TickJournal cleanup = TickJournal.create(vertx, TestDatabase.redis(), stream, 1);
        assertThat(cleanup.newestId().await(5, TimeUnit.SECONDS)).isNotNull();
        cleanup.close();
        io.vertx.redis.client.Redis.createClient(vertx, TestDatabase.redis().options())
                .send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(stream))
                .await(5, TimeUnit.SECONDS);
    }

    @Test
    void append_pipelinedBeyondTheClientDefault_succeedsWithALargerPipeline_andNewestIdIsTheLastEntry()
            throws Exception {
        String stream = "test:events:" + UUID.randomUUID();
        TickJournal j = TickJournal.create(vertx, TestDatabase.redis(), stream, 10_000, 5_000);
        assertThat(j.newestId().await(5, TimeUnit.SECONDS)).as("absent stream").isNull();
        java.util.List<io.vertx.core.Future<String>> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 4_000; i++) { // all sent before the first answer can arrive
            ids.add(j.append(event(i, "SOL", 1_000L + i)));
        }
        io.vertx.core.Future.all(ids).await(10, TimeUnit.SECONDS);
        assertThat(j.newestId().await(5, TimeUnit.SECONDS)).isEqualTo(ids.get(ids.size() - 1).result());
        assertThat(j.length().await(5, TimeUnit.SECONDS)).isEqualTo(4_000L);
        j.close();
        io.vertx.redis.client.Redis.createClient(vertx, TestDatabase.redis().options())
                .send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(stream))
                .await(5, TimeUnit.SECONDS);
    }

    @Test
    void appendAll_ofABatch_writesEveryEventInOrderAndGivesTheirIds() throws Exception {
        String stream = "test:events:" + UUID.randomUUID();
        TickJournal j = TickJournal.create(vertx, TestDatabase.redis(), stream, 1_000);
        assertThat(j.appendAll(java.util.List.of()).await(5, TimeUnit.SECONDS)).isEmpty();
        java.util.List<MarketEvent> batch = new java.util.ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            batch.add(event(i, i % 3 == 0 ? "WIF" : "SOL", 1_000L + i));
        }
        java.util.List<String> ids = j.appendAll(batch).await(5, TimeUnit.SECONDS);
        var back = j.read("0", 100).await(5, TimeUnit.SECONDS);
        assertThat(back).extracting(TickJournal.Entry::event).containsExactlyElementsOf(batch);
        assertThat(back).extracting(TickJournal.Entry::id).containsExactlyElementsOf(ids);
        j.close();
        io.vertx.redis.client.Redis.createClient(vertx, TestDatabase.redis().options())
                .send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(stream))
                .await(5, TimeUnit.SECONDS);
    }

    private static MarketEvent event(long seq, String symbol, long price) {
        return MarketEvent.newBuilder().setSeq(seq).setStreamId("s1").setSymbol(symbol).setPriceE8(price)
                .setVolumeE8(5).setLiquidityE8(7).setEventTimeMs(1_000 + seq).setIngestTimeMs(1_001 + seq).build();
    }
}
