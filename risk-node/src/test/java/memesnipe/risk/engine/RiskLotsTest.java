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
import memesnipe.model.money.Lot;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.model.Tier;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens priced far below 1e-8 USD, traded in lots of 10^k units: exact sizes, and no lot ever mistaken for another. */
class RiskLotsTest {
    static final long T0 = 1_700_000_000_000L;
    static final long USD = Fixed.ONE;
    static final String MICRO = "BABYDOGE";
    static final int LOT = 9;
    /** 3e-11 USD a token: 0.03 USD per lot of 10^9 tokens. */
    static final long MICRO_LOT_E8 = Lot.priceE8(3e-11, LOT);
    long now = T0;
    long fillSeq;

    RiskEngine engine(RiskLimits limits, long capitalUsd) {
        return new RiskEngine(limits, BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(),
                capitalUsd * USD, now, t -> { });
    }

    static Intent entry(String id, String symbol, long notionalE8, long priceE8, int lot) {
        return new Intent(id, "momentum_5m", symbol, Side.BUY, Purpose.ENTRY, notionalE8, priceE8, 1, T0, 0, 0, 0, lot);
    }

    static Intent exit(String id, String symbol, long priceE8, int lot) {
        return new Intent(id, "momentum_5m", symbol, Side.SELL, Purpose.EXIT, 0, priceE8, 2, T0, 0, 0, 0, lot);
    }

