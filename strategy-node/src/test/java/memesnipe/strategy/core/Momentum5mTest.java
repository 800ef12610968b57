package memesnipe.strategy.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Momentum5mTest {
    private final Feed feed = new Feed(new Momentum5m(), 1_000);

    /** 20 s flat at 100, then +0.1 %/s for 20 s, then −0.2 %/s. */
    private long[] riseThenFall() {
        long[] marks = new long[3];
        for (int i = 0; i < 20; i++) {
            feed.tick("SOL", 100.0);
        }
        double p = 100.0;
        for (int k = 1; k <= 20; k++) {
            p *= 1.001;
            long seq = feed.tick("SOL", p);
            if (k == 5) {
                marks[0] = seq; // 1.001^5 = 1.00501: first tick at +0.5 % over the window
            }
        }
        for (int d = 1; d <= 10; d++) {
            p *= 0.998;
            long seq = feed.tick("SOL", p);
            if (d == 3) {
                marks[1] = seq; // 0.998^3 x 1.001^2 = 0.99599: first 5 s return <= −0.3 %
            }
        }
        return marks;
    }

    @Test
    void onTick_whenPriceRisesHalfPercentThenDrops_entersThenExitsAtTheThresholds() {
        long[] marks = riseThenFall();

        assertThat(feed.signals).hasSize(2);
        Signal enter = feed.signals.get(0);
        assertThat(enter.kind()).isEqualTo(Signal.Kind.ENTER_LONG);
        assertThat(enter.seq()).isEqualTo(marks[0]);
        assertThat(enter.strategy()).isEqualTo("momentum_5m");
        assertThat(enter.symbol()).isEqualTo("SOL");
        assertThat(enter.stopLossBps()).isEqualTo(300);
        assertThat(enter.takeProfitBps()).isEqualTo(600);
        assertThat(enter.trailingStopBps()).isEqualTo(200);
        Signal exit = feed.signals.get(1);
        assertThat(exit.kind()).isEqualTo(Signal.Kind.EXIT_LONG);
        assertThat(exit.seq()).isEqualTo(marks[1]);
    }

    @Test
    void onTick_inAFlatMarket_emitsNothing() {
        for (int i = 0; i < 900; i++) {
            feed.tick("SOL", 100.0);
            feed.tick("BONK", 0.00002);
        }
        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_beforeMinHistory_emitsNothingEvenOnAStrongRise() {
        double p = 100.0;
        for (int i = 0; i < 9; i++) {
            feed.tick("SOL", p *= 1.01);
        }
        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_whileLong_doesNotEnterAgain() {
        double p = 100.0;
        for (int i = 0; i < 120; i++) {
            feed.tick("SOL", p *= 1.002);
        }
        assertThat(feed.signals).extracting(Signal::kind).containsExactly(Signal.Kind.ENTER_LONG);
    }

    @Test
    void onRejected_afterADeniedEntry_reArmsAfterTheCoolDown() {
        Momentum5m strategy = new Momentum5m();
        Feed f = new Feed(strategy, 1_000);
        double p = 100.0;
        for (int i = 0; i < 12; i++) {
            f.tick("SOL", p *= 1.002);
        }
        assertThat(f.signals).hasSize(1);
        long firstEntry = f.signals.get(0).seq();
        strategy.onRejected("SOL");
        for (int i = 0; i < 5; i++) {
            f.tick("SOL", p *= 1.002);
        }
        assertThat(f.signals).hasSize(2);
        assertThat(f.signals.get(1).kind()).isEqualTo(Signal.Kind.ENTER_LONG);
        assertThat(f.signals.get(1).seq()).isEqualTo(firstEntry + 3); // 3 s cool-down at one tick per second
    }

    @Test
    void onTick_symbolsAreIndependent() {
        for (int i = 0; i < 20; i++) {
            feed.tick("SOL", 100.0);
            feed.tick("ETH", 100.0);
        }
        double p = 100.0;
        for (int k = 0; k < 10; k++) {
            feed.tick("SOL", p *= 1.002);
            feed.tick("ETH", 100.0);
        }
        assertThat(feed.signals).extracting(Signal::symbol).containsExactly("SOL");
    }
}
