package memesnipe.gateway.feed.sim;

import memesnipe.model.event.BridgeFlow;
import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static memesnipe.gateway.feed.sim.SimRun.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class BridgeFlowSimTest {
    static final long HOURS_4 = 4 * 3_600_000L;
    static final BridgeFlowSim.Model M = BridgeFlowSim.Model.defaults();

    @Test
    void everyRoute_reportsAFlowEvery10s_namedForItsDestinationsToken() {
        SimRun run = new SimRun(new BridgeFlowSim(1, false), 60_000);
        List<BridgeFlow> flows = run.of(BridgeFlow.class);

        assertThat(flows).hasSize(7 * 6); // at 0, 10, ..., 60 s
        assertThat(flows).allMatch(f -> (f.eventTimeMs() - T0) % M.flowEveryMs() == 0 && f.usdE8() > 0
                && !f.sourceChain().equals(f.destinationChain()) && f.asset().equals("USDC"));
        assertThat(flows).extracting(f -> f.destinationChain() + ":" + f.symbol())
                .containsOnly("ethereum:ETH", "solana:SOL", "avalanche:AVAX");
    }

    @Test
    void aSurge_multipliesTheInflowsIntoItsChain() {
        BridgeFlowSim sim = new BridgeFlowSim(2, false);
        SimRun run = new SimRun(sim, HOURS_4);
        assertThat(sim.surges()).hasSizeGreaterThanOrEqualTo(10);
        for (BridgeFlowSim.Surge s : sim.surges()) {
            double during = meanInflow(run, s.chain(), s.startMs() + 1, s.untilMs() - 1);
            double before = meanInflow(run, s.chain(), s.startMs() - 600_000, s.startMs());
            assertThat(during / before).as("surge %s", s).isGreaterThan(0.6 * s.multiple());
        }
    }

    @Test
    void planted_aSurgeIsFollowedByTheDrift_andTheSameFlowsHappenUnplanted() {
        BridgeFlowSim plantedSim = new BridgeFlowSim(3, true);
        SimRun planted = new SimRun(plantedSim, HOURS_4);
        BridgeFlowSim plainSim = new BridgeFlowSim(3, false);
        SimRun plain = new SimRun(plainSim, HOURS_4);
        assertThat(planted.signals).isEqualTo(plain.signals);
        assertThat(plantedSim.surges()).isEqualTo(plainSim.surges()).hasSizeGreaterThanOrEqualTo(10);
        for (BridgeFlowSim.Surge s : plantedSim.surges()) {
            if (s.startMs() + M.driftMs() <= T0 + HOURS_4) {
                assertThat(planted.driftOver(plain, s.symbol(), s.startMs(), s.startMs() + M.driftMs()))
                        .isCloseTo(M.drift(), offset(1e-9));
            }
        }
        assertThat(planted.driftOver(plain, "ETH", T0, plantedSim.surges().stream()
                .filter(s -> s.symbol().equals("ETH")).findFirst().orElseThrow().startMs()))
                .isCloseTo(0, offset(1e-9)); // nothing planted before the first surge
    }

    /** Mean USD per flow into the chain between two times (inclusive). */
    private static double meanInflow(SimRun run, String chain, long fromMs, long toMs) {
        return run.of(BridgeFlow.class).stream()
                .filter(f -> f.destinationChain().equals(chain) && f.eventTimeMs() >= fromMs && f.eventTimeMs() <= toMs)
                .mapToDouble(f -> Fixed.toDouble(f.usdE8())).average().orElseThrow();
    }
}