    FillEvent fillOf(OrderRequest o, long priceE8) {
        return new FillEvent("", ++fillSeq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), o.qtyE8(), priceE8, 0,
                now, o.lotExponent());
    }

    @Test
    void millionDollarBuysOfATokenAt3e11Usd_areSizedAndValuedExactly_inLots() {
        assertThat(MICRO_LOT_E8).isEqualTo(3_000_000L);
        assertThat(Lot.priceE8(3e-11, 0)).isZero(); // in single units it could not be priced at all
        RiskEngine e = engine(RiskAmountsTest.wide(Long.MAX_VALUE), 10_000_000);
        e.onTick(MICRO, MICRO_LOT_E8, LOT, now, now);
        for (String id : new String[]{"b1", "b2"}) {
            Decision d = e.submit(entry(id, MICRO, 1_000_000 * USD, MICRO_LOT_E8, LOT), now);
            assertThat(d.verdict()).as(d.detail()).isEqualTo(Verdict.APPROVED);
            OrderRequest o = d.order().orElseThrow();
            assertThat(o.lotExponent()).isEqualTo(LOT);
            assertThat(o.qtyE8()).isEqualTo(3_333_333_333_333_333L); // 33,333,333.33 lots = 3.3e16 tokens
            e.onFill(fillOf(o, MICRO_LOT_E8), now);
        }
        assertThat(e.portfolio().qtyE8("momentum_5m", MICRO)).isEqualTo(6_666_666_666_666_666L);
        assertThat(Lot.units(e.portfolio().qtyE8("momentum_5m", MICRO), LOT).toBigInteger())
                .hasToString("66666666666666660"); // 6.7e16 tokens, beyond a long at scale 1e8 as single units
        assertThat(e.portfolio().symbolExposureE8(MICRO)).isEqualTo(2_000_000 * USD - 1); // 2 M USD less 1e-8 of rounding dust
        assertThat(e.breaker().tier()).isEqualTo(Tier.NORMAL);
    }

    @Test
    void twoMillionDollarPepeBuys_thatOverflowInSingleUnits_fitInLotsOfAMillion() {
        long pepeLotE8 = Lot.priceE8(0.00001204, 6); // 12.04 USD per million PEPE
        RiskEngine e = engine(RiskAmountsTest.wide(Long.MAX_VALUE), 10_000_000);
        e.onTick("PEPE", pepeLotE8, 6, now, now);
        for (String id : new String[]{"p1", "p2"}) {
            Decision d = e.submit(entry(id, "PEPE", 1_000_000 * USD, pepeLotE8, 6), now);
            assertThat(d.verdict()).as(d.detail()).isEqualTo(Verdict.APPROVED);
            e.onFill(fillOf(d.order().orElseThrow(), pepeLotE8), now);
        }
        assertThat(Lot.units(e.portfolio().qtyE8("momentum_5m", "PEPE"), 6).longValue())
                .isEqualTo(166_112_956_810L); // 166 bn PEPE, where single units stopped at 92 bn
    }

    @Test
    void anEntryPricedInAnotherLot_thanTheMarketData_isDeniedLotMismatch_withBothFigures() {
        RiskEngine e = engine(RiskLimits.defaults(), 10_000);
        e.onTick(MICRO, MICRO_LOT_E8, LOT, now, now);
        Decision d = e.submit(entry("m1", MICRO, 100 * USD, MICRO_LOT_E8, 0), now);
        assertThat(d.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(d.reason()).isEqualTo(DenyReason.LOT_MISMATCH);
        assertThat(d.detail()).contains("lot_exponent 0 but the market data has 9");
        assertThat(e.inFlightCount()).isZero();
    }

    @Test
    void whileAPositionIsOpen_marksOfAnotherLotAreRefused_andItsExitStillGoesOutInItsOwnLot() {
        RiskEngine e = engine(RiskLimits.defaults(), 10_000);
        e.onTick(MICRO, MICRO_LOT_E8, LOT, now, now);
        Decision d = e.submit(entry("m1", MICRO, 100 * USD, MICRO_LOT_E8, LOT), now);
        e.onFill(fillOf(d.order().orElseThrow(), MICRO_LOT_E8), now);
        long value = e.portfolio().symbolExposureE8(MICRO);

        now += 1_000;
        e.onTick(MICRO, Lot.priceE8(3e-11, 12), 12, now, now); // an operator changed the lot: 30 USD per lot
        assertThat(e.portfolio().lotMismatchedMarks()).isEqualTo(1);
        assertThat(e.portfolio().symbolExposureE8(MICRO)).isEqualTo(value); // not valued 1,000 times higher
        assertThat(e.portfolio().markOf(MICRO).lotExponent()).isEqualTo(LOT);

        Decision out = e.submit(exit("x1", MICRO, Lot.priceE8(3e-11, 12), 12), now);
        assertThat(out.verdict()).as(out.detail()).isEqualTo(Verdict.APPROVED); // exits are never blocked
        OrderRequest o = out.order().orElseThrow();
        assertThat(o.lotExponent()).isEqualTo(LOT);
        assertThat(o.qtyE8()).isEqualTo(e.portfolio().qtyE8("momentum_5m", MICRO));
        assertThat(o.referencePriceE8()).isEqualTo(MICRO_LOT_E8);
    }

    @Test
    void aFillInAnotherLotThanItsPosition_isNotBooked_andHoldsTheBreakerCritical() {
        RiskEngine e = engine(RiskLimits.defaults(), 10_000);
        e.onTick(MICRO, MICRO_LOT_E8, LOT, now, now);
        Decision d = e.submit(entry("m1", MICRO, 100 * USD, MICRO_LOT_E8, LOT), now);
        e.onFill(fillOf(d.order().orElseThrow(), MICRO_LOT_E8), now);
        long held = e.portfolio().qtyE8("momentum_5m", MICRO);

        e.onFill(new FillEvent("", ++fillSeq, "odd-1", "momentum_5m", MICRO, Side.BUY, Fixed.ONE, 30 * USD, 0, now, 12),
                now);
        assertThat(e.portfolio().qtyE8("momentum_5m", MICRO)).isEqualTo(held);
        assertThat(e.breaker().tier()).isEqualTo(Tier.CRITICAL);
        assertThat(e.breaker().reason()).contains("lot_exponent 12 is not the position's 9");
    }
}
