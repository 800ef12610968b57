package memesnipe.strategy.core;

import memesnipe.model.event.BridgeFlow;
import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeInflowTest {
    private final BridgeInflow strategy = new BridgeInflow();
    private final Feed feed = new Feed(strategy, 1_000);

    /** Value bridged now from one chain to another (the symbol is the destination's token). */
    private void flow(String from, String to, double usd) {
        feed.event(new BridgeFlow(to.equals("solana") ? "SOL" : "ETH", feed.now(), from, to, "USDC",
                Fixed.fromDouble(usd)));
    }

    /**
     * Seconds of SOL ticks at a price; every 10 s, {@code inUsd} bridged ethereum&rarr;solana and {@code outUsd}
     * solana&rarr;ethereum (none when 0).
     */
    private void seconds(int n, double inUsd, double outUsd) {
        for (int i = 0; i < n; i++) {
            feed.tick("SOL", 150.0);
            if (feed.now() % 10_000 == 0) {
                if (inUsd > 0) {
                    flow("ethereum", "solana", inUsd);
                }
                if (outUsd > 0) {
                    flow("solana", "ethereum", outUsd);
                }
            }
        }
    }

    /** 35 min of 20,000 USD each way per 10 s: more than a full window and baseline of balanced flows. */
    private void baseline() {
        seconds(2_100, 20_000, 20_000);
    }

    @Test
    void onTick_afterAnInflowOfThreeTimesTheBaseline_entersOnTheNextTick_thenExitsOnTheTimeStop() {
        baseline();
        // base = 120 buckets x 20k x 3 / 20 = 360k per 3 min; 200k per 10 s reaches 3x (1.08M) with the 4th surge flow:
        // 14 x 20k + 4 x 200k = 1.08M
        seconds(31, 200_000, 20_000);
        assertThat(feed.signals).isEmpty();
        seconds(10, 200_000, 20_000);
        assertThat(feed.signals).hasSize(1);
        Signal enter = feed.signals.get(0);
        assertThat(enter.kind()).isEqualTo(Signal.Kind.ENTER_LONG);
        assertThat(enter.seq()).isEqualTo(feed.seq()); // the tick after the 4th surge flow
        assertThat(enter.symbol()).isEqualTo("SOL");
        assertThat(enter.stopLossBps()).isEqualTo(400);
        assertThat(enter.takeProfitBps()).isEqualTo(800);
        assertThat(enter.reason()).contains("into solana 1080000 USD", "baseline 360000 USD");

        seconds(1_799, 20_000, 20_000);
        assertThat(feed.signals).hasSize(1);
        seconds(1, 20_000, 20_000); // 1,800 s after the entry
        assertThat(feed.signals).extracting(Signal::kind)
                .containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        assertThat(feed.signals.get(1).reason()).contains("time stop");
    }

    @Test
    void onEvent_whenOutflowDominatesTheChain_exitsAtOnceOnTheLastTick() {
        baseline();
        seconds(41, 200_000, 20_000);
        assertThat(feed.signals).hasSize(1);
        // inflow over the window stays 14 x 20k + 4 x 200k = 1.08M; outflow reaches 2x that (2.16M) with the 4th
        // flow of 500k (14 x 20k + 4 x 500k = 2.28M), not the 3rd (15 x 20k + 3 x 500k = 1.8M)
        seconds(38, 20_000, 500_000);
        assertThat(feed.signals).hasSize(1);
        seconds(1, 20_000, 500_000);

        assertThat(feed.signals).extracting(Signal::kind)
                .containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        assertThat(feed.signals.get(1).seq()).isEqualTo(feed.seq()); // the last tick, before the flow
        assertThat(feed.signals.get(1).reason()).contains("outflow dominance on solana");
    }

    @Test
    void onTick_withLessHistoryThanWindowPlusBaseline_doesNotEnter() {
        seconds(1_300, 20_000, 20_000); // 21.7 min: window and baseline (23 min) are not complete
        seconds(60, 500_000, 20_000);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_afterTheFlowSourceWasSilent_startsItsHistoryAgain_soNormalFlowsAreNoSurge() {
        baseline();
        seconds(360, 0, 0); // the flow source is down for 6 min
        // 70k per 10 s is 3.5x the old 20k; against a baseline with the outage in it, it would be a surge
        seconds(180, 70_000, 20_000);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_whenTheTokensNextTickComesAfterTheMaxSignalAge_doesNotEnter() {
        baseline();
        seconds(30, 200_000, 20_000);
        flow("ethereum", "solana", 200_000); // arms at the 4th surge flow
        for (int i = 0; i < 31; i++) {
            feed.skip(); // no SOL tick for 31 s
        }
        seconds(5, 0, 0);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_whenASurgeIsBelowTheMinimumInflow_doesNotEnter() {
        seconds(2_100, 1_000, 1_000); // a small chain: 18k per window
        seconds(180, 20_000, 1_000); // 20x its baseline, but 360k < 500k USD

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_afterATimeStop_doesNotBuyTheSameSurgeAgainWithinTheCoolDown() {
        BridgeInflow shortHold = new BridgeInflow(BridgeInflow.Params.defaults().withEntry(3.0, 60_000));
        Feed f = new Feed(shortHold, 1_000);
        for (int i = 0; i < 2_100 + 300; i++) {
            f.tick("SOL", 150.0);
            if (f.now() % 10_000 == 0) {
                double usd = i < 2_100 ? 20_000 : 200_000; // a surge lasting 5 min
                f.event(new BridgeFlow("SOL", f.now(), "ethereum", "solana", "USDC", Fixed.fromDouble(usd)));
            }
        }

        assertThat(f.signals).extracting(Signal::kind)
                .containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
    }
}
