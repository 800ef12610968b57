package memesnipe.cli;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import memesnipe.model.money.Fixed;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.Side;
import memesnipe.v1.Verdict;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A deterministic order load for the bench: intents at a fixed rate on a fixed schedule (never slowed down by slow
 * answers: each is sent asynchronously when it is due), as the bench's own strategy, on the latest market event of
 * each symbol (its price, sequence number and lot, so the paper venue prices it as live). Per strategy and symbol,
 * entries and exits alternate, so the book stays small and every order can fill. Records when each order was due and when it
 * was sent (System.nanoTime, and the wall clock for the per-hop times the nodes stamp in ms), by client order id,
 * for the fill stream to measure against.
 */
final class OrderLoad {
    private static final String[] SYMBOLS = {"SOL", "BONK", "WIF", "PEPE", "JUP"};
    /**
     * The strategies the load submits as (the bench cluster's risk node lists them): risk allows one order in flight
     * per strategy and symbol, so the load spreads over 100 pairs, each getting an order every 100 / rate seconds.
     */
    static final java.util.List<String> STRATEGIES = java.util.stream.IntStream.range(0, 20)
            .mapToObj(i -> String.format("bench_load_%02d", i)).toList();
    /** Entry size, USD: small beside the caps of a 10,000 USD deployment. */
    private static final long ENTRY_NOTIONAL_E8 = 20 * Fixed.ONE;

    private OrderLoad() {
    }

    /** What the load sent and how risk answered; denials by reason. */
    record Result(long sent, long approved, long denied, long failed, Map<String, Long> deniedBy) {
    }

    static Result run(ManagedChannel risk, Map<String, MarketEvent> latest, int perSecond, int seconds,
                      Map<String, Long> sentAt, Map<String, Long> dueAt, Map<String, Long> sentWallMs)
            throws InterruptedException {
        long total = (long) perSecond * seconds;
        long intervalNs = 1_000_000_000L / perSecond;
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicLong approved = new AtomicLong();
        AtomicLong denied = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<String, Long> deniedBy = new java.util.concurrent.ConcurrentSkipListMap<>();
        long start = System.nanoTime() + 10_000_000;
        long sent = 0;
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNs;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String symbol = SYMBOLS[(int) (i % SYMBOLS.length)];
            long pair = i % (SYMBOLS.length * STRATEGIES.size());
            String strategy = STRATEGIES.get((int) (pair / SYMBOLS.length));
            MarketEvent tick = latest.get(symbol);
            if (tick == null) {
                continue; // no price yet for this symbol
            }
            boolean entry = (i / (SYMBOLS.length * STRATEGIES.size())) % 2 == 0; // per pair: entry, exit, entry...
            String id = "load-" + run + "-" + i;
            OrderIntent intent = OrderIntent.newBuilder().setClientOrderId(id).setStrategy(strategy)
                    .setSymbol(symbol).setSide(entry ? Side.BUY : Side.SELL)
                    .setPurpose(entry ? OrderPurpose.ENTRY : OrderPurpose.EXIT)
                    .setNotionalE8(entry ? ENTRY_NOTIONAL_E8 : 0).setDecisionPriceE8(tick.getPriceE8())
                    .setDecisionSeq(tick.getSeq()).setDecisionIngestTimeMs(tick.getIngestTimeMs())
                    .setLotExponent(tick.getLotExponent()).build();
            dueAt.put(id, due);
            sentWallMs.put(id, System.currentTimeMillis());
            sentAt.put(id, System.nanoTime());
            sent++;
            Futures.addCallback(ClientCalls.futureUnaryCall(risk.newCall(RawGrpc.SUBMIT,
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)), intent), new FutureCallback<>() {
                @Override
                public void onSuccess(RiskDecision d) {
                    if (d.getVerdict() == Verdict.DENIED) {
                        denied.incrementAndGet();
                        deniedBy.merge(d.getReason().name(), 1L, Long::sum);
                        dueAt.remove(id);
                        sentAt.remove(id);
                        sentWallMs.remove(id);
                    } else {
                        approved.incrementAndGet();
                    }
                }

                @Override
                public void onFailure(Throwable t) {
                    failed.incrementAndGet();
                    dueAt.remove(id);
                    sentAt.remove(id);
                    sentWallMs.remove(id);
                }
            }, MoreExecutors.directExecutor());
        }
        // every answer is in (or its deadline passed) before the figures are read
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (approved.get() + denied.get() + failed.get() < sent && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return new Result(sent, approved.get(), denied.get(), failed.get(), deniedBy);
    }
}
