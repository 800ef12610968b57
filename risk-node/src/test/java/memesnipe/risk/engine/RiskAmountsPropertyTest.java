package memesnipe.risk.engine;

import memesnipe.model.Side;
import memesnipe.model.Purpose;
import memesnipe.model.Verdict;
import memesnipe.model.DenyReason;
import memesnipe.model.Decision;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.FillEvent;

import memesnipe.model.money.AmountOverflow;
import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.model.Tier;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.portfolio.Position;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over thousands of random intents, fills and ticks with extreme amounts (the ends of the long range, values near
 * an overflow, 0, 1, negative): the engine never throws, and every booked figure equals an exact BigInteger
 * reference; a fill is refused exactly when one of its figures does not fit 64 bits, and then the breaker holds.
 */
class RiskAmountsPropertyTest {
    static final long USD = Fixed.ONE;
    static final String STRATEGY = "momentum_5m";
    static final String[] SYMBOLS = {"PEPE", "SOL"};
    static final long[] AMOUNTS = {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / 2, Long.MAX_VALUE / Fixed.ONE,
            Long.MAX_VALUE / Fixed.ONE + 1, 8_305_647_840_531_561_461L, 3_037_000_499L, 3_037_000_500L, Fixed.ONE,
            1204, 100 * USD, 1_000_000 * USD, 2, 1, 0, -1, Long.MIN_VALUE, Long.MIN_VALUE + 1};
    static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger E8 = BigInteger.valueOf(Fixed.ONE);

