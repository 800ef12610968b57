package memesnipe.backtest.kernel;

import memesnipe.gateway.feed.RawTick;
import memesnipe.model.regime.Regime;
import memesnipe.model.regime.VolatilityRegime;
import memesnipe.strategy.core.Tick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The volatility regime is counted once per accepted tick, and the kernel, the strategies' ticks and risk agree. */
class KernelRegimeTest {
    static final long T0 = TradingKernelTest.T0;

    /** Two symbols, one tick each a second: calm (+-3 bps) for 400 s, then wild (+-150 bps); some ticks malformed. */
    static List<Arrival> calmThenWild() {
        List<Arrival> out = new ArrayList<>();
        for (int k = 0; k < 800; k++) {
            double swing = k < 400 ? 0.0003 : 0.015;
            double up = k % 2 == 1 ? 1 + swing : 1;
            long at = T0 + k * 1_000L;
            out.add(new Arrival(new RawTick("SOL", 150 * up, 1, 2_000_000, at), at));
            out.add(new Arrival(new RawTick("WIF", 2.5 * up, 10, 500_000, at + 400), at + 400));
            if (k % 50 == 0) {
                out.add(new Arrival(new RawTick("WIF", Double.NaN, 10, 500_000, at + 500), at + 500)); // refused
            }
        }
        return out;
    }

    /** Runs the arrivals, checking after each that the strategies' tick, the kernel and risk hold the same regime. */
    static Map<Regime, Integer> runAndCompare(List<Arrival> arrivals) {
        List<Tick> accepted = new ArrayList<>();
        TradingKernel kernel = new TradingKernel(KernelSettings.defaults(), T0, new TradingKernel.Listener() {
            @Override
            public void accepted(Tick tick) {
                accepted.add(tick);
            }
        });
        VolatilityRegime reference = new VolatilityRegime(); // fed what the gateway's validation lets through
        Map<Regime, Integer> seen = new EnumMap<>(Regime.class);
        int rejected = 0;
        for (Arrival a : arrivals) {
            int before = accepted.size();
            kernel.onArrival(a);
            if (accepted.size() == before) {
                rejected++;
                continue;
            }
            Tick t = accepted.get(accepted.size() - 1);
            Regime expected = reference.onTick(t.symbol(), t.priceE8(), t.eventTimeMs());
            assertThat(t.regime()).as("the strategies' tick %s", t.seq()).isEqualTo(expected);
            assertThat(kernel.volatility().regime()).isEqualTo(expected);
            assertThat(kernel.risk().volatility().regime()).as("risk at tick %s", t.seq()).isEqualTo(expected);
            seen.merge(expected, 1, Integer::sum);
        }
        assertThat(Double.doubleToLongBits(kernel.risk().volatility().volatilityBps()))
                .isEqualTo(Double.doubleToLongBits(reference.volatilityBps()));
        assertThat(rejected).isPositive();
        return seen;
    }

    @Test
    void ticksThatMoveTheRegime_giveTheSameRegimeInTheKernelTheStrategiesTickAndRisk() {
        Map<Regime, Integer> seen = runAndCompare(calmThenWild());
        assertThat(seen).containsKeys(Regime.UNKNOWN, Regime.LOW, Regime.HIGH);
    }

    @Test
    void theSimulatedMarket_givesTheSameRegimeInTheKernelTheStrategiesTickAndRisk_NormalByDefault() {
        Map<Regime, Integer> seen = runAndCompare(TradingKernelTest.market(42));
        assertThat(seen.keySet()).containsExactly(Regime.UNKNOWN, Regime.NORMAL); // about 85 to 100 bps a second
    }
}
