package memesnipe.strategy.core;

import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenRisk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RugPullSnifferTest {
    private final RugPullSniffer strategy = new RugPullSniffer();
    private final Feed feed = new Feed(strategy, 1_000);
    private double price = 1.0;

    /** The time of the feed's last tick. */
    private long now() {
        return Feed.T0 + feed.seq() * 1_000;
    }

    private List<Signal> fact(boolean mintActive, int top10Bps, int lpRemovedBps) {
        List<Signal> out = strategy.onEvent(new TokenRisk("PEPE", now(), mintActive, top10Bps, lpRemovedBps));
        feed.signals.addAll(out);
        return out;
    }

    private List<Signal> cleanFact() {
        return fact(false, 1_500, 0);
    }

    private void flat(int seconds) {
        for (int i = 0; i < seconds; i++) {
            feed.tick("PEPE", price);
        }
    }

    /** Rises 0.05 % a second: +0.2 % over the 60 s lookback after 4 s. */
    private void rise(int seconds) {
        for (int i = 0; i < seconds; i++) {
            feed.tick("PEPE", price *= 1.0005);
        }
    }

    @Test
    void onTick_cleanFreshReportAndMomentum_entersWithItsDefaultExits() {
        flat(60);
        cleanFact();
        rise(3);
        assertThat(feed.signals).as("+0.15 % is below the entry return").isEmpty();
        long seq = feed.tick("PEPE", price *= 1.0005);

        assertThat(feed.signals).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.ENTER_LONG);
            assertThat(s.seq()).isEqualTo(seq);
            assertThat(s.strategy()).isEqualTo("rug_pull_sniffer");
            assertThat(s.stopLossBps()).isEqualTo(500);
            assertThat(s.takeProfitBps()).isZero();
            assertThat(s.trailingStopBps()).isZero();
            assertThat(s.reason()).contains("clean risk report 4 s old").contains(">= 0.200%");
        });
    }

    @Test
    void onEvent_lpRemovalReachingTheFlagWhileLong_exitsAtOnceOnTheLastTick() {
        flat(60);
        cleanFact();
        rise(10);
        assertThat(fact(false, 1_500, 1_999)).as("LP removal below the flag is no exit").isEmpty();
        long last = feed.seq();

        List<Signal> out = fact(false, 1_500, 2_500);

        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.EXIT_LONG);
            assertThat(s.seq()).isEqualTo(last);
            assertThat(s.reason()).isEqualTo("flagged as a rug risk: LP removed 25.00% >= 20.00% within the hour");
        });
    }

    @Test
    void onEvent_mintAuthorityWithConcentrationWhileLong_exits() {
        flat(60);
        cleanFact();
        rise(10);
        assertThat(fact(true, 4_999, 0)).as("mintable but below the concentration flag").isEmpty();

        assertThat(fact(true, 5_000, 0)).singleElement().satisfies(s -> assertThat(s.reason())
                .isEqualTo("flagged as a rug risk: mint authority active with the top-10 holders at 50.00% >= 50.00%"));
    }

    @Test
    void onEvent_flagRightAfterTheEntryTick_exitsOnTheNextTick_notOnTheEntrysSeq() {
        flat(60);
        cleanFact();
        rise(4);
        assertThat(feed.signals).hasSize(1);

        assertThat(fact(false, 1_500, 3_000)).as("an exit on the entry's seq would be the entry's order id").isEmpty();
        long next = feed.tick("PEPE", price);

        assertThat(feed.signals).hasSize(2);
        assertThat(feed.signals.get(1).kind()).isEqualTo(Signal.Kind.EXIT_LONG);
        assertThat(feed.signals.get(1).seq()).isEqualTo(next);
        assertThat(feed.signals.get(1).reason()).contains("LP removed 30.00%");
    }

    @Test
    void onTick_reportsThatAreNotClean_neverEnter() {
        flat(60);
        for (int[] f : new int[][]{{1, 1_000, 0}, {0, 3_000, 0}, {0, 1_000, 1}}) {
            fact(f[0] == 1, f[1], f[2]);
            rise(20);
        }
        assertThat(feed.signals).as("mint active; top-10 at 30 %; some LP removed").isEmpty();
    }

    @Test
    void onTick_withoutAnyReport_neverEnters() {
        flat(60);
        rise(60);
        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_staleReport_doesNotEnter_untilAFreshOneComes() {
        cleanFact();
        flat(61);
        rise(10);
        assertThat(feed.signals).as("the report is 71 s old, max 60 s").isEmpty();

        cleanFact();
        long seq = feed.tick("PEPE", price *= 1.0005);

        assertThat(feed.signals).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.ENTER_LONG);
            assertThat(s.seq()).isEqualTo(seq);
        });
    }

    @Test
    void onTick_afterAFlag_calmerReportsDoNotReopenTheToken() {
        flat(60);
        fact(false, 1_500, 2_000);
        cleanFact();
        rise(30);
        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_afterTheHoldingTime_exits() {
        flat(60);
        cleanFact();
        rise(4);
        long entry = feed.signals.get(0).seq();
        for (int i = 0; i < 1_800; i++) {
            if (i % 30 == 0) {
                cleanFact();
            }
            feed.tick("PEPE", price);
        }
        assertThat(feed.signals).hasSize(2);
        assertThat(feed.signals.get(1).kind()).isEqualTo(Signal.Kind.EXIT_LONG);
        assertThat(feed.signals.get(1).seq()).isEqualTo(entry + 1_800);
        assertThat(feed.signals.get(1).reason()).isEqualTo("held 1800 s >= 1800 s");
    }

    @Test
    void onEvent_otherKindsAndOtherTokens_changeNothing() {
        flat(60);
        cleanFact();
        rise(4);
        assertThat(strategy.onEvent(new SocialMentions("PEPE", now(), 5_000, 60_000, 0, "x"))).isEmpty();
        assertThat(strategy.onEvent(new TokenRisk("BONK", now(), false, 1_000, 9_000))).isEmpty();
        assertThat(feed.signals).extracting(Signal::kind).containsExactly(Signal.Kind.ENTER_LONG);
    }

    @Test
    void onRejected_afterADeniedEntry_entersAgainAfterTheCoolDown() {
        flat(60);
        cleanFact();
        rise(4);
        long first = feed.signals.get(0).seq();
        strategy.onRejected("PEPE");
        rise(5);
        assertThat(feed.signals).hasSize(2);
        assertThat(feed.signals.get(1).kind()).isEqualTo(Signal.Kind.ENTER_LONG);
        assertThat(feed.signals.get(1).seq()).isEqualTo(first + 5);
    }
}
