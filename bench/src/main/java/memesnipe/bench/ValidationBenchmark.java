package memesnipe.bench;

import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.validation.RejectReason;
import memesnipe.gateway.validation.TickValidator;
import memesnipe.gateway.validation.ValidationLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Optional;

/** The gateway's validation of one raw market event (symbol, price, volume, times, deviation, liquidity). */
@State(Scope.Thread)
public class ValidationBenchmark extends Defaults {
    private TickValidator validator;
    private RawTick[] ticks;
    private int i;

    @Setup
    public void setUp() {
        validator = new TickValidator(ValidationLimits.DEFAULTS, LotExponents.NONE);
        ticks = new RawTick[Prices.SIZE];
        for (int k = 0; k < Prices.SIZE; k++) {
            ticks[k] = new RawTick("SOL", Prices.UNIT[k], 12.5, 1e9, 1_700_000_000_000L + 250L * k);
        }
    }

    @Benchmark
    public Optional<RejectReason> validate() {
        RawTick t = ticks[i++ & Prices.MASK];
        return validator.validate(t, t.eventTimeMs() + 20);
    }
}
