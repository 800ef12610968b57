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
import memesnipe.performance.ClosedTrade;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.strategy.core.SmaCross;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel against an independent reference: a 10/30 moving-average crossover on the real ETH/USD 5-minute bars
 * ta4j-examples ships. The reference below is a plain loop over the closes (no kernel, strategy or money code): its
 * entry and exit bars must be the kernel's fills, and each round trip's P&L must be what the stated fee makes of them.
 */
class SmaCrossReferenceTest {
    static final int FAST = 10;
    static final int SLOW = 30;
    static final int FEE_BPS = 10;
    static final BigDecimal ORDER_USD = new BigDecimal("200");

    record Crossing(int bar, boolean up) {
    }

    static List<Crossing> reference(List<BigDecimal> closes) {
        List<Crossing> out = new ArrayList<>();
        boolean isLong = false;
        for (int i = SLOW; i < closes.size(); i++) {
            int before = fastVersusSlow(closes, i - 1);
            int now = fastVersusSlow(closes, i);
            if (!isLong && before <= 0 && now > 0) {
                out.add(new Crossing(i, true));
                isLong = true;
            } else if (isLong && before >= 0 && now < 0) {
                out.add(new Crossing(i, false));
                isLong = false;
            }
        }
        return out;
    }

    /** Sign of (mean of the FAST closes ending at bar i) - (mean of the SLOW ones), exactly, in decimals. */
    static int fastVersusSlow(List<BigDecimal> closes, int i) {
        BigDecimal fast = sum(closes, i, FAST).multiply(BigDecimal.valueOf(SLOW));
        BigDecimal slow = sum(closes, i, SLOW).multiply(BigDecimal.valueOf(FAST));
        return fast.compareTo(slow);
    }

    static BigDecimal sum(List<BigDecimal> closes, int i, int n) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < n; k++) {
            sum = sum.add(closes.get(i - k));
        }
        return sum;
    }

    @Test
    void smaCrossover_onRealEthBars_fillsAtTheReferencesBars_andEachTradeNetsItsFees() throws Exception {
        ReplayData eth;
        try (InputStream in = getClass().getResourceAsStream("/ETH-USD-PT5M-2023-3-13_2023-3-15.json")) {
            assertThat(in).as("ta4j-examples on the test classpath").isNotNull();
            eth = ReplayFiles.read(in, "ta4j-examples", "ETH-USD-PT5M-2023-3-13_2023-3-15.json", ReplayFormat.BARS_JSON,
                    "ETH");
        }
        assertThat(eth.events()).hasSize(580);
        List<BigDecimal> closes = eth.events().stream().map(ReplayEvent::price).toList();
        List<RawTick> ticks = eth.events().stream()
                .map(e -> new RawTick("ETH", e.priceDouble(), e.volumeDouble(), 1e9, e.eventTimeMs())).toList();

        // risk out of the strategy's way: bars are 5 minutes apart (no staleness alarm between them) and no stop-loss
        RiskLimits d = RiskLimits.defaults();
        RiskLimits quiet = new RiskLimits(d.perTradeBps(), d.strategyCapBps(), d.symbolCapBps(), d.grossCapBps(),
                d.maxOpenPositions(), d.minNotionalE8(), 600_000, 3_600_000, d.entriesPerSecond(), d.entryBurst(),
                d.portfolioStopBps(), 9_999, d.maxOrderNotionalE8(), d.maxOrderQtyE8());
        KernelSettings settings = KernelSettings.defaults().withStrategies(List.of(SmaCross.NAME)).withCosts(0, FEE_BPS)
                .withRiskLimits(quiet);
        Backtest.Result r = Backtest.run(settings, Arrival.asRecorded(ticks), Long.MIN_VALUE, Long.MAX_VALUE, n -> { });

        List<Crossing> expected = reference(closes);
        assertThat(expected).as("crossings in the data").hasSizeGreaterThan(6);
        assertThat(r.breaker()).as("the breaker stayed out of it").isEmpty();
        List<String> kernel = r.fills().stream().map(f -> f.side() + " at " + f.timeMs() + " @ " + f.priceE8()).toList();
        List<String> ref = expected.stream().map(c -> (c.up() ? Side.BUY : Side.SELL) + " at "
                + eth.events().get(c.bar()).eventTimeMs() + " @ " + closes.get(c.bar()).movePointRight(8)
                .setScale(0, RoundingMode.HALF_UP)).toList();
        assertThat(kernel).isEqualTo(ref);

        // each round trip: quantity = size / entry price (cut to 1e-8), fee 10 bps of each leg's notional (cut)
        List<ClosedTrade> trades = r.trades();
        assertThat(trades).hasSize(expected.size() / 2);
        BigDecimal total = BigDecimal.ZERO;
        for (int t = 0; t < trades.size(); t++) {
            BigDecimal entry = closes.get(expected.get(2 * t).bar());
            BigDecimal exit = closes.get(expected.get(2 * t + 1).bar());
            // risk's per-trade cap, 2 % of equity (10,000 USD plus the trades so far: flat in between), binds after a loss
            BigDecimal equity = new BigDecimal("10000").add(total);
            BigDecimal size = ORDER_USD.min(equity.multiply(new BigDecimal("0.02")).setScale(8, RoundingMode.DOWN));
            BigDecimal qty = size.divide(entry, 8, RoundingMode.DOWN);
            BigDecimal buy = qty.multiply(entry).setScale(8, RoundingMode.DOWN);
            BigDecimal sell = qty.multiply(exit).setScale(8, RoundingMode.DOWN);
            BigDecimal fees = fee(buy).add(fee(sell));
            BigDecimal net = sell.subtract(buy).subtract(fees);
            assertThat(BigDecimal.valueOf(trades.get(t).netPnlE8(), 8)).as("trade " + t + " " + trades.get(t))
                    .isEqualByComparingTo(net);
            assertThat(BigDecimal.valueOf(trades.get(t).feesE8(), 8)).isEqualByComparingTo(fees);
            total = total.add(net);
        }
        // flat at the end (the last crossing is an exit, or the open position is valued at its last close)
        if (expected.size() % 2 == 0) {
            assertThat(BigDecimal.valueOf(r.finalEquityE8(), 8))
                    .isEqualByComparingTo(new BigDecimal("10000").add(total));
        }
        assertThat(r.fills()).extracting(FillEvent::strategy).containsOnly(SmaCross.NAME);
        assertThat(Fixed.ONE).isEqualTo(100_000_000L);
    }

    static BigDecimal fee(BigDecimal notional) {
        return notional.multiply(BigDecimal.valueOf(FEE_BPS)).divide(BigDecimal.valueOf(10_000), 8, RoundingMode.DOWN);
    }
}
