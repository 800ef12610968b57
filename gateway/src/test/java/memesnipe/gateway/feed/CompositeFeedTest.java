package memesnipe.gateway.feed;

import memesnipe.gateway.feed.sim.ScenarioFeed;
import memesnipe.model.event.TokenRisk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeFeedTest {
    static final long T0 = 1_700_000_000_000L;

    /** One asset, a fact every step. */
    static final class Facts extends ScenarioFeed {
        Facts() {
            super(1, 1_000, List.of(new Asset("RUG", 1, 0.001)));
        }

        @Override
        protected void onStep(long timeMs) {
            emit(new TokenRisk("RUG", timeMs, false, 100, 0));
        }
    }

    @Test
    void next_servesTheSimulatorsFirst_thePriceFeedTakesTheRest_andNothingIsLost() {
        Facts facts = new Facts();
        SimulatedFeed prices = new SimulatedFeed(3, 100, 0);
        CompositeFeed feed = new CompositeFeed(List.of(facts, prices));
        List<FeedEvent> first = feed.next(T0, 10);
        assertThat(first).hasSize(10);
        assertThat(first.subList(0, 2)).extracting(FeedEvent::symbol).containsExactly("RUG", "RUG"); // tick, fact
        assertThat(first.subList(2, 10)).allMatch(e -> e instanceof RawTick && !e.symbol().equals("RUG"));
        // five simulated seconds: 5 steps of a tick and a fact, handed over 4 at a time as the count allows
        int rug = 0;
        for (int call = 0; call < 5; call++) {
            rug += (int) feed.next(T0 + 5_000, 4).stream().filter(e -> e.symbol().equals("RUG")).count();
        }
        assertThat(rug).isEqualTo(10);
    }
}
