package memesnipe.gateway.feed.sim;

import memesnipe.model.event.RugRule;
import memesnipe.model.event.TokenRisk;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static memesnipe.gateway.feed.sim.SimRun.T0;
import static org.assertj.core.api.Assertions.assertThat;

class RugPullSimTest {
    static final long HOURS_6 = 6 * 3_600_000L;
    static final long END = T0 + HOURS_6 - 1_000; // the last step
    static final SimRun PLANTED = new SimRun(new RugPullSim(3, true), HOURS_6);
    static final SimRun PLAIN = new SimRun(new RugPullSim(3, false), HOURS_6);

    private static List<TokenRisk> facts(String symbol) {
        return PLANTED.signals.stream().filter(s -> s.symbol().equals(symbol)).map(s -> (TokenRisk) s).toList();
    }

    /** When the token's drain began (its first fact with LP removed), or -1. */
    private static long drainMs(String symbol) {
        return facts(symbol).stream().filter(f -> f.lpRemovedBps() > 0).mapToLong(TokenRisk::eventTimeMs).findFirst()
                .orElse(-1);
    }

    /** When the rug rule flagged the token first, or -1. */
    private static long flagMs(String symbol) {
        return facts(symbol).stream().filter(f -> RugRule.DEFAULT.flag(f).isPresent())
                .mapToLong(TokenRisk::eventTimeMs).findFirst().orElse(-1);
    }

    @Test
    void bothRegimes_reportTheSameValidFacts_andTheSameSeedTheSameRun() {
        assertThat(PLANTED.signals).isEqualTo(PLAIN.signals);
        assertThat(new SimRun(new RugPullSim(3, true), HOURS_6).events).isEqualTo(PLANTED.events);
        assertThat(PLAIN.events).isNotEqualTo(PLANTED.events);
        assertThat(PLANTED.refused).isEmpty();
        assertThat(PLAIN.refused).isEmpty();
    }

    @Test
    void eachToken_reportsEveryTenSecondsFromItsLaunch_cleanOrSketchy_untilItsDrainFlagsIt() {
        int drained = 0;
        int clean = 0;
        for (int i = 0; i < RugPullSim.ASSETS.size(); i++) {
            List<TokenRisk> facts = facts(RugPullSim.ASSETS.get(i).symbol());
            assertThat(facts.get(0).eventTimeMs()).isEqualTo(T0 + i * 1_800_000L);
            List<Integer> lp = new ArrayList<>();
            for (int k = 0; k < facts.size(); k++) {
                TokenRisk f = facts.get(k);
                assertThat(f.eventTimeMs()).isEqualTo(facts.get(0).eventTimeMs() + k * 10_000L);
                assertThat(f.mintAuthorityActive()).isEqualTo(facts.get(0).mintAuthorityActive());
                assertThat(f.top10HoldersBps()).isEqualTo(facts.get(0).top10HoldersBps());
                if (f.lpRemovedBps() > 0 || !lp.isEmpty()) {
                    lp.add(f.lpRemovedBps());
                }
            }
            TokenRisk first = facts.get(0);
            if (first.mintAuthorityActive()) {
                assertThat(first.top10HoldersBps()).isBetween(3_500, 4_499); // sketchy: neither clean nor flagged
            } else {
                assertThat(first.top10HoldersBps()).isBetween(1_000, 2_499);
                clean++;
            }
            if (!lp.isEmpty()) {
                drained++;
                for (int k = 0; k < lp.size(); k++) {
                    assertThat(lp.get(k)).isEqualTo(RugPullSim.DRAIN_BPS[Math.min(k, RugPullSim.DRAIN_BPS.length - 1)]);
                }
                assertThat(flagMs(first.symbol())).isEqualTo(drainMs(first.symbol()) + 20_000);
            }
        }
        assertThat(drained).as("some tokens are rugged, not all").isBetween(1, RugPullSim.ASSETS.size() - 1);
        assertThat(clean).isBetween(1, RugPullSim.ASSETS.size() - 1);
    }

    @Test
    void planted_eachFlagIsFollowedByTheCrash() {
        int crashes = 0;
        for (var asset : RugPullSim.ASSETS) {
            String s = asset.symbol();
            long flag = flagMs(s);
            if (flag >= 0 && flag + 25_000 <= END) {
                assertThat(PLANTED.driftOver(PLAIN, s, flag, flag + 5_000)).isCloseTo(0, Offset.offset(1e-9));
                assertThat(PLANTED.driftOver(PLAIN, s, flag + 5_000, flag + 25_000))
                        .isCloseTo(Math.log(0.65), Offset.offset(1e-9));
                crashes++;
            }
        }
        assertThat(crashes).isPositive();
    }

    @Test
    void planted_cleanTokensDriftUpUntilTheirDrain_sketchyOnesDoNot() {
        RugPullSim.Params d = RugPullSim.Params.defaults();
        RugPullSim.Params noCrash = new RugPullSim.Params(d.launchGapMs(), d.meanLifetimeMs(), d.crashDelayMs(), 0,
                d.cleanDriftPerHour());
        SimRun planted = new SimRun(new RugPullSim(3, true, noCrash), HOURS_6);
        SimRun plain = new SimRun(new RugPullSim(3, false, noCrash), HOURS_6);
        for (int i = 0; i < RugPullSim.ASSETS.size(); i++) {
            String s = RugPullSim.ASSETS.get(i).symbol();
            long launch = T0 + i * 1_800_000L;
            long drain = drainMs(s);
            long until = drain >= 0 ? drain : END;
            double drift = facts(s).get(0).mintAuthorityActive() ? 0 : 0.03 / 3600 * (until - launch) / 1000;
            assertThat(planted.driftOver(plain, s, launch, until)).isCloseTo(drift, Offset.offset(1e-9));
            assertThat(planted.driftOver(plain, s, until, END)).isCloseTo(0, Offset.offset(1e-9));
        }
    }

    @Test
    void notPlanted_tokensCrashAtRandom_neverRightAfterTheirFlag() {
        int crashes = 0;
        for (var asset : RugPullSim.ASSETS) {
            String s = asset.symbol();
            long flag = flagMs(s);
            for (long t = T0; t + 20_000 <= END; t += 1_000) {
                if (PLAIN.move(s, t, t + 20_000) < Math.log(0.75)) {
                    assertThat(flag < 0 || Math.abs(t - flag) > 120_000).as(s + " crashes at " + t).isTrue();
                    crashes++;
                    t += 20_000;
                }
            }
            if (flag >= 0 && flag + 25_000 <= END) {
                assertThat(PLAIN.move(s, flag, flag + 25_000)).isGreaterThan(-0.05);
            }
        }
        assertThat(crashes).isPositive();
    }
}
