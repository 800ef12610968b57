package memesnipe.bench;

import memesnipe.model.FillEvent;
import memesnipe.model.Side;
import memesnipe.model.money.Fixed;
import memesnipe.risk.portfolio.Portfolio;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A fill booked into risk's portfolio (applied at most once: its id checked and remembered; cash, quantity, cost basis
 * and realised P&L computed exactly), alternately a buy and a sell of the same quantity, beside four other positions.
 */
@State(Scope.Thread)
public class FillBenchmark extends Defaults {
    private static final String[] IDS = new String[1 << 17];

    static {
        for (int k = 0; k < IDS.length; k++) {
            IDS[k] = "f" + k;
        }
    }

    private Portfolio portfolio;
    private FillEvent[] fills;
    private long seq;

    @Setup
    public void setUp() {
        portfolio = new Portfolio(10_000 * Fixed.ONE);
        String[] symbols = {"BONK", "WIF", "PEPE", "JUP"};
        for (int k = 0; k < symbols.length; k++) {
            portfolio.apply(new FillEvent("log", ++seq, "held" + k, "s0", symbols[k], Side.BUY, 5 * Fixed.ONE,
                    10 * Fixed.ONE, 0, 0));
            portfolio.mark(symbols[k], 10 * Fixed.ONE, 0);
        }
        fills = new FillEvent[IDS.length];
        for (int k = 0; k < IDS.length; k++) {
            fills[k] = new FillEvent("log", 0, IDS[k], "s1", "SOL", k % 2 == 0 ? Side.BUY : Side.SELL, 3 * Fixed.ONE,
                    Prices.E8[k & Prices.MASK], 20_000, 0);
        }
    }

    @Benchmark
    public boolean apply() {
        long n = ++seq;
        FillEvent f = fills[(int) n & (IDS.length - 1)];
        // a fresh sequence number on the stream, so the fill is judged new (its id was forgotten a lap ago)
        return portfolio.apply(new FillEvent(f.logId(), n, f.clientOrderId(), f.strategy(), f.symbol(), f.side(),
                f.qtyE8(), f.priceE8(), f.feeE8(), f.timeMs()));
    }
}
