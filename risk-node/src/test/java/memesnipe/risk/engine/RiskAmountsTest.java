package memesnipe.risk.engine;

import memesnipe.model.Side;
import memesnipe.model.Purpose;
import memesnipe.model.Verdict;
import memesnipe.model.DenyReason;
import memesnipe.model.Decision;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.FillEvent;

import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.CircuitBreaker;
import memesnipe.risk.breaker.Conditions;
import memesnipe.risk.breaker.ExecQuality;
import memesnipe.model.Tier;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Amounts at realistic meme-coin sizes and at the ends of the range: exact, or a typed denial with the figures. */
class RiskAmountsTest {
    static final long T0 = 1_700_000_000_000L;
    static final long USD = Fixed.ONE;
    /** PEPE at 0.00001204 USD. */
    static final long PEPE_E8 = 1204;
    long now = T0;
    long fillSeq;

    /** Caps wide open (100 % of equity, 2 M USD per order) so only the amounts themselves can bind. */
    static RiskLimits wide(long maxOrderQtyE8) {
        RiskLimits d = RiskLimits.defaults();
        return new RiskLimits(10_000, 10_000, 10_000, 10_000, d.maxOpenPositions(), d.minNotionalE8(), d.markMaxAgeMs(),
                d.heldStaleMs(), 1000, 1000, d.portfolioStopBps(), d.defaultStopLossBps(), 2_000_000 * USD,
                maxOrderQtyE8);
    }

    RiskEngine engine(RiskLimits limits, long capitalUsd) {
        RiskEngine e = new RiskEngine(limits, BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(),
                capitalUsd * USD, now, t -> { });
        e.onTick("PEPE", PEPE_E8, now, now);
        e.onTick("SOL", 100 * USD, now, now);
        return e;
    }

    static Intent entry(String id, String symbol, long notionalE8) {
        return new Intent(id, "momentum_5m", symbol, Side.BUY, Purpose.ENTRY, notionalE8, 100 * USD, 1, T0, 0, 0, 0);
    }

    static Intent exit(String id, String symbol) {
        return new Intent(id, "momentum_5m", symbol, Side.SELL, Purpose.EXIT, 0, 100 * USD, 2, T0, 0, 0, 0);
    }

