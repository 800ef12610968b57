package memesnipe.risk.limits;

import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.model.Decision;
import memesnipe.model.DenyReason;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.Purpose;
import memesnipe.risk.engine.RiskEngine;
import memesnipe.model.Side;
import memesnipe.model.Verdict;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Sizing caps at, just below and just above each limit (equity 10 000 USD, price 1 USD). */
class CapsThresholdTest {
    static final long T0 = 1_700_000_000_000L;
    static final long USD = Fixed.ONE;

    static RiskEngine engine() {
        RiskEngine e = new RiskEngine(RiskLimits.defaults(), BreakerThresholds.defaults(),
                ExecutionQuality.Limits.defaults(), 10_000 * USD, T0, t -> { });
        e.onTick("X", USD, T0, T0);
        e.onTick("Y", USD, T0, T0);
        return e;
    }

    static Intent entry(String id, String symbol, long notionalE8) {
        return new Intent(id, "s", symbol, Side.BUY, Purpose.ENTRY, notionalE8, USD, 0, T0, 0, 0, 0);
    }

    @ParameterizedTest(name = "per-trade: ask {0} e8 -> {1}")
    @CsvSource({"19999999999, APPROVED", "20000000000, APPROVED", "20000000001, RESIZED"})
    void perTradeCapOfTwoPercent(long askE8, Verdict expected) {
        Decision d = engine().submit(entry("a", "X", askE8), T0);
        assertThat(d.verdict()).isEqualTo(expected);
        assertThat(d.approvedNotionalE8()).isLessThanOrEqualTo(200 * USD);
        if (expected == Verdict.RESIZED) {
            assertThat(d.reason()).isEqualTo(DenyReason.PER_TRADE_CAP);
        }
    }

    @ParameterizedTest(name = "strategy cap: holding {0} USD, ask 200 -> {1} {2}")
    @CsvSource({"799, APPROVED, 200", "800, APPROVED, 200", "801, RESIZED, 199", "1000, DENIED, 0"})
    void strategyCapOfTenPercent(long heldUsd, Verdict expected, long approvedUsd) {
        RiskEngine e = engine();
        e.onFill(new FillEvent("", 1, "h", "s", "Y", Side.BUY, heldUsd * USD, USD, 0, T0), T0);
        // the fill moved cash into Y; equity is unchanged at 10 000
        Decision d = e.submit(entry("a", "X", 200 * USD), T0);
        assertThat(d.verdict()).isEqualTo(expected);
        assertThat(d.approvedNotionalE8()).isEqualTo(approvedUsd * USD);
        if (expected != Verdict.APPROVED) {
            assertThat(d.reason()).isEqualTo(DenyReason.STRATEGY_CAP);
        }
    }
}
