package memesnipe.risk.promotion;

import memesnipe.model.FillEvent;
import memesnipe.model.Side;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.Sampling;
import memesnipe.performance.promotion.Evidence;
import org.junit.jupiter.api.Test;

import static memesnipe.risk.promotion.Pipelines.T0;
import static memesnipe.risk.promotion.Pipelines.USD;
import static org.assertj.core.api.Assertions.assertThat;

class StageEvidenceTest {
    static final long MIN = 60_000;

    static FillEvent fill(String id, Side side, long price, long atMs) {
        return new FillEvent("x", 0, id, "s", "SOL", side, USD, price * USD, 0, atMs);
    }

    @Test
    void evidence_isTheTrailingWindow_curveFromItsLastPointBeforeTheStart_tradesAndFillsWithin() {
        StageEvidence e = new StageEvidence(T0, 1_000 * USD, 50 * USD, MIN, 10 * MIN);
        e.fill(fill("a", Side.BUY, 100, T0 + MIN), 20);
        e.fill(fill("b", Side.SELL, 104, T0 + 2 * MIN), 30);
        e.fill(fill("c", Side.BUY, 100, T0 + 12 * MIN), 40);
        e.fill(fill("d", Side.SELL, 97, T0 + 13 * MIN), 60);
        for (int m = 1; m <= 15; m++) {
            e.sample(T0 + m * MIN, (50 + m) * USD); // one dollar more each minute
        }

        Evidence ev = e.measure(T0 + 15 * MIN + 30_000, new MetricsConfig(new Sampling(MIN), 100, 1));

        assertThat(ev.fromMs()).as("the last point at or before 15 - 10 minutes").isEqualTo(T0 + 5 * MIN);
        assertThat(ev.toMs()).isEqualTo(T0 + 15 * MIN + 30_000);
        assertThat(ev.periods()).isEqualTo(10);
        assertThat(ev.trades()).as("only the round trip that closed in the window").isOne();
        assertThat(ev.wins()).isZero();
        assertThat(ev.latencySamples()).isEqualTo(2);
        assertThat(ev.latencyTotalMs()).isEqualTo(100);
        assertThat(ev.maxDrawdown()).isEqualTo(memesnipe.performance.Figure.of(0));
        assertThat(e.measure(T0 + 15 * MIN, new MetricsConfig(new Sampling(MIN), 100, 1)).fromMs())
                .isEqualTo(T0 + 5 * MIN);
    }
}
