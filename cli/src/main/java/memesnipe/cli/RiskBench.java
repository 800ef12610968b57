package memesnipe.cli;

import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.model.money.Fixed;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.risk.engine.RiskEngine;
import memesnipe.model.Side;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.RiskDecision;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Risk decision throughput through the pure core, and Submit latency through a running risk node. */
final class RiskBench {
    private static final String[] SYMBOLS = {"SOL", "BONK", "WIF", "PEPE", "JUP"};
    /** The strategy name the gRPC run submits as (the bench cluster's risk node lists it). */
    static final String STRATEGY = "bench";

    private RiskBench() {
    }

    /**
     * Entries and exits against a live book (each approval is filled at once), on one thread: a pass of n decisions to
     * let the JIT compile the core, then the measured pass of n on a fresh engine.
     */
    static void core(int n) {
        pass(n);
        double[] f = pass(n);
        System.out.printf("risk core: %,d decisions (%,.0f approved and filled) in %.2f s = %,.0f decisions/s on one "
                + "thread (after a warm-up pass of as many)%n", n, f[0], f[1], n / f[1]);
    }

    /** One pass: the approvals and the seconds it took. */
    private static double[] pass(int n) {
        long now = 1_700_000_000_000L;
        RiskLimits d = RiskLimits.defaults();
        RiskLimits limits = new RiskLimits(d.perTradeBps(), d.strategyCapBps(), d.symbolCapBps(), d.grossCapBps(),
                d.maxOpenPositions(), d.minNotionalE8(), d.markMaxAgeMs(), d.heldStaleMs(), 1_000_000_000, 1_000_000_000,
                d.portfolioStopBps(), d.defaultStopLossBps(), d.maxOrderNotionalE8());
        RiskEngine engine = new RiskEngine(limits, BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(),
                10_000 * Fixed.ONE, now, t -> { });
        for (String s : SYMBOLS) {
            engine.onTick(s, 10 * Fixed.ONE, now, now);
        }
        long seq = 0;
        long approved = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String symbol = SYMBOLS[i % SYMBOLS.length];
            String strategy = "s" + (i / SYMBOLS.length % 4);
            boolean exit = (i / 20) % 2 == 1;
            Intent in = new Intent("b" + i, strategy, symbol, exit ? Side.SELL : Side.BUY, exit ? Purpose.EXIT : Purpose.ENTRY,
                    50 * Fixed.ONE, 10 * Fixed.ONE, i, now, 0, 0, 0);
            var decision = engine.submit(in, now);
            if (decision.order().isPresent()) {
                approved++;
                OrderRequest o = decision.order().get();
                engine.onFill(new FillEvent("", ++seq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), o.qtyE8(),
                        o.referencePriceE8(), 0, now), now);
            }
            if (i % 1000 == 0) { // a millisecond passes, and every symbol is priced again (marks never grow stale)
                now += 1;
                for (String s : SYMBOLS) {
                    engine.onTick(s, 10 * Fixed.ONE, now, now);
                }
            }
        }
        return new double[] {approved, (System.nanoTime() - start) / 1e9};
    }

    /**
     * Sequential Risk.Submit calls to a running risk node over gRPC + TLS, then the same calls to a raw grpc-java unary
     * echo (with risk's TLS files, answering a decision of the same size), from the same grpc-java client.
     */
    static void overGrpc(io.grpc.ManagedChannel risk, Path certs, int n) throws Exception {
        Histogram node = new Histogram(10_000_000_000L, 3);
        RiskDecision answer = null;
        for (int i = 0; i < n + 200; i++) {
            long t0 = System.nanoTime();
            answer = RawGrpc.call(risk, RawGrpc.SUBMIT, intent(i));
            if (i >= 200) { // the first 200 are warm-up
                node.recordValue(System.nanoTime() - t0);
            }
        }
        io.grpc.Server echo = RawGrpc.start(TlsFiles.inDir(certs, NodeName.RISK), seq -> null, answer);
        Histogram raw = new Histogram(10_000_000_000L, 3);
        io.grpc.ManagedChannel channel = RawGrpc.channel(new HostPort("127.0.0.1", echo.getPort()),
                TlsFiles.inDir(certs, NodeName.STRATEGY));
        try {
            for (int i = 0; i < n + 200; i++) {
                long t0 = System.nanoTime();
                RawGrpc.call(channel, RawGrpc.ECHO, intent(i));
                if (i >= 200) {
                    raw.recordValue(System.nanoTime() - t0);
                }
            }
        } finally {
            RawGrpc.close(channel);
            echo.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        System.out.printf("Risk.Submit over gRPC+TLS, %,d sequential calls: %s; raw grpc-java unary echo of the same "
                        + "messages: %s; ratio p50 %.2f, p99 %.2f%n", node.getTotalCount(), nanos(node), nanos(raw),
                (double) node.getValueAtPercentile(50) / raw.getValueAtPercentile(50),
                (double) node.getValueAtPercentile(99) / raw.getValueAtPercentile(99));
    }

    private static OrderIntent intent(int i) {
        return OrderIntent.newBuilder().setClientOrderId("bench-" + System.nanoTime() + "-" + i)
                .setStrategy(STRATEGY).setSymbol(SYMBOLS[i % SYMBOLS.length]).setSide(memesnipe.v1.Side.BUY)
                .setPurpose(OrderPurpose.ENTRY).setNotionalE8(Fixed.ONE).setDecisionPriceE8(Fixed.ONE).build();
    }

    private static String nanos(Histogram h) {
        return String.format("p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }
}
