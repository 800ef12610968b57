package memesnipe.strategy.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeanRevert1hTest {
    private final Feed feed = new Feed(new MeanRevert1h(), 250);

    @Test
    void onTick_whenPriceDropsTwoStdevsThenReturns_entersThenExitsAtTheMean() {
        // A sine around 100 never reaches |z| >= sqrt(2), so no entry while it runs.
        for (int i = 0; i < 60; i++) {
            feed.tick("SOL", 100.0 + 0.1 * Math.sin(i));
        }
        assertThat(feed.signals).isEmpty();
        long drop = feed.tick("SOL", 99.5);
        for (int i = 0; i < 19; i++) {
            feed.tick("SOL", 99.5);
        }
        long back = feed.tick("SOL", 100.1);
        feed.tick("SOL", 100.2);

        assertThat(feed.signals).hasSize(2);
        Signal enter = feed.signals.get(0);
        assertThat(enter.kind()).isEqualTo(Signal.Kind.ENTER_LONG);
        assertThat(enter.seq()).isEqualTo(drop);
        assertThat(enter.strategy()).isEqualTo("mean_revert_1h");
        assertThat(enter.stopLossBps()).isEqualTo(400);
        assertThat(enter.takeProfitBps()).isEqualTo(300);
        assertThat(enter.trailingStopBps()).isZero();
        Signal exit = feed.signals.get(1);
        assertThat(exit.kind()).isEqualTo(Signal.Kind.EXIT_LONG);
        assertThat(exit.seq()).isEqualTo(back);
    }

    @Test
    void onTick_withFewerThan30Samples_emitsNothing() {
        for (int i = 0; i < 29; i++) {
            feed.tick("SOL", 100.0 + 0.1 * Math.sin(i));
        }
        feed.tick("SOL", 90.0);
        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_inAFlatMarket_emitsNothing() {
        for (int i = 0; i < 4 * 600; i++) {
            feed.tick("SOL", 100.0);
        }
        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_exitWithinCoolDown_waitsForIt() {
        for (int i = 0; i < 60; i++) {
            feed.tick("SOL", 100.0 + 0.1 * Math.sin(i));
        }
        long drop = feed.tick("SOL", 99.5);
        feed.tick("SOL", 100.5); // back above the mean 250 ms later: inside the 3 s cool-down
        for (int i = 0; i < 12; i++) {
            feed.tick("SOL", 100.5);
        }
        assertThat(feed.signals).extracting(Signal::kind)
                .containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        assertThat(feed.signals.get(1).seq()).isEqualTo(drop + 12);
    }
}
