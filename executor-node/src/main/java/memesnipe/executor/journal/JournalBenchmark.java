package memesnipe.executor.journal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import memesnipe.executor.order.OrderBook.State;
import memesnipe.kit.ledger.DatabaseSettings;
import memesnipe.kit.ledger.Ledger;
import memesnipe.kit.ledger.LedgerHealth;
import memesnipe.model.time.Clock;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.Fill;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the executor's journal against a real PostgreSQL (for {@code memesnipe bench}, not a test): orders
 * are journaled through every step (RECEIVED, SIGNED, SENT, then fill + FILLED) with many orders in flight, as
 * the node does; reports fills made durable per second and the latency of each durable step.
 */
public final class JournalBenchmark {
    private JournalBenchmark() {
    }

    /** Durable fills per second, and per-step latency from write to durable (ms). */
    public record Result(int fills, double fillsPerSecond, double stepP50Ms, double stepP99Ms, double batchP50Ms,
                         double batchP99Ms) {
        @Override
        public String toString() {
            return String.format("%d fills: %.0f fills/s durable; step latency p50 %.2f ms, p99 %.2f ms; "
                    + "batch commit p50 %.2f ms, p99 %.2f ms", fills, fillsPerSecond, stepP50Ms, stepP99Ms, batchP50Ms,
                    batchP99Ms);
        }
    }

    /**
     * Journals {@code fills} orders, {@code inFlight} at a time, into the executor schema of the database (which
     * should be a scratch one: the rows stay); the write-ahead file goes in walDir. Runs on a Vert.x context.
     */
    public static Future<Result> run(Vertx vertx, DatabaseSettings db, Path walDir, int fills, int inFlight) {
        List<Long> batchNs = new ArrayList<>();
        LedgerHealth health = new LedgerHealth();
        Clock clock = Clock.system();
        String run = Long.toString(System.nanoTime(), 36);
        return Ledger.open(vertx, db, "executor").compose(ledger -> {
            ExecutorLedger store = new ExecutorLedger(ledger.pool());
            return Journal.open(vertx, store, walDir.resolve("bench-wal-" + run + ".log"), clock, health, batchNs::add)
                    .compose(journal -> store.lastSeq().compose(last -> {
                        long[] stepNs = new long[fills * 4];
                        AtomicInteger steps = new AtomicInteger();
                        long[] seq = {last};
                        int[] next = {0};
                        Promise<Void> done = Promise.promise();
                        int[] finished = {0};
                        long t0 = System.nanoTime();
                        Runnable[] startOne = new Runnable[1];
                        startOne[0] = () -> {
                            if (next[0] >= fills) {
                                return;
                            }
                            String id = "bench-" + run + "-" + next[0]++;
                            ApprovedOrder o = ApprovedOrder.newBuilder().setClientOrderId(id).setStrategy("bench")
                                    .setSymbol("SOL").setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setQtyE8(1)
                                    .setReferencePriceE8(1).setVenue("paper").build();
                            timed(journal, new LedgerOp.Received(o, clock.millis()), stepNs, steps)
                                    .compose(w -> timed(journal, new LedgerOp.Signed(id, "k", "sig", clock.millis()), stepNs, steps))
                                    .compose(w -> timed(journal, new LedgerOp.Sent(id, clock.millis()), stepNs, steps))
                                    .compose(w -> timed(journal, new LedgerOp.Filled(Fill.newBuilder().setSeq(++seq[0])
                                            .setClientOrderId(id).setStrategy("bench").setSymbol("SOL").setSide(Side.BUY)
                                            .setPurpose(OrderPurpose.ENTRY).setQtyE8(1).setPriceE8(1).setVenue("paper")
                                            .setKeyId("k").setSignature("sig").setFillTimeMs(clock.millis()).build(),
                                            clock.millis()), stepNs, steps))
                                    .onComplete(ar -> {
                                        if (ar.failed()) {
                                            done.tryFail(ar.cause());
                                        } else if (++finished[0] == fills) {
                                            done.tryComplete();
                                        } else {
                                            startOne[0].run();
                                        }
                                    });
                        };
                        for (int i = 0; i < Math.min(inFlight, fills); i++) {
                            startOne[0].run();
                        }
                        return done.future().map(v -> {
                            double seconds = (System.nanoTime() - t0) / 1e9;
                            long[] s = Arrays.copyOf(stepNs, steps.get());
                            long[] b = batchNs.stream().mapToLong(Long::longValue).toArray();
                            return new Result(fills, fills / seconds, pct(s, 50), pct(s, 99), pct(b, 50), pct(b, 99));
                        }).eventually(() -> journal.close().eventually(ledger::close));
                    }));
        });
    }

    /**
     * {@code java -cp memesnipe.jar memesnipe.executor.journal.JournalBenchmark <pg-url> [fills] [in-flight]}: runs
     * against the database of pg-url (a scratch one; its executor schema gets the rows) and prints the figures.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JournalBenchmark <pg-url of a scratch database> [fills=20000] [in-flight=64]");
            System.exit(2);
        }
        DatabaseSettings db = memesnipe.kit.config.ConfigReader.validate(
                memesnipe.kit.config.Settings.empty().with(DatabaseSettings.URL_KEY, args[0]), DatabaseSettings::read);
        int fills = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Vertx vertx = Vertx.vertx();
        try {
            Path dir = java.nio.file.Files.createTempDirectory("journal-bench");
            Result r = vertx.getOrCreateContext().<Void>executeBlocking(() -> null)
                    .compose(v -> run(vertx, db, dir, fills, inFlight))
                    .await(30, java.util.concurrent.TimeUnit.MINUTES);
            System.out.println("executor journal, " + inFlight + " orders in flight: " + r);
        } finally {
            vertx.close().await(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static Future<Journal.Written> timed(Journal journal, LedgerOp op, long[] stepNs, AtomicInteger steps) {
        long t = System.nanoTime();
        return journal.write(op).onSuccess(w -> stepNs[steps.getAndIncrement()] = System.nanoTime() - t);
    }

    private static double pct(long[] ns, int p) {
        if (ns.length == 0) {
            return 0;
        }
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
