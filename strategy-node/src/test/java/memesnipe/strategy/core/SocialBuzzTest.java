package memesnipe.strategy.core;

import memesnipe.model.event.SocialMentions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocialBuzzTest {
    static final long T0 = 1_700_000_000_000L;
    static final long MINUTE = 60_000;
    private final Tape tape = new Tape(new SocialBuzz());

    private static SocialMentions report(String symbol, long timeMs, long perMinute, double sentiment) {
        return report(symbol, timeMs, perMinute, sentiment, "x");
    }

    private static SocialMentions report(String symbol, long timeMs, long perMinute, double sentiment, String source) {
        return new SocialMentions(symbol, timeMs, perMinute, MINUTE, (int) Math.round(sentiment * 10_000), source);
    }

    /** Ten quiet minutes of WIF (20 mentions a minute, sentiment 0.1), a tick after each report; returns T0 + 10 min. */
    private long quietBaseline() {
        for (int i = 1; i <= 10; i++) {
            tape.event(report("WIF", T0 + i * MINUTE, 20, 0.1));
            tape.tick("WIF", 2.5, 100, T0 + i * MINUTE + 500);
        }
        return T0 + 10 * MINUTE;
    }

    @Test
    void onTick_afterAPositiveBurstOverTheBaseline_entersOnTheSymbolsNextTick_withTheDefaultExits() {
        long t = quietBaseline();
        assertThat(tape.event(report("WIF", t + MINUTE, 61, 0.6))).as("a report is not a price").isEmpty();
        tape.tick("BONK", 0.5, 100, t + MINUTE + 100);
        long seq = tape.tick("WIF", 2.5, 100, t + MINUTE + 200);

        assertThat(tape.signals).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.ENTER_LONG);
            assertThat(s.symbol()).isEqualTo("WIF");
            assertThat(s.seq()).isEqualTo(seq);
            assertThat(s.stopLossBps()).isEqualTo(300);
            assertThat(s.takeProfitBps()).isZero();
            assertThat(s.trailingStopBps()).isZero();
            assertThat(s.reason()).contains("61.0 mentions/min", "baseline 20.0", "sentiment 0.60", "200 ms old");
        });
    }

    @Test
    void aBurstJustBelowTheRatio_aNeutralOne_andANegativeOne_enterNothing() {
        long t = quietBaseline();
        tape.event(report("WIF", t + MINUTE, 59, 0.6)); // 2.95 x 20
        tape.tick("WIF", 2.5, 100, t + MINUTE + 200);
        tape.event(report("WIF", t + 2 * MINUTE, 100, 0.29));
        tape.tick("WIF", 2.5, 100, t + 2 * MINUTE + 200);
        tape.event(report("WIF", t + 3 * MINUTE, 150, -0.8));
        tape.tick("WIF", 2.5, 100, t + 3 * MINUTE + 200);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void aBurstWithFewerReportsThanTheMinimumBeforeIt_entersNothing() {
        for (int i = 1; i <= 9; i++) {
            tape.event(report("WIF", T0 + i * MINUTE, 20, 0.1));
        }
        tape.event(report("WIF", T0 + 10 * MINUTE, 200, 0.9)); // the tenth report: only nine before it
        tape.tick("WIF", 2.5, 100, T0 + 10 * MINUTE + 200);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void aStaleCount_olderThanTheMaxAgeAtTheNextTick_isDropped_butOneExactlyAtTheMaxAgeEnters() {
        long t = quietBaseline();
        tape.event(report("WIF", t + MINUTE, 100, 0.6));
        tape.tick("WIF", 2.5, 100, t + 2 * MINUTE + 1); // 60.001 s after the count
        tape.tick("WIF", 2.5, 100, t + 2 * MINUTE + 2);
        assertThat(tape.signals).as("a stale count is dropped, not kept for a later tick").isEmpty();

        tape.event(report("WIF", t + 3 * MINUTE, 100, 0.6));
        tape.tick("WIF", 2.5, 100, t + 4 * MINUTE);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
    }

    @Test
    void whenLong_exitsOnTheFirstTickAtTheHoldTime() {
        long t = quietBaseline();
        tape.event(report("WIF", t + MINUTE, 100, 0.6));
        long entryAt = t + MINUTE + 200;
        tape.tick("WIF", 2.5, 100, entryAt);
        tape.tick("WIF", 2.6, 100, entryAt + 10 * MINUTE - 1);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
        long seq = tape.tick("WIF", 2.6, 100, entryAt + 10 * MINUTE);
        assertThat(tape.signals).last().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.EXIT_LONG);
            assertThat(s.seq()).isEqualTo(seq);
            assertThat(s.reason()).isEqualTo("time stop: held 600 s >= 600 s");
        });
    }

    @Test
    void whenLong_aReportOfNegativeSentimentFromAnySource_exitsOnTheNextTick() {
        long t = quietBaseline();
        tape.event(report("WIF", t + MINUTE, 100, 0.6));
        tape.tick("WIF", 2.5, 100, t + MINUTE + 200);
        tape.event(report("WIF", t + 2 * MINUTE, 30, -0.1, "telegram")); // not below -0.2: stays
        tape.tick("WIF", 2.5, 100, t + 2 * MINUTE + 200);
        assertThat(tape.event(report("WIF", t + 3 * MINUTE, 30, -0.25, "telegram"))).isEmpty();
        long seq = tape.tick("WIF", 2.5, 100, t + 3 * MINUTE + 200);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        assertThat(tape.signals.get(1).seq()).isEqualTo(seq);
        assertThat(tape.signals.get(1).reason()).isEqualTo("sentiment turned to -0.25 < -0.20");
    }

    @Test
    void aNegativeReportBeforeTheNextTick_cancelsTheBurst() {
        long t = quietBaseline();
        tape.event(report("WIF", t + MINUTE, 100, 0.6));
        tape.event(report("WIF", t + MINUTE + 100, 10, -0.5, "telegram"));
        tape.tick("WIF", 2.5, 100, t + MINUTE + 200);
        tape.tick("WIF", 2.5, 100, t + MINUTE + 300);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void baselinesArePerSource_aLoudSourceAtItsUsualLevelIsNoBurst() {
        for (int i = 1; i <= 10; i++) {
            tape.event(report("WIF", T0 + i * MINUTE, 20, 0.1, "x"));
            tape.event(report("WIF", T0 + i * MINUTE, 300, 0.5, "telegram"));
        }
        tape.event(report("WIF", T0 + 11 * MINUTE, 310, 0.5, "telegram"));
        tape.tick("WIF", 2.5, 100, T0 + 11 * MINUTE + 200);
        assertThat(tape.signals).as("300 a minute is telegram's usual").isEmpty();
        tape.event(report("WIF", T0 + 12 * MINUTE, 70, 0.5, "x"));
        tape.tick("WIF", 2.5, 100, T0 + 12 * MINUTE + 200);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
    }

    @Test
    void aReportOlderThanTheSourcesLast_isIgnored() {
        long t = quietBaseline();
        tape.event(report("WIF", t - 5 * MINUTE, 500, 0.9)); // late and out of order
        tape.tick("WIF", 2.5, 100, t + 1_000);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void aBurstOfASymbolWithoutTicks_waitsForItsTick_andIsNotPricedOnAnotherSymbol() {
        long t = quietBaseline();
        tape.event(report("WIF", t + MINUTE, 100, 0.6));
        tape.tick("POPCAT", 1.2, 100, t + MINUTE + 100);
        assertThat(tape.signals).isEmpty();
        tape.tick("WIF", 2.5, 100, t + MINUTE + 30_000);
        assertThat(tape.signals).extracting(Signal::symbol).containsExactly("WIF");
    }

    @Test
    void afterAnExit_aBurstWithinTheCoolDownWaits_andEntersOnceItIsOverIfStillFresh() {
        long t = quietBaseline();
        tape.event(report("WIF", t + MINUTE, 100, 0.6));
        long entryAt = t + MINUTE;
        tape.tick("WIF", 2.5, 100, entryAt);
        tape.tick("WIF", 2.5, 100, entryAt + 10 * MINUTE); // time stop
        tape.event(report("WIF", entryAt + 10 * MINUTE + 20_000, 150, 0.7));
        tape.tick("WIF", 2.5, 100, entryAt + 10 * MINUTE + 30_000); // cooling down until +60 s
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        tape.tick("WIF", 2.5, 100, entryAt + 11 * MINUTE);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG, Signal.Kind.ENTER_LONG);
    }

    @Test
    void onRejected_theStrategyIsFlat_andEntersTheNextBurstAfterTheCoolDown() {
        SocialBuzz strategy = new SocialBuzz();
        Tape t2 = new Tape(strategy);
        for (int i = 1; i <= 10; i++) {
            t2.event(report("WIF", T0 + i * MINUTE, 20, 0.1));
        }
        t2.event(report("WIF", T0 + 11 * MINUTE, 100, 0.6));
        t2.tick("WIF", 2.5, 100, T0 + 11 * MINUTE);
        strategy.onRejected("WIF");
        t2.event(report("WIF", T0 + 13 * MINUTE, 100, 0.6));
        t2.tick("WIF", 2.5, 100, T0 + 13 * MINUTE);
        assertThat(t2.kinds()).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.ENTER_LONG);
    }

    @Test
    void params_refuseAnExitSentimentNotBelowTheEntrySentiment() {
        SocialBuzz.Params d = SocialBuzz.Params.defaults();
        assertThatThrownBy(() -> new SocialBuzz.Params(d.burstRatio(), d.minPerMinute(), 0.3, d.baselineReports(),
                d.minReports(), d.maxAgeMs(), d.holdMs(), 0.3, d.coolDownMs(), d.exits()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
