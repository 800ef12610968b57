package memesnipe.bench;

import memesnipe.strategy.core.Signal;
import memesnipe.strategy.core.Strategies;
import memesnipe.strategy.core.Strategy;
import memesnipe.strategy.core.Tick;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/** One strategy on one tick (the tick made as the kernel makes it), one event every 250 ms of event time. */
@State(Scope.Thread)
public class StrategyBenchmark extends Defaults {
    @Param({"sma_cross", "momentum_5m", "mean_revert_1h"})
    public String strategy;

    private Strategy s;
    private long seq;

    @Setup
    public void setUp() {
        s = Strategies.create(strategy).orElseThrow();
    }

    @Benchmark
    public List<Signal> onTick() {
        long n = ++seq;
        long time = 1_700_000_000_000L + 250 * n;
        return s.onTick(Tick.of("SOL", Prices.E8[(int) n & Prices.MASK], n, time, time));
    }
}
