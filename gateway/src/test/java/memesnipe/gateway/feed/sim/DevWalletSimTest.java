package memesnipe.gateway.feed.sim;

import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static memesnipe.gateway.feed.sim.SimRun.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class DevWalletSimTest {
    static final long HOURS_4 = 4 * 3_600_000L;
    static final DevWalletSim.Model M = DevWalletSim.Model.defaults();

    /** Each drain of the symbol: its chunks in order (a drain ends when the dev holds more again or pauses longer). */
    private static List<List<WalletTransfer>> drains(SimRun run, String symbol) {
        List<List<WalletTransfer>> out = new ArrayList<>();
        WalletTransfer previous = null;
        for (WalletTransfer w : run.of(WalletTransfer.class)) {
            if (!w.symbol().equals(symbol) || w.from() != WalletLabel.DEV) {
                continue;
            }
            if (previous == null || w.senderRemainingBps() >= previous.senderRemainingBps()
                    || w.eventTimeMs() - previous.eventTimeMs() > M.maxGapMs()) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(w);
            previous = w;
        }
        return out;
    }

    private static boolean completed(List<WalletTransfer> drain) {
        return drain.get(drain.size() - 1).senderRemainingBps() <= M.maxResidualBps();
    }

    @Test
    void devWallets_sellInChunksToAnExchange_someDrainingToAFewBps_someStoppingWithSupplyLeft() {
        SimRun run = new SimRun(new DevWalletSim(3, false), HOURS_4);
        int completed = 0;
        int stopped = 0;
        for (String symbol : DevWalletSim.SYMBOLS) {
            List<List<WalletTransfer>> drains = drains(run, symbol);
            for (List<WalletTransfer> drain : drains.subList(0, drains.size() - 1)) { // the last may be under way
                assertThat(drain).allMatch(w -> w.to() == WalletLabel.EXCHANGE);
                assertThat(drain.get(0).supplyBps()).isBetween(M.minChunkBps(), M.maxChunkBps());
                int sold = drain.stream().mapToInt(WalletTransfer::supplyBps).sum();
                assertThat(sold + drain.get(drain.size() - 1).senderRemainingBps())
                        .isBetween(M.minHoldingBps(), M.maxHoldingBps());
                for (int i = 1; i < drain.size(); i++) {
                    long gap = drain.get(i).eventTimeMs() - drain.get(i - 1).eventTimeMs();
                    assertThat(gap).isBetween(M.minGapMs(), M.maxGapMs());
                }
                if (completed(drain)) {
                    completed++;
                } else {
                    stopped++;
                    assertThat(drain).hasSizeLessThanOrEqualTo(2);
                }
            }
        }
        assertThat(completed).isGreaterThanOrEqualTo(8);
        assertThat(stopped).isGreaterThanOrEqualTo(1);
        assertThat(run.of(WalletTransfer.class)).anyMatch(w -> w.from() == WalletLabel.UNKNOWN);
    }

    @Test
    void eachChunk_dropsThePriceByItsShareOfSupply_inBothRegimes() {
        DevWalletSim.Model noDrop = new DevWalletSim.Model(M.meanIdleMs(), M.minHoldingBps(), M.maxHoldingBps(),
                M.minChunkBps(), M.maxChunkBps(), M.minGapMs(), M.maxGapMs(), M.maxResidualBps(), M.abort(), 0,
                M.dropMs(), M.rebound(), M.reboundMs());
        SimRun run = new SimRun(new DevWalletSim(4, false), HOURS_4);
        SimRun flat = new SimRun(new DevWalletSim(4, false, noDrop), HOURS_4); // the same noise, no drops
        assertThat(run.signals).isEqualTo(flat.signals);
        for (WalletTransfer w : run.of(WalletTransfer.class)) {
            if (w.from() == WalletLabel.DEV && w.eventTimeMs() + M.dropMs() <= T0 + HOURS_4) {
                double drop = run.driftOver(flat, w.symbol(), w.eventTimeMs(), w.eventTimeMs() + M.dropMs());
                assertThat(drop).isCloseTo(-w.supplyBps() * M.dropPerBps(), offset(1e-9));
            }
        }
    }

    @Test
    void planted_aCompletedDrainIsFollowedByTheRebound_andTheSameTransfersHappenUnplanted() {
        SimRun planted = new SimRun(new DevWalletSim(5, true), HOURS_4);
        SimRun plain = new SimRun(new DevWalletSim(5, false), HOURS_4);
        assertThat(planted.signals).isEqualTo(plain.signals);
        int rebounds = 0;
        for (String symbol : DevWalletSim.SYMBOLS) {
            for (List<WalletTransfer> drain : drains(plain, symbol)) {
                long dropEnd = drain.get(drain.size() - 1).eventTimeMs() + M.dropMs();
                if (!completed(drain) || dropEnd + M.reboundMs() > T0 + HOURS_4) {
                    continue;
                }
                rebounds++;
                assertThat(planted.driftOver(plain, symbol, dropEnd, dropEnd + M.reboundMs()))
                        .isCloseTo(M.rebound(), offset(1e-9));
                assertThat(planted.driftOver(plain, symbol, drain.get(0).eventTimeMs(), dropEnd))
                        .isCloseTo(0, offset(1e-9)); // nothing planted while the dev sells
            }
        }
        assertThat(rebounds).isGreaterThanOrEqualTo(8);
    }
}