    FillEvent fillOf(OrderRequest o, long priceE8) {
        return new FillEvent("", ++fillSeq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), o.qtyE8(), priceE8, 0,
                now);
    }

    @Test
    void entryInWarning_withANotionalNearTheLongLimit_isResizedToThePerTradeCap_notDeniedAsBelowMinimum() {
        RiskEngine e = engine(RiskLimits.defaults(), 10_000);
        e.trip(Tier.WARNING, "operator", now);
        assertThat(e.breaker().sizeMultiplierPct()).isEqualTo(50);
        Decision d = e.submit(entry("w1", "SOL", Long.MAX_VALUE), now);
        assertThat(d.verdict()).isEqualTo(Verdict.RESIZED);
        assertThat(d.reason()).isEqualTo(DenyReason.PER_TRADE_CAP);
        assertThat(d.approvedNotionalE8()).isEqualTo(200 * USD); // 2 % of 10,000
    }

    @Test
    void twoMillionDollarPepeBuys_whosePositionWouldNotFitALong_secondIsDeniedAmountOutOfRange_positionStaysPositive() {
        RiskEngine e = engine(wide(Long.MAX_VALUE), 10_000_000);
        Decision first = e.submit(entry("p1", "PEPE", 1_000_000 * USD), now);
        assertThat(first.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(first.approvedQtyE8()).isEqualTo(8_305_647_840_531_561_461L); // 83,056,478,405 PEPE
        e.onFill(fillOf(first.order().orElseThrow(), PEPE_E8), now);

        Decision second = e.submit(entry("p2", "PEPE", 1_000_000 * USD), now);
        assertThat(second.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(second.reason()).isEqualTo(DenyReason.AMOUNT_OUT_OF_RANGE);
        assertThat(second.detail()).contains("83056478405.31561461 + 83056478405.31561461 = 166112956810.63122922")
                .contains("does not fit");
        assertThat(e.portfolio().qtyE8("momentum_5m", "PEPE")).isEqualTo(8_305_647_840_531_561_461L);
        assertThat(e.inFlightCount()).isZero();
    }

    @Test
    void entryOfOnePointTwoMillionDollarsOfPepe_whoseQuantityDoesNotFitALong_isResizedToTheQuantityCap() {
        RiskEngine e = engine(wide(Fixed.parse("10000000000")), 10_000_000);
        Decision d = e.submit(entry("p1", "PEPE", 1_200_000 * USD), now); // 99.7 billion PEPE: beyond a long at e8
        assertThat(d.verdict()).isEqualTo(Verdict.RESIZED);
        assertThat(d.reason()).isEqualTo(DenyReason.ORDER_QTY_CAP);
        assertThat(d.approvedQtyE8()).isEqualTo(Fixed.parse("10000000000"));
        assertThat(d.approvedNotionalE8()).isEqualTo(120_400 * USD);
        assertThat(d.detail()).contains("quantity cap 10000000000");
    }

    @Test
    void exitOfAPositionLargerThanTheQuantityCap_goesInPiecesOfAtMostTheCap() {
        RiskEngine e = engine(wide(Fixed.parse("10000000000")), 10_000_000);
        OrderRequest buy = new OrderRequest("b1", "momentum_5m", "PEPE", Side.BUY, Purpose.ENTRY,
                Fixed.parse("25000000000"), PEPE_E8, 0, 0, now);
        e.onFill(fillOf(buy, PEPE_E8), now); // a position of 25 billion PEPE (about 301,000 USD)
        Decision d = e.submit(exit("x1", "PEPE"), now);
        assertThat(d.approved()).isTrue();
        assertThat(d.approvedQtyE8()).isEqualTo(Fixed.parse("10000000000"));
    }

    @Test
    void fillThatWouldOverflowThePosition_isNotBooked_andHoldsTheBreakerAtCriticalWithTheFigures() {
        RiskEngine e = engine(wide(Long.MAX_VALUE), 10_000_000);
        OrderRequest huge = new OrderRequest("f1", "momentum_5m", "PEPE", Side.BUY, Purpose.ENTRY,
                8_000_000_000_000_000_000L, PEPE_E8, 0, 0, now);
        e.onFill(fillOf(huge, PEPE_E8), now);
        long cashAfterFirst = e.portfolio().cashE8();
        e.onFill(fillOf(new OrderRequest("f2", "momentum_5m", "PEPE", Side.BUY, Purpose.ENTRY,
                8_000_000_000_000_000_000L, PEPE_E8, 0, 0, now), PEPE_E8), now);

        assertThat(e.portfolio().qtyE8("momentum_5m", "PEPE")).isEqualTo(8_000_000_000_000_000_000L);
        assertThat(e.portfolio().cashE8()).isEqualTo(cashAfterFirst);
        assertThat(e.portfolio().fillCount()).isEqualTo(1);
        assertThat(e.breaker().tier()).isEqualTo(Tier.CRITICAL);
        assertThat(e.breaker().reason()).contains("fill f2").contains("cannot be booked")
                .contains("80000000000 + 80000000000 = 160000000000");
        assertThat(e.submit(exit("x1", "PEPE"), now).approved()).as("exits still go").isTrue();
    }

    @Test
    void tickAtAnAbsurdPrice_whoseValuationDoesNotFit_holdsTheBreakerAtCritical_exitsStillGo_andNothingThrows() {
        RiskEngine e = engine(wide(Long.MAX_VALUE), 10_000_000);
        Decision d = e.submit(entry("p1", "PEPE", 1_000_000 * USD), now);
        e.onFill(fillOf(d.order().orElseThrow(), PEPE_E8), now);
        long equityBefore = e.equityE8();

        now += 100;
        e.onTick("PEPE", 1_000_000 * USD, now, now); // 83 billion PEPE at 1 M USD each
        assertThat(e.breaker().tier()).isEqualTo(Tier.CRITICAL);
        assertThat(e.breaker().reason()).contains("amount out of range").contains("does not fit");
        assertThat(e.equityE8()).as("the last equity that fit").isEqualTo(equityBefore);
        e.onTimer(now + 10);
        assertThat(e.submit(entry("s1", "SOL", 100 * USD), now).verdict()).isEqualTo(Verdict.DENIED);
        Decision x = e.submit(exit("x1", "PEPE"), now);
        assertThat(x.approved()).isTrue();
        assertThat(x.approvedNotionalE8()).isLessThanOrEqualTo(2_000_000 * USD);
    }

    @Test
    void fillFarAboveItsReferencePrice_countsAsSaturatedSlippage_notAWrappedNumber() {
        RiskEngine e = engine(RiskLimits.defaults(), 10_000);
        Decision d = e.submit(entry("s1", "SOL", 100 * USD), now);
        OrderRequest o = d.order().orElseThrow();
        e.onFill(new FillEvent("", 1, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), 1, Long.MAX_VALUE, 0, now),
                now);
        assertThat(e.quality().samples()).last().extracting(ExecutionQuality.Sample::slippageBps)
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(RiskEngine.slippageBps(Long.MIN_VALUE, 1)).isEqualTo(-Integer.MAX_VALUE);
        assertThat(RiskEngine.slippageBps(101 * USD, 100 * USD)).isEqualTo(100);
    }

    @Test
    void slippageBps_isTheExactTruncatedQuotient_saturated_overAnyPrices() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 5, -Long.MAX_VALUE / 10_000, Long.MAX_VALUE / 10_000, -1, 0, 1,
                USD, 100 * USD, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (int i = 0; i < 200_000; i++) {
            long fill = i < 121 ? edges[i % 11] : rnd.nextInt(3) == 0 ? edges[rnd.nextInt(11)] + rnd.nextInt(-3, 4)
                    : rnd.nextLong() >> rnd.nextInt(64);
            long ref = i < 121 ? edges[i / 11] : rnd.nextBoolean() ? edges[rnd.nextInt(11)] : rnd.nextLong() >> rnd.nextInt(64);
            java.math.BigInteger exact = ref <= 0 ? java.math.BigInteger.ZERO : java.math.BigInteger.valueOf(fill)
                    .subtract(java.math.BigInteger.valueOf(ref)).multiply(java.math.BigInteger.valueOf(10_000))
                    .divide(java.math.BigInteger.valueOf(ref)).max(java.math.BigInteger.valueOf(-Integer.MAX_VALUE))
                    .min(java.math.BigInteger.valueOf(Integer.MAX_VALUE));
            assertThat(RiskEngine.slippageBps(fill, ref)).as("fill %d ref %d", fill, ref).isEqualTo(exact.intValue());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void emergencyFlatten_ofAHugePositionAtAnAbsurdPrice_sendsABoundedNumberOfPieces_andTheRestAsTheyFill() {
        RiskEngine e = engine(RiskLimits.defaults(), 10_000);
        OrderRequest buy = new OrderRequest("b1", "momentum_5m", "PEPE", Side.BUY, Purpose.ENTRY,
                Fixed.parse("10000000000"), PEPE_E8, 0, 0, now);
        e.onFill(fillOf(buy, PEPE_E8), now);
        now += 10;
        e.onTick("PEPE", Long.MAX_VALUE, now, now); // one unit of e8 is then the largest piece: 10^18 pieces
        java.util.List<OrderRequest> pieces = e.trip(Tier.EMERGENCY, "operator", now);
        assertThat(pieces).hasSize(RiskEngine.MAX_EXIT_PIECES_IN_FLIGHT).allMatch(o -> o.qtyE8() == 1);
        assertThat(e.onTimer(now + 1)).as("no more while they are in flight").isEmpty();
        java.util.List<OrderRequest> next = e.onFill(fillOf(pieces.get(0), Long.MAX_VALUE), now + 2);
        assertThat(next).as("one piece filled: one more follows").hasSize(1);
        assertThat(e.inFlightCount()).isEqualTo(RiskEngine.MAX_EXIT_PIECES_IN_FLIGHT);
    }

    @Test
    void equityFarBelowZero_raisesEmergency_notAWrappedNegativeLoss() {
        CircuitBreaker b = new CircuitBreaker(BreakerThresholds.defaults(), 10_000 * USD, T0);
        b.evaluate(Long.MIN_VALUE, new Conditions(false, ExecQuality.OK), T0);
        assertThat(b.tier()).isEqualTo(Tier.EMERGENCY);
        assertThat(b.drawdownBps()).isEqualTo(Integer.MAX_VALUE);
    }
}
