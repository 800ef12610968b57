package memesnipe.bench;

import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.backtest.kernel.TradingKernel;
import memesnipe.gateway.feed.RawTick;
import memesnipe.strategy.core.SmaCross;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;

/**
 * One market event through the whole kernel (validation, sma_cross, risk with its breaker, the paper venue, fills
 * back), an event every 250 ms of data time; `memesnipe bench backtest` runs the same on real trades.
 */
@State(Scope.Thread)
@Warmup(iterations = 10, time = 2) // the decision path is large: C2 takes long on a busy 2-core machine
public class KernelBenchmark extends Defaults {
    private TradingKernel kernel;
    private long n;

    @Setup
    public void setUp() {
        kernel = new TradingKernel(KernelSettings.defaults(), 1_700_000_000_000L, new TradingKernel.Listener() {
        }, List.of(new SmaCross()));
    }

    @Benchmark
    public long onTick() {
        long at = 1_700_000_000_000L + 250 * ++n;
        kernel.onTick(new RawTick("BTC", Prices.UNIT[(int) n & Prices.MASK], 0.5, 1e9, at), at);
        return kernel.now();
    }
}
