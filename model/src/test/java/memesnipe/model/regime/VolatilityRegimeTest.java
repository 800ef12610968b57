package memesnipe.model.regime;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VolatilityRegimeTest {
    /** Low 10 bps, high 50 bps, hysteresis 20 %: so LOW holds below 12 and HIGH at 40 and above. */
    private static final VolatilityRegime.Params P = new VolatilityRegime.Params(1_000, 300_000, 60, 10, 50, 20);
    private static final long BASE_E8 = 100_00000000L;

    /**
     * One tick a second from second {@code fromSec} for {@code seconds} seconds, the price alternating between the
     * base and the base moved by {@code bps}, so every one-second log return is +-bps (its stdev is bps).
     */
    private static Regime alternate(VolatilityRegime r, String symbol, long fromSec, int seconds, double bps) {
        Regime last = r.regime();
        for (long s = fromSec; s < fromSec + seconds; s++) {
            long price = s % 2 == 0 ? BASE_E8 : Math.round(BASE_E8 * Math.exp(bps / 10_000));
            last = r.onTick(symbol, price, s * 1_000 + 250);
        }
        return last;
    }

    @Test
    void onTick_beforeMinSamplesOfHistory_isUnknown_andKnownOnTheReturnThatCompletesThem() {
        VolatilityRegime r = new VolatilityRegime(P);
        assertThat(alternate(r, "SOL", 0, 60, 2)).isEqualTo(Regime.UNKNOWN); // ticks 0..59: 59 returns
        assertThat(r.volatilityBps()).isNaN();
        assertThat(r.countedSymbols()).isZero();
        assertThat(alternate(r, "SOL", 60, 1, 2)).isEqualTo(Regime.LOW); // the 60th return
        assertThat(r.countedSymbols()).isEqualTo(1);
    }

    @Test
    void onTick_whenPathIsCalm_isLow() {
        VolatilityRegime r = new VolatilityRegime(P);
        assertThat(alternate(r, "SOL", 0, 400, 3)).isEqualTo(Regime.LOW);
        assertThat(r.volatilityBps()).isCloseTo(3, within(0.01));
    }

    @Test
    void onTick_whenPathIsVolatile_isHigh() {
        VolatilityRegime r = new VolatilityRegime(P);
        assertThat(alternate(r, "WIF", 0, 400, 120)).isEqualTo(Regime.HIGH);
        assertThat(r.volatilityBps()).isCloseTo(120, within(0.1));
    }

    @Test
    void onTick_betweenTheThresholds_isNormal() {
        VolatilityRegime r = new VolatilityRegime(P);
        assertThat(alternate(r, "SOL", 0, 400, 25)).isEqualTo(Regime.NORMAL);
    }

    @Test
    void onTick_whenVolatilityFallsJustBelowHigh_staysHigh_untilItLeavesTheHysteresisBand() {
        VolatilityRegime r = new VolatilityRegime(P);
        alternate(r, "SOL", 0, 400, 120);
        // a whole window at 45 bps: below high (50) but within its band (>= 40)
        assertThat(alternate(r, "SOL", 400, 400, 45)).isEqualTo(Regime.HIGH);
        VolatilityRegime fresh = new VolatilityRegime(P);
        assertThat(alternate(fresh, "SOL", 400, 400, 45)).isEqualTo(Regime.NORMAL); // the same figure without history
        assertThat(alternate(r, "SOL", 800, 400, 35)).isEqualTo(Regime.NORMAL);
    }

    @Test
    void onTick_whenVolatilityRisesJustAboveLow_staysLow_untilItLeavesTheHysteresisBand() {
        VolatilityRegime r = new VolatilityRegime(P);
        alternate(r, "SOL", 0, 400, 3);
        assertThat(alternate(r, "SOL", 400, 400, 11)).isEqualTo(Regime.LOW); // above low (10), within its band (< 12)
        assertThat(alternate(new VolatilityRegime(P), "SOL", 400, 400, 11)).isEqualTo(Regime.NORMAL);
        assertThat(alternate(r, "SOL", 800, 400, 13)).isEqualTo(Regime.NORMAL);
    }

    @Test
    void classify_atAndAroundEveryBoundary() {
        assertThat(VolatilityRegime.classify(Regime.NORMAL, 50, P)).isEqualTo(Regime.HIGH);
        assertThat(VolatilityRegime.classify(Regime.NORMAL, 49.999, P)).isEqualTo(Regime.NORMAL);
        assertThat(VolatilityRegime.classify(Regime.NORMAL, 10, P)).isEqualTo(Regime.NORMAL);
        assertThat(VolatilityRegime.classify(Regime.NORMAL, 9.999, P)).isEqualTo(Regime.LOW);
        assertThat(VolatilityRegime.classify(Regime.HIGH, 40, P)).isEqualTo(Regime.HIGH); // 50 x 80 %
        assertThat(VolatilityRegime.classify(Regime.HIGH, 39.999, P)).isEqualTo(Regime.NORMAL);
        assertThat(VolatilityRegime.classify(Regime.HIGH, 5, P)).isEqualTo(Regime.LOW);
        assertThat(VolatilityRegime.classify(Regime.LOW, 11.999, P)).isEqualTo(Regime.LOW); // 10 x 120 %
        assertThat(VolatilityRegime.classify(Regime.LOW, 12, P)).isEqualTo(Regime.NORMAL);
        assertThat(VolatilityRegime.classify(Regime.LOW, 60, P)).isEqualTo(Regime.HIGH);
        assertThat(VolatilityRegime.classify(Regime.UNKNOWN, 45, P)).isEqualTo(Regime.NORMAL);
        assertThat(VolatilityRegime.classify(Regime.UNKNOWN, 11, P)).isEqualTo(Regime.NORMAL);
    }

    @Test
    void onTick_withSeveralSymbols_averagesTheirVolatilities() {
        VolatilityRegime r = new VolatilityRegime(P);
        for (long s = 0; s < 400; s++) { // interleaved, as a feed delivers them
            alternate(r, "SOL", s, 1, 4);
            alternate(r, "BONK", s, 1, 36);
        }
        assertThat(r.countedSymbols()).isEqualTo(2);
        assertThat(r.volatilityBps()).isCloseTo(20, within(0.05));
        assertThat(r.regime()).isEqualTo(Regime.NORMAL); // SOL alone would be LOW
    }

    @Test
    void onTick_symbolWithoutEnoughHistory_isLeftOutOfTheAverage() {
        VolatilityRegime r = new VolatilityRegime(P);
        alternate(r, "SOL", 0, 400, 4);
        alternate(r, "NEW", 400, 30, 200); // 29 returns: not counted yet
        assertThat(r.countedSymbols()).isEqualTo(1);
        assertThat(r.regime()).isEqualTo(Regime.LOW);
    }

    @Test
    void onTick_symbolThatStoppedTicking_leavesTheAverageAfterOneWindow() {
        VolatilityRegime r = new VolatilityRegime(P);
        alternate(r, "HOT", 0, 400, 200); // then silent
        alternate(r, "SOL", 0, 700, 4);
        assertThat(r.countedSymbols()).isEqualTo(1); // HOT's last bucket is 399, the newest 699: a window behind
        assertThat(r.regime()).isEqualTo(Regime.LOW);
    }

    @Test
    void onTick_gapWithoutTicks_countsAZeroReturnPerEmptyInterval() {
        VolatilityRegime r = new VolatilityRegime(P);
        alternate(r, "SOL", 0, 100, 40); // 99 returns of +-40 bps
        r.onTick("SOL", BASE_E8, 300_250); // bucket 99 completes, then 200 empty ones: 300 returns, 99 of them moves
        double a = Math.log((double) Math.round(BASE_E8 * Math.exp(0.004)) / BASE_E8);
        double mean = a / 300; // 50 up moves, 49 down moves, the rest zeros
        double expected = Math.sqrt(99 * a * a / 300 - mean * mean) * 10_000;
        assertThat(r.volatilityBps()).isCloseTo(expected, within(1e-6));
    }

    @Test
    void onTick_tickOlderThanTheCurrentInterval_countsAsItsLastPrice() {
        VolatilityRegime r = new VolatilityRegime(P);
        VolatilityRegime reference = new VolatilityRegime(P);
        alternate(r, "SOL", 0, 100, 30);
        alternate(reference, "SOL", 0, 100, 30);
        r.onTick("SOL", 90_00000000L, 10_000); // late: the price of bucket 99
        reference.onTick("SOL", 90_00000000L, 99_999);
        r.onTick("SOL", BASE_E8, 100_500);
        reference.onTick("SOL", BASE_E8, 100_500);
        assertThat(r.volatilityBps()).isEqualTo(reference.volatilityBps());
    }

    @Test
    void volatility_afterManyLapsOfRandomTicks_matchesANaiveRecomputation() {
        VolatilityRegime r = new VolatilityRegime(P);
        ArrayDeque<Double> naive = new ArrayDeque<>(); // every second's return, the last 300
        Random random = new Random(11);
        long price = BASE_E8;
        long close = price;
        for (int sec = 0; sec < 2_000; sec++) {
            int ticks = random.nextInt(4); // 0 to 3 ticks a second: some intervals are empty
            for (int k = 0; k < ticks; k++) {
                price = Math.max(1, Math.round(price * (1 + random.nextGaussian() * 0.003)));
                r.onTick("SOL", price, sec * 1_000L + k * 300);
            }
            naive.addLast(Math.log((double) price / close));
            close = price;
            if (naive.size() > 300) {
                naive.removeFirst();
            }
        }
        r.onTick("SOL", price, 2_000_000); // completes second 1999 and the empty ones before it
        double mean = naive.stream().mapToDouble(d -> d).average().orElseThrow();
        double var = naive.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / naive.size();
        assertThat(r.volatilityBps()).isCloseTo(Math.sqrt(var) * 10_000, within(1e-6));
    }

    @Test
    void sameTicks_giveTheSameRegimeAndFigure() {
        VolatilityRegime a = new VolatilityRegime(P);
        VolatilityRegime b = new VolatilityRegime(P);
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            long price = BASE_E8 + random.nextInt(1_000_000_000);
            String symbol = i % 3 == 0 ? "SOL" : "WIF";
            assertThat(a.onTick(symbol, price, i * 37L)).isEqualTo(b.onTick(symbol, price, i * 37L));
        }
        assertThat(Double.doubleToLongBits(a.volatilityBps())).isEqualTo(Double.doubleToLongBits(b.volatilityBps()));
    }

    @Test
    void onTick_nonPositivePrice_isIgnored() {
        VolatilityRegime r = new VolatilityRegime(P);
        alternate(r, "SOL", 0, 100, 3);
        double before = r.volatilityBps();
        assertThat(r.onTick("SOL", 0, 200_000)).isEqualTo(Regime.LOW);
        assertThat(r.onTick("SOL", -5, 300_000)).isEqualTo(Regime.LOW);
        assertThat(r.volatilityBps()).isEqualTo(before);
    }

    @Test
    void params_thatCannotWork_areRefusedWithEveryProblem() {
        assertThat(P.problems()).isEmpty();
        assertThat(VolatilityRegime.Params.defaults().problems()).isEmpty();
        assertThat(new VolatilityRegime.Params(1_000, 1_500, 2, 10, 50, 20).problems())
                .containsExactly("the window must be 2 to 86400 whole sample intervals");
        assertThat(new VolatilityRegime.Params(1_000, 60_000, 61, 50, 10, 60).problems()).containsExactly(
                "min samples must be within [2, window / sample interval]",
                "volatility thresholds must satisfy 0 < low < high",
                "hysteresis must be within [0, 50] %");
        assertThat(new VolatilityRegime.Params(1_000, 60_000, 10, 30, 40, 20).problems())
                .containsExactly("the hysteresis bands must not overlap: low x (100 + hysteresis) < high x (100 - hysteresis)");
        assertThatThrownBy(() -> new VolatilityRegime(new VolatilityRegime.Params(0, 0, 2, 10, 50, 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    @Test
    void regimeCodes_areTheMetricValues() {
        assertThat(new int[]{Regime.UNKNOWN.code(), Regime.LOW.code(), Regime.NORMAL.code(), Regime.HIGH.code()})
                .containsExactly(0, 1, 2, 3);
    }
}
