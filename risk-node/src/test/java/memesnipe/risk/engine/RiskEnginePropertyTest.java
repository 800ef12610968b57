package memesnipe.risk.engine;

import memesnipe.model.Side;
import memesnipe.model.Purpose;
import memesnipe.model.Decision;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.FillEvent;

import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.model.Tier;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.portfolio.Position;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over thousands of random sequences of intents, fills, ticks and trips: no risk-increasing order is
 * approved in CRITICAL or EMERGENCY, every exit for a held position is approved, and no cap is exceeded.
 */
class RiskEnginePropertyTest {
    static final long USD = Fixed.ONE;
    static final String[] SYMBOLS = {"SOL", "BONK", "WIF"};
    static final String[] STRATEGIES = {"momentum_5m", "mean_revert_1h", "x"};

    @Test
    void randomSequences_neverBreakTheSafetyInvariants() {
        Random rnd = new Random(20261121);
        RiskLimits limits = RiskLimits.defaults();
        for (int run = 0; run < 2000; run++) {
            long now = 1_700_000_000_000L;
            RiskEngine e = new RiskEngine(limits, BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(),
                    10_000 * USD, now, t -> { });
            long[] price = {100 * USD, USD / 1000, 2 * USD};
            List<OrderRequest> pending = new ArrayList<>();
            long seq = 0;
            for (int step = 0; step < 60; step++) {
                now += rnd.nextInt(400);
                int action = rnd.nextInt(10);
                if (action < 4) {
                    int s = rnd.nextInt(SYMBOLS.length);
                    price[s] = Math.max(1000, price[s] + (long) (price[s] * rnd.nextGaussian() * 0.03));
                    pending.addAll(e.onTick(SYMBOLS[s], price[s], now, now));
                } else if (action < 7) {
                    String strategy = STRATEGIES[rnd.nextInt(STRATEGIES.length)];
                    String symbol = SYMBOLS[rnd.nextInt(SYMBOLS.length)];
                    boolean isExit = rnd.nextInt(3) == 0;
                    Tier tierBefore = e.breaker().tier();
                    long equityBefore = e.portfolio().equityE8();
                    long heldBefore = e.portfolio().qtyE8(strategy, symbol);
                    boolean exitPending = pending.stream().anyMatch(o -> o.purpose() == Purpose.EXIT
                            && o.strategy().equals(strategy) && o.symbol().equals(symbol));
                    Intent in = new Intent("i" + run + "-" + step, strategy, symbol, isExit ? Side.SELL : Side.BUY,
                            isExit ? Purpose.EXIT : Purpose.ENTRY, (1 + rnd.nextInt(600)) * USD, price[0], step, now, 0, 0, 0);
                    long strategyBefore = e.portfolio().exposureE8(strategy) + pendingEntries(pending, strategy, null);
                    long symbolBefore = e.portfolio().symbolExposureE8(symbol) + pendingEntries(pending, null, symbol);
                    long grossBefore = e.portfolio().grossExposureE8() + pendingEntries(pending, null, null);
                    Decision d = e.submit(in, now);
                    if (!isExit && (tierBefore == Tier.CRITICAL || tierBefore == Tier.EMERGENCY)) {
                        assertThat(d.approved()).as("entry approved in " + tierBefore).isFalse();
                    }
                    if (isExit && heldBefore > 0 && !exitPending) {
                        assertThat(d.approved()).as("exit of a held position denied: " + d.detail()).isTrue();
                    }
                    if (!isExit && d.approved()) {
                        long cap = d.approvedNotionalE8();
                        assertThat(cap).isLessThanOrEqualTo(Fixed.bps(equityBefore, limits.perTradeBps()));
                        assertThat(strategyBefore + cap).as("strategy cap")
                                .isLessThanOrEqualTo(Fixed.bps(equityBefore, limits.strategyCapBps()));
                        assertThat(symbolBefore + cap).as("symbol cap")
                                .isLessThanOrEqualTo(Fixed.bps(equityBefore, limits.symbolCapBps()));
                        assertThat(grossBefore + cap).as("gross cap")
                                .isLessThanOrEqualTo(Fixed.bps(equityBefore, limits.grossCapBps()));
                    }
                    d.order().ifPresent(pending::add);
                } else if (action < 9 && !pending.isEmpty()) {
                    OrderRequest o = pending.remove(rnd.nextInt(pending.size()));
                    if (rnd.nextInt(8) == 0) {
                        pending.addAll(e.onOrderFailed(o.clientOrderId(), now));
                    } else {
                        int s = List.of(SYMBOLS).indexOf(o.symbol());
                        pending.addAll(e.onFill(new FillEvent("", ++seq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(),
                                o.qtyE8(), price[s], Fixed.bps(Fixed.mul(o.qtyE8(), price[s]), 10), now), now));
                    }
                } else if (rnd.nextInt(20) == 0) {
                    pending.addAll(e.trip(rnd.nextBoolean() ? Tier.CRITICAL : Tier.EMERGENCY, "random", now));
                }
                assertCapsHold(e, limits);
            }
        }
    }

    private static long pendingEntries(List<OrderRequest> pending, String strategy, String symbol) {
        return pending.stream().filter(o -> o.purpose() == Purpose.ENTRY)
                .filter(o -> strategy == null || o.strategy().equals(strategy))
                .filter(o -> symbol == null || o.symbol().equals(symbol))
                .mapToLong(o -> Fixed.mul(o.qtyE8(), o.referencePriceE8())).sum();
    }

    private static void assertCapsHold(RiskEngine e, RiskLimits limits) {
        for (Position p : e.portfolio().positions()) {
            assertThat(p.qtyE8()).as("long only: no position below zero").isPositive();
        }
        assertThat(e.portfolio().openPositions()).isLessThanOrEqualTo(limits.maxOpenPositions());
    }
}
