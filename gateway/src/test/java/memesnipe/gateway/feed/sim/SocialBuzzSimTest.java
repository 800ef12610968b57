package memesnipe.gateway.feed.sim;

import memesnipe.gateway.feed.RawTick;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.SocialMentions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SocialBuzzSimTest {
    static final long T0 = 1_700_000_000_000L;
    static final long HOURS_12 = 12 * 3_600_000L;
    static final long DRIFT_MS = 480_000;

    /** Burst starts as the reports show them: sentiment beyond ±0.4 and at least twice the count, after a calm report. */
    private static List<SocialMentions> burstStarts(List<MarketSignal> signals, boolean positive) {
        Map<String, SocialMentions> previous = new HashMap<>();
        List<SocialMentions> out = new ArrayList<>();
        for (MarketSignal s : signals) {
            SocialMentions m = (SocialMentions) s;
            SocialMentions before = previous.put(m.symbol(), m);
            if (before != null && Math.abs(before.sentiment()) < 0.4 && Math.abs(m.sentiment()) >= 0.4
                    && m.mentions() >= 2 * before.mentions() && (m.sentiment() > 0) == positive) {
                out.add(m);
            }
        }
        return out;
    }

    @Test
    void everySymbolIsReportedEveryMinute_fromSourceX_andTheSameSeedGivesTheSameEvents() {
        SimTrace run = SimTrace.of(new SocialBuzzSim(4, false), T0, T0 + 3_600_000, 1_000);
        assertThat(run).isEqualTo(SimTrace.of(new SocialBuzzSim(4, false), T0, T0 + 3_600_000, 1_000));
        assertThat(run.signals()).hasSize(3 * 59).allSatisfy(s -> {
            SocialMentions m = (SocialMentions) s;
            assertThat(m.windowMs()).isEqualTo(60_000);
            assertThat(m.source()).isEqualTo(SocialBuzzSim.SOURCE);
            assertThat((m.eventTimeMs() - T0) % 60_000).isZero();
        });
        assertThat(run.ticks("BOME")).hasSize(3_600);
    }

    @Test
    void plantedOrNot_theReportsAreTheSame_withBurstsOfBothSentiments() {
        List<MarketSignal> planted = SimTrace.of(new SocialBuzzSim(4, true), T0, T0 + HOURS_12, 1_000).signals();
        List<MarketSignal> plain = SimTrace.of(new SocialBuzzSim(4, false), T0, T0 + HOURS_12, 1_000).signals();
        assertThat(planted).isEqualTo(plain);
        // about one burst per symbol per 25 minutes, half of either sign: ~43 of each in 12 hours
        assertThat(burstStarts(plain, true)).hasSizeBetween(20, 70);
        assertThat(burstStarts(plain, false)).hasSizeBetween(20, 70);
    }

    @Test
    void whenPlanted_thePriceRisesByTheDriftAfterEachPositiveBurst_andByNothingAfterANegativeOne() {
        SimTrace plantedRun = SimTrace.of(new SocialBuzzSim(4, true), T0, T0 + HOURS_12, 1_000);
        SimTrace plainRun = SimTrace.of(new SocialBuzzSim(4, false), T0, T0 + HOURS_12, 1_000);
        Map<String, TreeMap<Long, RawTick>> planted = plantedRun.bySymbol();
        Map<String, TreeMap<Long, RawTick>> plain = plainRun.bySymbol();
        List<SocialMentions> positive = burstStarts(plainRun.signals(), true);
        List<SocialMentions> negative = burstStarts(plainRun.signals(), false);
        // the same noise in both runs: the planted run's excess return is the planted drift alone
        for (SocialMentions m : positive) {
            if (m.eventTimeMs() + DRIFT_MS < T0 + HOURS_12) {
                assertThat(excess(planted, plain, m.symbol(), m.eventTimeMs())).as("after %s", m)
                        .isCloseTo(0.02, within(1e-9));
            }
        }
        int quiet = 0;
        for (SocialMentions m : negative) {
            boolean nearAPositiveOne = plainRun.signals().stream().map(s -> (SocialMentions) s).anyMatch(p ->
                    p.symbol().equals(m.symbol()) && p.sentiment() >= 0.4
                    && Math.abs(p.eventTimeMs() - m.eventTimeMs()) < DRIFT_MS); // its drift would overlap
            if (!nearAPositiveOne && m.eventTimeMs() + DRIFT_MS < T0 + HOURS_12) {
                assertThat(excess(planted, plain, m.symbol(), m.eventTimeMs())).as("after %s", m)
                        .isCloseTo(0, within(1e-9));
                quiet++;
            }
        }
        assertThat(quiet).isGreaterThan(10);
    }

    /** The planted run's log return over the drift's length from fromMs minus the unplanted run's. */
    private static double excess(Map<String, TreeMap<Long, RawTick>> planted, Map<String, TreeMap<Long, RawTick>> plain,
                                 String symbol, long fromMs) {
        return SimTrace.logReturn(planted.get(symbol), fromMs, fromMs + DRIFT_MS)
                - SimTrace.logReturn(plain.get(symbol), fromMs, fromMs + DRIFT_MS);
    }
}
