package memesnipe.risk.engine;

import memesnipe.model.Side;
import memesnipe.model.Purpose;
import memesnipe.model.DenyReason;
import memesnipe.model.Decision;
import memesnipe.model.Intent;

import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.model.Tier;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision details are shown, logged, stored and kept in memory: text a caller chose appears in them only escaped
 * and cut, so a forged log line or a 250 KB name never gets into a detail.
 */
class DecisionDetailTest {
    static final long T0 = 1_700_000_000_000L;
    static final long USD = Fixed.ONE;
    static final String FORGED = "x\n12:00:00.000 ERROR [main] m.r.RiskVerticle - FORGED LINE\u2028again";
    /** A bound comfortably above every genuine detail, far below what a caller can send. */
    static final int MAX_DETAIL = 600;
    RiskEngine engine;

    @BeforeEach
    void setUp() {
        engine = new RiskEngine(RiskLimits.defaults(), BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(),
                10_000 * USD, T0, t -> { });
        engine.onTick("SOL", 100 * USD, T0, T0);
    }

    @Test
    void exitOfAHugeForgedStrategyName_isRefusedOrDeniedWithAnEscapedBoundedDetail() {
        String huge = FORGED + "y".repeat(250_000);
        Intent exit = new Intent("x-1", huge, "SOL", Side.SELL, Purpose.EXIT, 0, 100 * USD, 1, T0, 0, 0, 0);
        assertSafe(detailOrRefusal(exit));
    }

    @Test
    void secondEntryOfAForgedStrategyName_isRefusedOrDeniedWithAnEscapedBoundedDetail() {
        String name = FORGED + "z".repeat(1_000);
        detailOrRefusal(entry("e-1", name));
        assertSafe(detailOrRefusal(entry("e-2", name)));
    }

    @Test
    void entryWhileTrippedWithAForgedReason_isDeniedWithTheReasonEscapedAndCut() {
        engine.trip(Tier.CRITICAL, FORGED + "w".repeat(250_000), T0);
        Decision d = engine.submit(entry("e-3", "momentum_5m"), T0);
        assertThat(d.reason()).isEqualTo(DenyReason.BREAKER_REDUCE_ONLY);
        assertThat(d.detail()).contains("FORGED LINE");
        assertSafe(d.detail());
        assertSafe(engine.breaker().reason());
    }

    private static Intent entry(String id, String strategy) {
        return new Intent(id, strategy, "SOL", Side.BUY, Purpose.ENTRY, 100 * USD, 100 * USD, 1, T0, 0, 0, 0);
    }

    /** The decision's detail, or the message of the refusal when the intent is refused as malformed. */
    private String detailOrRefusal(Intent intent) {
        try {
            return engine.submit(intent, T0).detail();
        } catch (IllegalArgumentException malformed) {
            return malformed.getMessage();
        }
    }

    private static void assertSafe(String text) {
        assertThat(text).hasSizeLessThan(MAX_DETAIL);
        assertThat(text.lines()).as(text).hasSize(1);
        assertThat(text).doesNotContain("\u2028", "\u2029", "\u0085");
    }
}
