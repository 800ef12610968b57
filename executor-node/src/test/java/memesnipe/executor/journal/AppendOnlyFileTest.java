package memesnipe.executor.journal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import memesnipe.executor.order.OrderBook.State;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.Fill;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fsync'd append-only file under the write-ahead journal and the venue record, and the journal's codec. */
class AppendOnlyFileTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    AppendOnlyFile open(Path file, List<String> read) throws Exception {
        return await(vertx.getOrCreateContext().<Void>executeBlocking(() -> null)
                .compose(v -> AppendOnlyFile.open(vertx, file, read::add)));
    }

    @Test
    void appends_concurrentlyQueued_areGroupCommitted_andReadBackInOrder() throws Exception {
        Path file = Files.createTempDirectory("aof").resolve("sub/wal.log");
        AppendOnlyFile f = open(file, new ArrayList<>());
        List<Future<Void>> all = new ArrayList<>();
        vertx.runOnContext(v -> {
            for (int i = 0; i < 200; i++) {
                synchronized (all) {
                    all.add(f.append(List.of("r" + i)));
                }
            }
        });
        AppendOnlyFileTest.awaitCondition(() -> {
            synchronized (all) {
                return all.size() == 200 && all.stream().allMatch(Future::isComplete);
            }
        });
        assertThat(f.syncs()).as("fsyncs shared by appends that queued together").isLessThan(200);
        await(f.close());
        List<String> read = Collections.synchronizedList(new ArrayList<>());
        AppendOnlyFile again = open(file, read);
        assertThat(read).hasSize(200);
        assertThat(read.get(0)).isEqualTo("r0");
        assertThat(read.get(199)).isEqualTo("r199");
        assertThat(again.records()).isEqualTo(200);
    }

    @Test
    void truncate_emptiesTheFile_durably() throws Exception {
        Path file = Files.createTempDirectory("aof").resolve("wal.log");
        AppendOnlyFile f = open(file, new ArrayList<>());
        await(f.append(List.of("a", "b")));
        await(f.truncate());
        await(f.append(List.of("c")));
        await(f.close());
        List<String> read = new ArrayList<>();
        open(file, read);
        assertThat(read).containsExactly("c");
    }

    @Test
    void damagedTail_isCut_butEverythingBeforeItIsKept() throws Exception {
        Path file = Files.createTempDirectory("aof").resolve("wal.log");
        AppendOnlyFile f = open(file, new ArrayList<>());
        await(f.append(List.of("one", "two")));
        await(f.close());
        Files.writeString(file, "00000000 three\nfour-without-newline", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<String> read = new ArrayList<>();
        AppendOnlyFile again = open(file, read);
        assertThat(read).containsExactly("one", "two");
        await(again.append(List.of("five")));
        await(again.close());
        List<String> reread = new ArrayList<>();
        open(file, reread);
        assertThat(reread).containsExactly("one", "two", "five");
    }

    @Test
    void aFileInUse_cannotBeOpenedTwice() throws Exception {
        Path file = Files.createTempDirectory("aof").resolve("wal.log");
        open(file, new ArrayList<>());
        assertThatThrownBy(() -> open(file, new ArrayList<>())).hasMessageContaining("in use");
    }

    @Test
    void recordWithALineBreak_isRefused() throws Exception {
        AppendOnlyFile f = open(Files.createTempDirectory("aof").resolve("wal.log"), new ArrayList<>());
        assertThatThrownBy(() -> await(f.append(List.of("a\nb")))).hasMessageContaining("one line");
    }

    @Test
    void walCodec_roundTripsEveryStep() {
        ApprovedOrder order = ApprovedOrder.newBuilder().setClientOrderId("c-1").setStrategy("momentum \"5m\"\n")
                .setSymbol("SOL").setSide(Side.SELL).setPurpose(OrderPurpose.EXIT).setQtyE8(123).setReferencePriceE8(456)
                .setVenue("paper").setDecisionSeq(7).setDecisionIngestTimeMs(8).setApprovedTimeMs(9).build();
        Fill fill = Fill.newBuilder().setSeq(42).setClientOrderId("c-1").setStrategy("s").setSymbol("SOL").setSide(Side.SELL)
                .setPurpose(OrderPurpose.EXIT).setQtyE8(123).setPriceE8(456).setFeeE8(1).setVenue("paper").setKeyId("k")
                .setSignature("c2ln").setFillTimeMs(10).setDecisionSeq(7).setDecisionIngestTimeMs(8).setLogId("log").build();
        List<LedgerOp> ops = List.of(new LedgerOp.Received(order, 1), new LedgerOp.Signed("c-1", "k", "c2ln", 2),
                new LedgerOp.Sent("c-1", 3), new LedgerOp.Filled(fill, 4),
                new LedgerOp.Finished("c-2", State.CANCELLED, "CANCELLED: not at venue", 5));
        for (LedgerOp op : ops) {
            String line = WalCodec.encode(op);
            assertThat(line).doesNotContain("\n");
            assertThat(WalCodec.decode(line)).isEqualTo(op);
        }
        assertThatThrownBy(() -> WalCodec.decode("{\"op\":\"nope\",\"id\":\"x\"}")).hasMessageContaining("unknown op");
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }
}
