package memesnipe.strategy.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class KoreanTimeBurstTest {
    static final long STEP = 5_000;
    private final Tape tape = new Tape(new KoreanTimeBurst());
    private double price = 0.6;

    /** The epoch ms of a wall-clock time in Seoul on 4 March 2024. */
    private static long kst(int hour, int minute, int second) {
        return ZonedDateTime.of(2024, 3, 4, hour, minute, second, 0, ZoneId.of("Asia/Seoul")).toInstant().toEpochMilli();
    }

    /** XRP ticks every 5 s from fromMs (inclusive) to toMs (exclusive), 100 units each, the price unchanged. */
    private void calm(Tape t, long fromMs, long toMs, double volume) {
        for (long at = fromMs; at < toMs; at += STEP) {
            t.tick("XRP", price, volume, at);
        }
    }

    /** A minute of XRP ticks every 5 s from fromMs, 1,000 units each (10 times the calm), the price times factor each. */
    private void burst(Tape t, long fromMs, double factor) {
        for (int k = 0; k < 12; k++) {
            price *= factor;
            t.tick("XRP", price, 1_000, fromMs + k * STEP);
        }
    }

    @Test
    void aRisingVolumeBurst_inTheSeoulMorning_entersOnTheTickTheMinutesVolumeReachesThreeTimesTheUsual() {
        calm(tape, kst(8, 0, 0), kst(9, 10, 0), 100);
        burst(tape, kst(9, 10, 0), 1.001);
        // the last minute's 12 ticks: two of the burst make 3,000 (< 3 x 1,200), three make 3,900
        assertThat(tape.signals).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.ENTER_LONG);
            assertThat(s.seq()).isEqualTo(70 * 60 / 5 + 3);
            assertThat(s.stopLossBps()).isEqualTo(200);
            assertThat(s.takeProfitBps()).isZero();
            assertThat(s.trailingStopBps()).isZero();
            assertThat(s.reason()).startsWith("in the 09:00 Asia/Seoul window: volume 3.2x the usual over 60 s");
        });
    }

    @Test
    void theWindowIsSeoulsWallClock_0900KstIsMidnightUtc_andTheSameBurstAtNineUtcEntersNothing() {
        long midnightUtc = Instant.parse("2024-03-04T00:00:00Z").toEpochMilli();
        calm(tape, midnightUtc - 3_600_000, midnightUtc + 600_000, 100);
        burst(tape, midnightUtc + 600_000, 1.001);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);

        Tape evening = new Tape(new KoreanTimeBurst());
        long nineUtc = Instant.parse("2024-03-04T09:00:00Z").toEpochMilli(); // 18:00 in Seoul
        calm(evening, nineUtc - 3_600_000, nineUtc + 600_000, 100);
        burst(evening, nineUtc + 600_000, 1.001);
        assertThat(evening.signals).isEmpty();
    }

    @Test
    void anotherZoneAndOpeningTime_areParameters() {
        KoreanTimeBurst.Params d = KoreanTimeBurst.Params.defaults();
        Tape london = new Tape(new KoreanTimeBurst(new KoreanTimeBurst.Params(ZoneOffset.UTC, LocalTime.of(9, 0),
                d.windowMs(), d.burstSpanMs(), d.baselineMs(), d.minBaselineMs(), d.volumeRatio(), d.minReturn(),
                d.holdMs(), d.coolDownMs(), d.exits())));
        long nineUtc = Instant.parse("2024-03-04T09:00:00Z").toEpochMilli();
        calm(london, nineUtc - 3_600_000, nineUtc + 600_000, 100);
        burst(london, nineUtc + 600_000, 1.001);
        assertThat(london.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
    }

    @Test
    void theSameBurstBeforeTheWindow_entersNothing_evenOnceTheWindowOpens() {
        calm(tape, kst(7, 30, 0), kst(8, 50, 0), 100);
        burst(tape, kst(8, 50, 0), 1.001);
        calm(tape, kst(8, 51, 0), kst(9, 5, 0), 100);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void aBurstWhoseThirdTickIsAtTheWindowsEnd_entersNothing() {
        calm(tape, kst(9, 30, 0), kst(10, 29, 50), 100);
        burst(tape, kst(10, 29, 50), 1.001); // its third tick is at 10:30:00, the end (exclusive)
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void whenLong_exitsOnTheFirstTickAtTheWindowsEnd_beforeTheHoldTime() {
        calm(tape, kst(9, 30, 0), kst(10, 20, 0), 100);
        burst(tape, kst(10, 20, 0), 1.001);
        calm(tape, kst(10, 21, 0), kst(10, 29, 55), 100);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
        calm(tape, kst(10, 29, 55), kst(10, 31, 0), 100);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        assertThat(tape.signals.get(1).reason()).isEqualTo("the window closed at 10:30 Asia/Seoul");
        assertThat(tape.signals.get(1).seq()).isEqualTo(tape.signals.get(0).seq() + (10 * 60 - 10) / 5);
    }

    @Test
    void whenLong_exitsOnTheFirstTickAtTheHoldTime() {
        calm(tape, kst(8, 0, 0), kst(9, 10, 0), 100);
        burst(tape, kst(9, 10, 0), 1.001); // entered at 09:10:10
        calm(tape, kst(9, 11, 0), kst(9, 25, 10), 100);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
        long seq = tape.tick("XRP", price, 100, kst(9, 25, 10));
        assertThat(tape.signals).last().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.EXIT_LONG);
            assertThat(s.seq()).isEqualTo(seq);
            assertThat(s.reason()).isEqualTo("time stop: held 900 s");
        });
    }

    @Test
    void aBurstWithAFallingPrice_entersNothing() {
        calm(tape, kst(8, 0, 0), kst(9, 10, 0), 100);
        burst(tape, kst(9, 10, 0), 0.999);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void ticksWithoutAVolume_enterNothing() {
        calm(tape, kst(8, 0, 0), kst(9, 30, 0), 0);
        price = 0.61;
        calm(tape, kst(9, 30, 0), kst(9, 31, 0), 0);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void withLessThanTheMinimumBaseline_aBurstEntersNothing() {
        calm(tape, kst(9, 1, 0), kst(9, 10, 0), 100); // nine minutes of history, ten needed
        burst(tape, kst(9, 10, 0), 1.001);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void symbolsAreIndependent_aBurstOfOneIsNotAnotherOnesVolume() {
        for (long at = kst(8, 0, 0); at < kst(9, 10, 0); at += STEP) {
            tape.tick("XRP", 0.6, 100, at);
            tape.tick("DOGE", 0.15, 100, at);
        }
        double doge = 0.15;
        double xrp = 0.6;
        for (int k = 0; k < 12; k++) {
            tape.tick("XRP", xrp *= 1.001, 100, kst(9, 10, 0) + k * STEP); // rising, at its usual volume
            tape.tick("DOGE", doge *= 1.001, 1_000, kst(9, 10, 0) + k * STEP);
        }
        assertThat(tape.signals).extracting(Signal::symbol).containsExactly("DOGE");
    }
}
