package memesnipe.risk.engine;

import memesnipe.model.Decision;
import memesnipe.model.DenyReason;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
import memesnipe.model.Tier;
import memesnipe.model.Verdict;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A token flagged as a rug risk: risk flattens every strategy's position in it and denies entries in it. */
class RiskTokenFlagTest {
    static final long T0 = 1_700_000_000_000L;
    static final long USD = Fixed.ONE;
    static final TokenRisk RUG = new TokenRisk("BONK", T0, false, 1_500, 3_500);
    long now = T0;
    long fillSeq;
    int ids;
    RiskEngine engine;

    @BeforeEach
    void setUp() {
        engine = new RiskEngine(RiskLimits.defaults(), BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(),
                10_000 * USD, now, t -> { });
        engine.onTick("SOL", 100 * USD, now, now);
        engine.onTick("BONK", USD / 1000, now, now);
    }

    private Decision enter(String strategy, String symbol) {
        return engine.submit(new Intent("e" + ++ids, strategy, symbol, Side.BUY, Purpose.ENTRY, 100 * USD, 100 * USD, 1,
                T0, 0, 0, 0), now);
    }

    private Decision exit(String strategy, String symbol) {
        return engine.submit(new Intent("x" + ++ids, strategy, symbol, Side.SELL, Purpose.EXIT, 0, 100 * USD, 2, T0, 0,
                0, 0), now);
    }

    private List<OrderRequest> fill(OrderRequest o) {
        return engine.onFill(new FillEvent("", ++fillSeq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), o.qtyE8(),
                o.referencePriceE8(), 0, now), now);
    }

    private OrderRequest held(String strategy, String symbol) {
        OrderRequest o = enter(strategy, symbol).order().orElseThrow();
        assertThat(fill(o)).isEmpty();
        return o;
    }

    @Test
    void aRugFlag_flattensTheTokenInEveryStrategy_thenDeniesEntriesWithTheFigures_andLeavesOtherTokensAlone() {
        OrderRequest momentum = held("momentum_5m", "BONK");
        OrderRequest meanRevert = held("mean_revert_1h", "BONK");
        held("momentum_5m", "SOL");

        List<OrderRequest> exits = engine.onTokenRisk(RUG, now);

        assertThat(exits).extracting(o -> o.strategy() + " " + o.symbol() + " " + o.side() + " " + o.purpose() + " "
                + o.qtyE8()).containsExactlyInAnyOrder(
                "momentum_5m BONK SELL EXIT " + momentum.qtyE8(), "mean_revert_1h BONK SELL EXIT " + meanRevert.qtyE8());
        assertThat(engine.decisionOf(RiskEngine.OWN_CALLER, exits.get(0).clientOrderId()).orElseThrow().detail())
                .isEqualTo("risk exit: token flagged: LP removed 35.00% >= 20.00% within the hour");
        assertThat(engine.onTimer(now + 1)).as("no second exit while the first are in flight").isEmpty();
        exits.forEach(this::fill);
        assertThat(engine.portfolio().qtyE8("momentum_5m", "BONK")).isZero();
        assertThat(engine.portfolio().qtyE8("mean_revert_1h", "BONK")).isZero();
        assertThat(engine.portfolio().qtyE8("momentum_5m", "SOL")).isPositive();

        now += 1_000;
        engine.onTick("BONK", USD / 1000, now, now);
        engine.onTick("SOL", 100 * USD, now, now);
        Decision denied = enter("mean_revert_1h", "BONK");
        assertThat(denied.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(denied.reason()).isEqualTo(DenyReason.TOKEN_FLAGGED);
        assertThat(denied.detail()).isEqualTo("BONK is flagged as a rug risk (LP removed 35.00% >= 20.00% within the "
                + "hour, observed 2023-11-14T22:13:20Z): no entries until 2023-11-15T22:13:20Z");
        assertThat(enter("mean_revert_1h", "SOL").approved()).as("another token is unaffected").isTrue();
    }

    @Test
    void whileTheBreakerIsCritical_theFlagStillFlattens_andAStrategysOwnExitIsApproved() {
        held("momentum_5m", "BONK");
        held("mean_revert_1h", "BONK");
        engine.trip(Tier.CRITICAL, "drill", now);

        List<OrderRequest> exits = engine.onTokenRisk(RUG, now);

        assertThat(exits).hasSize(2).allMatch(o -> o.purpose() == Purpose.EXIT && o.side() == Side.SELL);
        assertThat(enter("momentum_5m", "BONK").reason()).isEqualTo(DenyReason.BREAKER_REDUCE_ONLY);
        OrderRequest failed = exits.get(0);
        assertThat(engine.onOrderFailed(failed.clientOrderId(), now)).as("retried after a pause").isEmpty();
        Decision own = exit(failed.strategy(), "BONK");
        assertThat(own.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(own.approvedQtyE8()).isEqualTo(failed.qtyE8());
    }

    @Test
    void aFlaggedTokensExit_isNotHeldBackByTheEntryRateLimit() {
        held("momentum_5m", "BONK");
        DenyReason last = DenyReason.NONE;
        for (int i = 0; i < 50 && last != DenyReason.RATE_LIMITED; i++) {
            last = enter("strategy_" + i, "SOL").reason(); // a strategy each: no duplicate, no strategy cap
        }
        assertThat(last).isEqualTo(DenyReason.RATE_LIMITED);

        assertThat(engine.onTokenRisk(RUG, now)).singleElement().satisfies(o -> assertThat(o.purpose())
                .isEqualTo(Purpose.EXIT));
    }

    @Test
    void anEntryInFlightWhenTheFlagComes_isFlattenedWhenItFills() {
        OrderRequest inFlight = enter("momentum_5m", "BONK").order().orElseThrow();
        assertThat(engine.onTokenRisk(RUG, now)).as("nothing held yet").isEmpty();

        List<OrderRequest> exits = fill(inFlight);

        assertThat(exits).singleElement().satisfies(o -> {
            assertThat(o.purpose()).isEqualTo(Purpose.EXIT);
            assertThat(o.qtyE8()).isEqualTo(inFlight.qtyE8());
        });
    }

    @Test
    void aCalmFact_changesNothing_andAFlagEndsAfterItsHoldTime() {
        held("momentum_5m", "BONK");
        assertThat(engine.onTokenRisk(new TokenRisk("BONK", T0, true, 4_999, 1_999), now)).isEmpty();
        assertThat(enter("mean_revert_1h", "BONK").approved()).isTrue();

        List<OrderRequest> exits = engine.onTokenRisk(RUG, now);
        exits.forEach(this::fill);
        assertThat(engine.onTokenRisk(new TokenRisk("BONK", T0 + 1, false, 1_000, 0), now))
                .as("a calmer fact does not lift the flag").isEmpty();
        assertThat(enter("momentum_5m", "BONK").reason()).isEqualTo(DenyReason.TOKEN_FLAGGED);

        now = T0 + 86_400_000L;
        engine.onTick("BONK", USD / 1000, now, now);
        assertThat(enter("momentum_5m", "BONK").approved()).isTrue();
    }
}
