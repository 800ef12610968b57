package memesnipe.backtest.report;

import memesnipe.model.money.Fixed;

import java.util.ArrayList;
import java.util.List;

/** Small equity curves and trades written out as decimals, for the tests. */
final class Curves {
    /** 2024-01-01T00:00:00Z */
    static final long T0 = 1_704_067_200_000L;
    static final long HOUR = Sampling.HOUR_MS;
    static final long DAY = Sampling.DAY_MS;

    private Curves() {
    }

    /** One mark every {@code stepMs} from T0 with the given equities. */
    static List<EquityPoint> every(long stepMs, String... equities) {
        List<EquityPoint> curve = new ArrayList<>();
        for (int i = 0; i < equities.length; i++) {
            curve.add(new EquityPoint(T0 + i * stepMs, Fixed.parse(equities[i])));
        }
        return curve;
    }

    static ClosedTrade trade(String strategy, long entryMs, long exitMs, String fees, String netPnl) {
        return new ClosedTrade("SOL", strategy, entryMs, Fixed.parse("100"), exitMs, Fixed.parse("101"),
                Fixed.parse("2"), Fixed.parse(fees), Fixed.parse(netPnl));
    }
}
