package memesnipe.gateway.feed.sim;

import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.model.event.TokenRisk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioFeedTest {
    static final long T0 = 1_700_000_000_000L;

    /**
     * Two symbols; a token-risk fact every 10 s; when planted, a strong drift on A for 5 s after each fact; with a
     * burst factor, A trades that many times its volume from the step after 10 s until 20 s.
     */
    static final class Drifting extends ScenarioFeed {
        final boolean planted;
        final double burstFactor;

        Drifting(long seed, boolean planted) {
            this(seed, planted, 1);
        }

        Drifting(long seed, boolean planted, double burstFactor) {
            super(seed, 100, List.of(new Asset("A", 10, 0.001), new Asset("B", 1, 0.001)));
            this.planted = planted;
            this.burstFactor = burstFactor;
        }

        @Override
        protected void onStep(long timeMs) {
            if (burstFactor != 1 && timeMs == T0 + 10_000) {
                volume("A", burstFactor, T0 + 20_000);
            }
            if ((timeMs - T0) % 10_000 == 0) {
                emit(new TokenRisk("A", timeMs, false, 100, 0));
                if (planted) {
                    drift("A", 0.01, timeMs + 5_000);
                }
            }
        }
    }

    @Test
    void next_emitsATickPerSymbolPerStep_thenTheSignals_inTimeOrder_upToTheCallersClock() {
        Drifting feed = new Drifting(1, false);
        List<FeedEvent> first = feed.next(T0, 100);
        assertThat(first).hasSize(3); // the first step at T0: A, B, then the fact
        assertThat(first.get(2)).isInstanceOf(RawSignal.class);
        List<FeedEvent> second = feed.next(T0 + 1_000, 100);
        assertThat(second).hasSize(20).allMatch(e -> e instanceof RawTick && e.eventTimeMs() <= T0 + 1_000);
        assertThat(second.get(19).eventTimeMs()).isEqualTo(T0 + 1_000);
    }

    @Test
    void next_keepsWhatExceedsTheCount_andLosesNothing() {
        Drifting feed = new Drifting(1, false);
        int total = 0;
        for (long t = T0; t <= T0 + 10_000; t += 1_000) {
            total += feed.next(t, 7).size();
        }
        total += feed.next(T0 + 10_000, Integer.MAX_VALUE).size();
        assertThat(total).isEqualTo(101 * 2 + 2); // 101 steps of two ticks, two facts
    }

    @Test
    void aPlantedDrift_movesThePrice_andTheSameSeedGivesTheSameEvents() {
        double plain = lastPrice(minute(new Drifting(5, false)), "A");
        List<FeedEvent> run = minute(new Drifting(5, true));
        assertThat(run).isEqualTo(minute(new Drifting(5, true)));
        // six facts before the last step, each followed by five seconds of 1 %/s drift; the noise is the same draws
        assertThat(Math.log(lastPrice(run, "A") / plain)).isCloseTo(6 * 5 * 0.01, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aVolumeBurst_scalesOnlyItsSymbolsVolume_untilItsEnd_andLeavesThePricesAlone() {
        List<FeedEvent> plain = minute(new Drifting(9, false));
        List<FeedEvent> burst = minute(new Drifting(9, false, 5));
        assertThat(burst).hasSameSizeAs(plain);
        for (int i = 0; i < plain.size(); i++) {
            if (!(plain.get(i) instanceof RawTick a)) {
                assertThat(burst.get(i)).isEqualTo(plain.get(i));
                continue;
            }
            RawTick b = (RawTick) burst.get(i);
            assertThat(b.price()).isEqualTo(a.price());
            boolean inBurst = a.symbol().equals("A") && a.eventTimeMs() > T0 + 10_000 && a.eventTimeMs() <= T0 + 20_000;
            assertThat(b.volume()).as("%s at %d", a.symbol(), a.eventTimeMs() - T0)
                    .isCloseTo(inBurst ? 5 * a.volume() : a.volume(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static List<FeedEvent> minute(ScenarioFeed feed) {
        List<FeedEvent> out = new java.util.ArrayList<>(feed.next(T0, Integer.MAX_VALUE));
        out.addAll(feed.next(T0 + 60_000, Integer.MAX_VALUE));
        return out;
    }

    private static double lastPrice(List<FeedEvent> events, String symbol) {
        double last = 0;
        for (FeedEvent e : events) {
            if (e instanceof RawTick t && t.symbol().equals(symbol)) {
                last = t.price();
            }
        }
        return last;
    }
}
