package memesnipe.risk;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import memesnipe.kit.testing.WireFuzz;
import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.model.Decision;
import memesnipe.model.Intent;
import memesnipe.risk.engine.RiskEngine;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import memesnipe.v1.OrderIntent;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Risk/Submit from the wire to the decision: whatever fields arrive (any text, any number, unknown enum values), the
 * intent has listed problems (INVALID_ARGUMENT, one line each), or a decision — typed, even for amounts that do not
 * fit — that goes back over the wire. Never an exception, never an approval beyond the per-trade cap. Runs over the
 * committed corpus in the normal suite; JAZZER_FUZZ=1 fuzzes for real.
 */
class IntentFuzzTest {
    static final long NOW = 1_700_000_000_000L;

    @FuzzTest(maxDuration = "30s")
    void anyIntent_isInvalidOrDecided_neverThrows(FuzzedDataProvider data) {
        RiskEngine engine = new RiskEngine(RiskLimits.defaults(), BreakerThresholds.defaults(),
                ExecutionQuality.Limits.defaults(), 10_000 * Fixed.ONE, NOW, t -> { });
        engine.onTick("SOL", data.consumeLong(1, Long.MAX_VALUE), NOW, NOW);
        engine.onTick("PEPE", data.consumeLong(1, 10_000), NOW, NOW);
        OrderIntent wire = OrderIntent.newBuilder().setClientOrderId(WireFuzz.text(data, 70))
                .setStrategy(WireFuzz.text(data, 70)).setSymbol(data.consumeBoolean() ? "SOL" : WireFuzz.text(data, 30))
                .setSideValue(data.consumeInt(-1, 3)).setPurposeValue(data.consumeInt(-1, 3))
                .setNotionalE8(WireFuzz.amount(data)).setDecisionPriceE8(WireFuzz.amount(data))
                .setDecisionSeq(data.consumeLong()).setDecisionIngestTimeMs(data.consumeLong())
                .setStopLossBps(data.consumeInt()).setTakeProfitBps(data.consumeInt())
                .setTrailingStopBps(data.consumeInt()).setLotExponent(data.consumeInt(-1, 20)).build();
        Intent intent = Wire.intent(wire);
        List<String> problems = intent.problems();
        if (!problems.isEmpty()) {
            assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContain("\n", "\r"));
            return;
        }
        Decision d = engine.submit("CN=strategy", intent, NOW);
        assertThat(Wire.decision(d).getDetail()).doesNotContain("\n", "\r").hasSizeLessThan(2_000);
        if (d.approved()) {
            assertThat(d.approvedNotionalE8()).isLessThanOrEqualTo(200 * Fixed.ONE); // 2 % of 10,000 USD
        }
    }
}
