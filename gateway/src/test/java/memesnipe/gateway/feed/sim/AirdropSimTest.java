package memesnipe.gateway.feed.sim;

import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static memesnipe.gateway.feed.sim.SimRun.T0;
import static org.assertj.core.api.Assertions.assertThat;

class AirdropSimTest {
    static final long HOURS_4 = 4 * 3_600_000L;
    static final SimRun PLANTED = new SimRun(new AirdropSim(7, true), HOURS_4);
    static final SimRun PLAIN = new SimRun(new AirdropSim(7, false), HOURS_4);

    private static List<TokenEvent> events(TokenEventKind kind) {
        return PLANTED.signals.stream().map(s -> (TokenEvent) s).filter(e -> e.eventKind() == kind).toList();
    }

    @Test
    void bothRegimes_emitTheSameValidEvents_andTheSameSeedTheSameRun() {
        assertThat(PLANTED.signals).isEqualTo(PLAIN.signals);
        assertThat(new SimRun(new AirdropSim(7, true), HOURS_4).events).isEqualTo(PLANTED.events);
        assertThat(PLAIN.events).isNotEqualTo(PLANTED.events);
        assertThat(PLANTED.refused).isEmpty();
        assertThat(PLAIN.refused).isEmpty();
        assertThat(events(TokenEventKind.AIRDROP_ANNOUNCED)).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void eachAnnouncement_isFollowedByItsSnapshotThenItsClaimOpening_onSchedule() {
        for (TokenEvent a : events(TokenEventKind.AIRDROP_ANNOUNCED)) {
            assertThat(a.snapshotTimeMs() - a.eventTimeMs()).isBetween(1_200_000L, 2_400_000L);
            assertThat(a.claimTimeMs() - a.snapshotTimeMs()).isBetween(300_000L, 900_000L);
            List<String> after = PLANTED.signals.stream().filter(s -> s.symbol().equals(a.symbol())
                            && s.eventTimeMs() > a.eventTimeMs() && s.eventTimeMs() <= a.claimTimeMs())
                    .map(s -> ((TokenEvent) s).eventKind() + "@" + (s.eventTimeMs() - a.eventTimeMs())).toList();
            if (a.claimTimeMs() < T0 + HOURS_4) {
                assertThat(after).containsExactly(TokenEventKind.AIRDROP_SNAPSHOT + "@" + (a.snapshotTimeMs() - a.eventTimeMs()),
                        TokenEventKind.AIRDROP_CLAIM_OPEN + "@" + (a.claimTimeMs() - a.eventTimeMs()));
            }
        }
    }

    @Test
    void planted_thePriceRunsUpThreePercentToTheSnapshot_andDropsFourAfterTheClaims() {
        int checked = 0;
        for (TokenEvent a : events(TokenEventKind.AIRDROP_ANNOUNCED)) {
            long dumpEnd = a.claimTimeMs() + 600_000;
            if (dumpEnd >= T0 + HOURS_4) {
                continue;
            }
            String s = a.symbol();
            assertThat(PLANTED.driftOver(PLAIN, s, a.eventTimeMs(), a.snapshotTimeMs()))
                    .isCloseTo(Math.log(1.03), Offset.offset(1e-9));
            assertThat(PLANTED.driftOver(PLAIN, s, a.snapshotTimeMs(), a.claimTimeMs())).isCloseTo(0, Offset.offset(1e-9));
            assertThat(PLANTED.driftOver(PLAIN, s, a.claimTimeMs(), dumpEnd)).isCloseTo(Math.log(0.96), Offset.offset(1e-9));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }
}
