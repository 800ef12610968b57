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

    /** Two symbols; a token-risk fact every 10 s; when planted, a strong drift on A for 5 s after each fact. */
    static final class Drifting extends ScenarioFeed {
        final boolean planted;

        Drifting(long seed, boolean planted) {
            super(seed, 100, List.of(new Asset("A", 10, 0.001), new Asset("B", 1, 0.001)));
            this.planted = planted;
        }

        @Override
        protected void onStep(long timeMs) {
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
