package memesnipe.backtest.kernel;

import memesnipe.backtest.run.Backtest;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayEvent;
import memesnipe.gateway.replay.ReplayFiles;
import memesnipe.gateway.replay.ReplayFormat;
import memesnipe.model.FillEvent;
import memesnipe.model.Side;
import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.strategy.core.SmaCross;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The kernel against an independent reference on the real Bitstamp BTC/USD trades ta4j-examples ships: a 10/30
 * crossover of 5-minute bar closes, fully invested on each entry. The reference below groups the trades into bars and
 * finds the crossings in plain loops (no kernel, strategy or money code); the kernel must fill at exactly the trades
 * that closed those bars, and its total return must be the product of the trade returns net of the stated fee.
 */
class SmaCrossBtcReferenceTest {
    static final int FAST = 10;
    static final int SLOW = 30;
    static final long BAR_MS = 300_000;
    static final int FEE_BPS = 25;

    /** A bar's close and the trade that closed it (the first trade of a later bar). */
    record Bar(BigDecimal close, int closedByTrade) {
    }

    record Crossing(int trade, boolean up) {
    }

    static List<Bar> bars(List<ReplayEvent> trades) {
        List<Bar> out = new ArrayList<>();
        long open = Math.floorDiv(trades.get(0).eventTimeMs(), BAR_MS);
        BigDecimal last = trades.get(0).price();
        for (int i = 1; i < trades.size(); i++) {
            long bar = Math.floorDiv(trades.get(i).eventTimeMs(), BAR_MS);
            if (bar > open) {
                out.add(new Bar(last, i));
                open = bar;
            }
            last = trades.get(i).price();
        }
        return out; // the last bar never closes
    }

    static List<Crossing> crossings(List<Bar> bars) {
        List<Crossing> out = new ArrayList<>();
        boolean isLong = false;
        for (int i = SLOW; i < bars.size(); i++) {
            int before = fastVersusSlow(bars, i - 1);
            int now = fastVersusSlow(bars, i);
            if (!isLong && before <= 0 && now > 0) {
                out.add(new Crossing(bars.get(i).closedByTrade(), true));
                isLong = true;
            } else if (isLong && before >= 0 && now < 0) {
                out.add(new Crossing(bars.get(i).closedByTrade(), false));
                isLong = false;
            }
        }
        return out;
    }

    /** Sign of (mean of the FAST closes ending at bar i) - (mean of the SLOW ones), exactly, in decimals. */
    static int fastVersusSlow(List<Bar> bars, int i) {
        BigDecimal fast = BigDecimal.ZERO;
        BigDecimal slow = BigDecimal.ZERO;
        for (int k = 0; k < SLOW; k++) {
            BigDecimal close = bars.get(i - k).close();
            slow = slow.add(close);
            if (k < FAST) {
                fast = fast.add(close);
            }
        }
        return fast.multiply(BigDecimal.valueOf(SLOW)).compareTo(slow.multiply(BigDecimal.valueOf(FAST)));
    }

    @Test
    void smaCrossoverOnFiveMinuteBars_ofRealBtcTrades_fillsAtTheReferencesTrades_andCompoundsItsTradeReturns()
            throws Exception {
        ReplayData btc;
        try (InputStream in = getClass().getResourceAsStream("/bitstamp_trades_from_20131125_usd.csv")) {
            assertThat(in).as("ta4j-examples on the test classpath").isNotNull();
            btc = ReplayFiles.read(in, "ta4j-examples", "bitstamp_trades_from_20131125_usd.csv", ReplayFormat.TRADES_CSV,
                    "BTC");
        }
        List<ReplayEvent> trades = btc.events();
        assertThat(trades).hasSize(100_000);
        List<RawTick> ticks = trades.stream()
                .map(e -> new RawTick("BTC", e.priceDouble(), e.volumeDouble(), 1e9, e.eventTimeMs())).toList();

        // fully invested: risk resizes the (huge) order to 100 % of equity, and stays out of the strategy's way
        RiskLimits d = RiskLimits.defaults();
        RiskLimits allIn = new RiskLimits(10_000, 10_000, 10_000, 10_000, d.maxOpenPositions(), d.minNotionalE8(),
                86_400_000, 86_400_000, d.entriesPerSecond(), d.entryBurst(), 9_999, 9_999,
                Fixed.parse("1000000000"), d.maxOrderQtyE8());
        BreakerThresholds never = new BreakerThresholds(9_000, 9_500, 9_900, 9_000, 9_500, 9_900, 50, 60_000,
                List.of(100), 60_000, ZoneId.of("UTC"));
        KernelSettings settings = KernelSettings.defaults().withStrategies(List.of(SmaCross.NAME)).withCosts(0, FEE_BPS)
                .withRiskLimits(allIn).withThresholds(never).withEntryNotional(Fixed.parse("1000000000"));
        Backtest.Result r = Backtest.run(settings, () -> List.of(new SmaCross(new SmaCross.Params(FAST, SLOW, BAR_MS))),
                Arrival.asRecorded(ticks), Long.MIN_VALUE, Long.MAX_VALUE, n -> { });
        assertThat(r.rejected().values().stream().mapToLong(Long::longValue).sum()).as("every trade accepted").isZero();

        List<Crossing> expected = crossings(bars(trades));
        assertThat(expected).as("crossings in the week").hasSizeGreaterThan(20);
        assertThat(r.breaker()).isEmpty();
        List<String> kernel = r.fills().stream().map(f -> f.side() + " at " + f.timeMs() + " @ " + f.priceE8()).toList();
        List<String> ref = expected.stream().map(c -> (c.up() ? Side.BUY : Side.SELL) + " at "
                + trades.get(c.trade()).eventTimeMs() + " @ " + Fixed.parse(trades.get(c.trade()).price().toPlainString()))
                .toList();
        assertThat(kernel).isEqualTo(ref);

        // each round trip multiplies equity by (exit / entry) (1 - f) - f, f the fee rate on each leg's notional
        double f = FEE_BPS / 10_000.0;
        double growth = 1;
        int roundTrips = expected.size() / 2;
        for (int t = 0; t < roundTrips; t++) {
            double entry = trades.get(expected.get(2 * t).trade()).priceDouble();
            double exit = trades.get(expected.get(2 * t + 1).trade()).priceDouble();
            growth *= exit / entry * (1 - f) - f;
        }
        double capital = Fixed.toDouble(settings.capitalE8());
        double lastExitEquity = capital;
        for (FillEvent fill : r.fills()) {
            assertThat(fill.feeE8()).isPositive();
        }
        assertThat(r.trades()).hasSize(roundTrips);
        for (var trade : r.trades()) {
            lastExitEquity += Fixed.toDouble(trade.netPnlE8());
        }
        double kernelReturn = lastExitEquity / capital - 1;
        // the only differences: quantities cut to 1e-8 BTC and fees cut to 1e-8 USD, far below a millionth of equity
        assertThat(kernelReturn).isCloseTo(growth - 1, within(1e-6));
        assertThat(Math.abs(growth - 1)).as("the strategy's return is not trivially zero").isGreaterThan(0.01);
    }
}
