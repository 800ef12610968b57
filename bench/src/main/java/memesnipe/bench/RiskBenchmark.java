package memesnipe.bench;

import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.engine.RiskEngine;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;

/**
 * The risk core: a decision on an intent whose approval is filled at once (the scenario of `memesnipe bench`'s risk
 * core figure: entries and exits of four strategies in five symbols against a live book, entry rate limit off), and
 * one market tick marking a book of ten positions (breaker, limits, stops evaluated).
 */
@State(Scope.Thread)
@Warmup(iterations = 10, time = 2) // the decision path is large: C2 takes long on a busy 2-core machine
public class RiskBenchmark extends Defaults {
    private static final String[] SYMBOLS = {"SOL", "BONK", "WIF", "PEPE", "JUP"};
    private static final String[] STRATEGIES = {"s0", "s1", "s2", "s3"};
    /** Client order ids made beforehand (more than the engine remembers, so each is decided afresh). */
    private static final String[] IDS = new String[1 << 17];

    static {
        for (int k = 0; k < IDS.length; k++) {
            IDS[k] = "b" + k;
        }
    }

    private RiskEngine decisions;
    private RiskEngine ticks;
    private long now = 1_700_000_000_000L;
    private long fillSeq;
    private int i;

    @Setup
    public void setUp() {
        RiskLimits d = RiskLimits.defaults();
        RiskLimits limits = new RiskLimits(d.perTradeBps(), d.strategyCapBps(), d.symbolCapBps(), d.grossCapBps(),
                d.maxOpenPositions(), d.minNotionalE8(), d.markMaxAgeMs(), d.heldStaleMs(), 1_000_000_000, 1_000_000_000,
                d.portfolioStopBps(), d.defaultStopLossBps(), d.maxOrderNotionalE8());
        decisions = engine(limits);
        ticks = engine(limits);
        for (int k = 0; k < 10; k++) { // ten positions: two strategies in each symbol
            String id = "open" + k;
            Decision opened = ticks.submit(new Intent(id, STRATEGIES[k % 2], SYMBOLS[k % 5], Side.BUY, Purpose.ENTRY,
                    50 * Fixed.ONE, 10 * Fixed.ONE, k, now, 0, 0, 0), now);
            OrderRequest o = opened.order().orElseThrow();
            ticks.onFill(fill(o), now);
        }
    }

    private RiskEngine engine(RiskLimits limits) {
        RiskEngine e = new RiskEngine(limits, BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(),
                10_000 * Fixed.ONE, now, t -> { });
        for (String s : SYMBOLS) {
            e.onTick(s, 10 * Fixed.ONE, now, now);
        }
        return e;
    }

    private FillEvent fill(OrderRequest o) {
        return new FillEvent("", ++fillSeq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), o.qtyE8(),
                o.referencePriceE8(), 0, now);
    }

    /** One intent decided and, when approved, its order filled (as RiskBench does, without making its strings). */
    @Benchmark
    public Decision submitAndFill() {
        int k = i++;
        String symbol = SYMBOLS[k % SYMBOLS.length];
        boolean exit = (k / 20) % 2 == 1;
        Intent in = new Intent(IDS[k & (IDS.length - 1)], STRATEGIES[k / SYMBOLS.length % 4], symbol,
                exit ? Side.SELL : Side.BUY, exit ? Purpose.EXIT : Purpose.ENTRY, 50 * Fixed.ONE, 10 * Fixed.ONE, k, now,
                0, 0, 0);
        Decision d = decisions.submit(in, now);
        if (d.order().isPresent()) {
            decisions.onFill(fill(d.order().get()), now);
        }
        if (k % 1000 == 0) { // a millisecond passes, and every symbol is priced again (marks never grow stale)
            now++;
            for (String s : SYMBOLS) {
                decisions.onTick(s, 10 * Fixed.ONE, now, now);
            }
        }
        return d;
    }

    /** One market tick of one held symbol: marks it, checks stops, evaluates the breaker and every strategy. */
    @Benchmark
    public List<OrderRequest> tickOnABookOfTenPositions() {
        int k = i++;
        now += 50;
        return ticks.onTick(SYMBOLS[k % SYMBOLS.length], Prices.E8[k & Prices.MASK] / 10, now, now);
    }
}