    static long pick(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> AMOUNTS[rnd.nextInt(AMOUNTS.length)];
            case 1 -> AMOUNTS[rnd.nextInt(AMOUNTS.length)] + rnd.nextInt(2001) - 1000;
            case 2 -> rnd.nextLong() >>> rnd.nextInt(64);
            default -> 1 + (long) rnd.nextInt(1_000_000) * rnd.nextInt(1_000_000);
        };
    }

    static long positive(Random rnd) {
        long v = pick(rnd);
        return v > 0 ? v : 1 + (v == Long.MIN_VALUE ? 0 : Math.abs(v) % 1_000_000_000L);
    }

    /** The exact state the portfolio must hold, in BigInteger. */
    static final class Reference {
        BigInteger cash;
        final Map<String, BigInteger> qty = new HashMap<>();
        final Map<String, BigInteger> cost = new HashMap<>();
        BigInteger realized = BigInteger.ZERO;

        Reference(long cash) {
            this.cash = BigInteger.valueOf(cash);
        }

        /** Applies the fill if every figure fits (returns true), else leaves the state as it was (false). */
        boolean book(FillEvent f) {
            if (f.qtyE8() <= 0 || f.priceE8() <= 0 || f.feeE8() < 0) {
                return false;
            }
            BigInteger q = BigInteger.valueOf(f.qtyE8());
            BigInteger fee = BigInteger.valueOf(f.feeE8());
            BigInteger held = qty.getOrDefault(f.symbol(), BigInteger.ZERO);
            BigInteger basis = cost.getOrDefault(f.symbol(), BigInteger.ZERO);
            BigInteger notional = q.multiply(BigInteger.valueOf(f.priceE8())).divide(E8);
            List<BigInteger> figures = new ArrayList<>(List.of(notional));
            BigInteger newCash;
            BigInteger newQty;
            BigInteger newCost;
            BigInteger newRealized;
            if (f.side() == Side.BUY) {
                BigInteger spent = notional.add(fee);
                newCash = cash.subtract(spent);
                newQty = held.add(q);
                newCost = basis.add(notional);
                newRealized = realized.subtract(fee);
                figures.addAll(List.of(spent, newCash, newQty, newCost, newRealized));
            } else {
                BigInteger sold = q.min(held);
                BigInteger soldNotional = sold.multiply(BigInteger.valueOf(f.priceE8())).divide(E8);
                BigInteger released = held.signum() == 0 ? BigInteger.ZERO
                        : sold.equals(held) ? basis : basis.multiply(sold).divide(held);
                BigInteger received = soldNotional.subtract(fee);
                BigInteger gain = soldNotional.subtract(released);
                newCash = cash.add(received);
                newQty = held.subtract(sold);
                newCost = basis.subtract(released);
                newRealized = realized.add(gain.subtract(fee));
                figures.addAll(List.of(soldNotional, released, received, newCash, newCost, gain, gain.subtract(fee),
                        newRealized));
            }
            if (figures.stream().anyMatch(v -> v.compareTo(MAX) > 0 || v.compareTo(MIN) < 0)) {
                return false;
            }
            cash = newCash;
            qty.put(f.symbol(), newQty);
            cost.put(f.symbol(), newCost);
            realized = newRealized;
            return true;
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void extremeIntentsFillsAndTicks_neverThrow_andBookedFiguresEqualTheExactReference() {
        Random rnd = new Random(20261122);
        int refused = 0;
        int booked = 0;
        int outOfRangeDenials = 0;
        for (int run = 0; run < 400; run++) {
            long now = 1_700_000_000_000L;
            long maxQty = positive(rnd);
            RiskLimits d = RiskLimits.defaults();
            RiskLimits limits = new RiskLimits(10_000, 10_000, 10_000, 10_000, d.maxOpenPositions(), d.minNotionalE8(),
                    d.markMaxAgeMs(), d.heldStaleMs(), 100_000, 100_000, d.portfolioStopBps(), d.defaultStopLossBps(),
                    Math.max(d.minNotionalE8() + 1, positive(rnd)), maxQty);
            long capital = 1 + Math.abs(rnd.nextLong() % (10_000_000_000L * USD));
            RiskEngine e = new RiskEngine(limits, BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(),
                    capital, now, t -> { });
            Reference ref = new Reference(capital);
            Map<String, Long> marks = new HashMap<>();
            List<OrderRequest> orders = new ArrayList<>();
            long seq = 0;
            for (int step = 0; step < 60; step++) {
                now += 1 + rnd.nextInt(50);
                String symbol = SYMBOLS[rnd.nextInt(SYMBOLS.length)];
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        long price = positive(rnd);
                        marks.put(symbol, price);
                        orders.addAll(e.onTick(symbol, price, now, now));
                    }
                    case 1 -> {
                        boolean exit = rnd.nextInt(3) == 0;
                        Decision dec = e.submit(new Intent("i" + run + "-" + step, STRATEGY, symbol,
                                exit ? Side.SELL : Side.BUY, exit ? Purpose.EXIT : Purpose.ENTRY, positive(rnd),
                                positive(rnd), step, now, 0, 0, 0), now);
                        if (dec.reason() == DenyReason.AMOUNT_OUT_OF_RANGE) {
                            outOfRangeDenials++;
                            assertThat(dec.verdict()).isEqualTo(Verdict.DENIED);
                            assertThat(dec.detail()).contains("does not fit");
                        }
                        dec.order().ifPresent(o -> {
                            assertThat(o.qtyE8()).isPositive().isLessThanOrEqualTo(maxQty);
                            orders.add(o);
                        });
                    }
                    default -> {
                        FillEvent fill;
                        if (!orders.isEmpty() && rnd.nextBoolean()) {
                            OrderRequest o = orders.remove(rnd.nextInt(orders.size()));
                            fill = new FillEvent("", ++seq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(),
                                    o.qtyE8(), rnd.nextBoolean() ? o.referencePriceE8() : positive(rnd),
                                    rnd.nextBoolean() ? 0 : pick(rnd), now);
                        } else {
                            fill = new FillEvent("", ++seq, "f" + run + "-" + step, STRATEGY, symbol,
                                    rnd.nextBoolean() ? Side.BUY : Side.SELL, pick(rnd), pick(rnd), pick(rnd), now);
                        }
                        long fillsBefore = e.portfolio().fillCount();
                        boolean fits = ref.book(fill);
                        orders.addAll(e.onFill(fill, now));
                        boolean wasBooked = e.portfolio().fillCount() > fillsBefore;
                        assertThat(wasBooked).as("booked exactly when every figure fits: %s", fill).isEqualTo(fits);
                        if (wasBooked) {
                            booked++;
                        } else {
                            refused++;
                            if (fill.qtyE8() > 0 && fill.priceE8() > 0 && fill.feeE8() >= 0) {
                                assertThat(e.breaker().tier().ordinal()).as("an unbookable fill holds the breaker")
                                        .isGreaterThanOrEqualTo(Tier.CRITICAL.ordinal());
                            }
                        }
                    }
                }
                assertMatchesReference(e, ref, marks);
            }
        }
        assertThat(booked).isGreaterThan(1000);
        assertThat(refused).isGreaterThan(1000);
        assertThat(outOfRangeDenials).isGreaterThan(10);
    }

    private static void assertMatchesReference(RiskEngine e, Reference ref, Map<String, Long> marks) {
        assertThat(BigInteger.valueOf(e.portfolio().cashE8())).isEqualTo(ref.cash);
        BigInteger equity = ref.cash;
        for (String symbol : SYMBOLS) {
            BigInteger q = ref.qty.getOrDefault(symbol, BigInteger.ZERO);
            Position p = e.portfolio().position(STRATEGY, symbol);
            assertThat(p == null ? BigInteger.ZERO : BigInteger.valueOf(p.qtyE8())).isEqualTo(q);
            if (p != null) {
                assertThat(p.qtyE8()).isPositive();
                assertThat(BigInteger.valueOf(p.costE8())).isEqualTo(ref.cost.get(symbol));
                Long mark = marks.get(symbol);
                equity = equity.add(mark == null ? ref.cost.get(symbol)
                        : q.multiply(BigInteger.valueOf(mark)).divide(E8));
            }
        }
        boolean fits = equity.compareTo(MAX) <= 0 && equity.compareTo(MIN) >= 0;
        try {
            long exact = e.portfolio().equityE8();
            assertThat(BigInteger.valueOf(exact)).isEqualTo(equity);
        } catch (AmountOverflow overflow) {
            // a per-position value may be what does not fit, even when the reference's total would
            assertThat(fits && positionValuesFit(e, marks)).as("overflow reported although every figure fits").isFalse();
        }
        e.equityE8(); // never throws
    }

    private static boolean positionValuesFit(RiskEngine e, Map<String, Long> marks) {
        BigInteger running = BigInteger.valueOf(e.portfolio().cashE8());
        for (Position p : e.portfolio().positions()) {
            Long mark = marks.get(p.symbol());
            BigInteger value = mark == null ? BigInteger.valueOf(p.costE8())
                    : BigInteger.valueOf(p.qtyE8()).multiply(BigInteger.valueOf(mark)).divide(E8);
            running = running.add(value);
            if (value.compareTo(MAX) > 0 || running.compareTo(MAX) > 0 || running.compareTo(MIN) < 0) {
                return false;
            }
        }
        return true;
    }
}
