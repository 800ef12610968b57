package memesnipe.gateway.feed.sim;

import memesnipe.gateway.feed.RawTick;
import memesnipe.model.time.DailyWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KoreanSessionSimTest {
    static final long START = Instant.parse("2024-03-03T18:00:00Z").toEpochMilli(); // 03:00 in Seoul
    static final long DAYS = 4 * 86_400_000L;
    static final long STEP = 5_000;
    static final long DRIFT_MS = 600_000;
    static final List<String> SYMBOLS = List.of("XRP", "DOGE", "SUI", "ETC");
    /** A usual tick trades 500 to 1,500 USD; a burst's at least 2,000. */
    static final double BURST_USD = 1_750;

    private static Map<String, TreeMap<Long, RawTick>> fourDays(boolean planted) {
        return SimTrace.of(new KoreanSessionSim(2, planted), START, START + DAYS, STEP).bySymbol();
    }

    private static double usd(RawTick t) {
        return t.price() * t.volume();
    }

    /** The times of the last calm tick before each burst of the symbol (the step its burst and drift were set at). */
    private static List<Long> burstsSetAt(TreeMap<Long, RawTick> ticks) {
        List<Long> out = new ArrayList<>();
        RawTick before = null;
        for (RawTick t : ticks.values()) {
            if (before != null && usd(before) <= BURST_USD && usd(t) > BURST_USD) {
                out.add(before.eventTimeMs());
            }
            before = t;
        }
        return out;
    }

    @Test
    void plantedOrNot_theTradedAmountsAreTheSame_andBurstsComeAtAllHours() {
        Map<String, TreeMap<Long, RawTick>> planted = fourDays(true);
        Map<String, TreeMap<Long, RawTick>> plain = fourDays(false);
        assertThat(planted.keySet()).containsExactlyInAnyOrderElementsOf(SYMBOLS);
        for (String symbol : SYMBOLS) {
            List<RawTick> a = List.copyOf(planted.get(symbol).values());
            List<RawTick> b = List.copyOf(plain.get(symbol).values());
            assertThat(a).hasSameSizeAs(b);
            for (int i = 0; i < a.size(); i++) { // the volume is drawn in USD: the same amount at either price
                assertThat(usd(a.get(i))).isCloseTo(usd(b.get(i)), within(1e-6));
            }
            // one burst per 15 minutes on average: ~384 in four days
            assertThat(burstsSetAt(plain.get(symbol))).hasSizeBetween(250, 500);
        }
    }

    @Test
    void whenPlanted_aBurstInsideTheSeoulMorningIsFollowedByTheDrift_andOneOutsideByNothing() {
        Map<String, TreeMap<Long, RawTick>> planted = fourDays(true);
        Map<String, TreeMap<Long, RawTick>> plain = fourDays(false);
        DailyWindow window = new DailyWindow(ZoneId.of("Asia/Seoul"), LocalTime.of(9, 0), 90 * 60_000);
        int inside = 0;
        int outside = 0;
        for (String symbol : SYMBOLS) {
            for (long setAt : burstsSetAt(plain.get(symbol))) {
                if (setAt + DRIFT_MS >= START + DAYS) {
                    continue;
                }
                // the same noise in both runs: the planted run's excess return is the planted drift alone
                double excess = SimTrace.logReturn(planted.get(symbol), setAt, setAt + DRIFT_MS)
                        - SimTrace.logReturn(plain.get(symbol), setAt, setAt + DRIFT_MS);
                if (window.contains(setAt)) {
                    assertThat(excess).as("%s at %s", symbol, Instant.ofEpochMilli(setAt)).isCloseTo(0.015, within(1e-9));
                    inside++;
                } else if (!window.contains(setAt - DRIFT_MS) && !window.contains(setAt + DRIFT_MS)) {
                    // neither the drift of a burst before it nor one of a burst in the window after it overlaps
                    assertThat(excess).as("%s at %s", symbol, Instant.ofEpochMilli(setAt)).isCloseTo(0, within(1e-9));
                    outside++;
                }
            }
        }
        assertThat(inside).as("bursts in four 90-minute windows of four symbols").isBetween(50, 140);
        assertThat(outside).isGreaterThan(1_000);
    }
}
