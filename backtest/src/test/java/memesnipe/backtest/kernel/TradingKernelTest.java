package memesnipe.backtest.kernel;

import memesnipe.backtest.run.Backtest;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.feed.SimulatedFeed;
import memesnipe.model.FillEvent;
import memesnipe.model.Side;
import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TradingKernelTest {
    static final long T0 = 1_700_000_000_000L;

    /** 20 minutes of the simulated market at 200 events/s (1 % malformed), as the gateway's feed makes it. */
    static List<Arrival> market(long seed) {
        SimulatedFeed feed = new SimulatedFeed(seed, 200, 0.01);
        List<Arrival> ticks = new ArrayList<>();
        for (long t = T0; t < T0 + 20 * 60_000; t += 5) {
            for (RawTick raw : feed.next(t, 1)) {
                ticks.add(new Arrival(raw, t));
            }
        }
        return ticks;
    }

    @Test
    void aRun_tradesThroughValidationStrategiesRiskAndVenue_andPositionsAreTheSumOfItsFills() {
        Backtest.Result r = Backtest.run(KernelSettings.defaults(), market(42), Long.MIN_VALUE, Long.MAX_VALUE, n -> { });
        assertThat(r.events()).isEqualTo(240_000);
        assertThat(r.rejected().values().stream().mapToLong(Long::longValue).sum()).as(r.rejected().toString())
                .isBetween(1_000L, 4_000L);
        assertThat(r.fills()).as("fills").hasSizeGreaterThan(4);
        assertThat(r.trades()).as("round trips").isNotEmpty();
        assertThat(r.fills()).extracting(FillEvent::seq).doesNotHaveDuplicates();
        assertThat(r.fills()).extracting(FillEvent::clientOrderId).doesNotHaveDuplicates();

        // what the risk engine holds at the end is the sum of the fills it was given, per strategy and symbol
        Map<String, Long> net = new HashMap<>();
        long cash = KernelSettings.defaults().capitalE8();
        for (FillEvent f : r.fills()) {
            long signed = f.side() == Side.BUY ? f.qtyE8() : -f.qtyE8();
            net.merge(f.strategy() + "/" + f.symbol(), signed, Long::sum);
            long notional = Fixed.mul(f.qtyE8(), f.priceE8());
            cash += (f.side() == Side.BUY ? -notional : notional) - f.feeE8();
        }
        net.values().removeIf(q -> q == 0);
        assertThat(r.finalEquityE8()).isPositive();
        assertThat(r.equity()).hasSizeGreaterThan(20);
        assertThat(r.equity().get(0).equityE8()).isEqualTo(KernelSettings.defaults().capitalE8());
        // cash from the fills alone equals the engine's cash: nothing was booked that was not filled
        assertThat(cash).isEqualTo(r.finalCashE8());
        assertThat(net).isEqualTo(r.finalPositions());
    }

    @Test
    void theSameDataAndSettings_giveTheSameFills_idForId() {
        List<Arrival> data = market(7);
        Backtest.Result a = Backtest.run(KernelSettings.defaults(), data, Long.MIN_VALUE, Long.MAX_VALUE, n -> { });
        Backtest.Result b = Backtest.run(KernelSettings.defaults(), data, Long.MIN_VALUE, Long.MAX_VALUE, n -> { });
        assertThat(a.fills()).isNotEmpty().isEqualTo(b.fills());
        assertThat(a.finalEquityE8()).isEqualTo(b.finalEquityE8());
    }

    @Test
    void aParticipationCap_fillsOnlyItsShareOfTheTradedVolume_theRestIsNotFilled() {
        List<Arrival> data = market(7);
        Backtest.Result whole = Backtest.run(KernelSettings.defaults(), data, Long.MIN_VALUE, Long.MAX_VALUE, n -> { });
        Backtest.Result capped = Backtest.run(KernelSettings.defaults().withParticipation(1), data, Long.MIN_VALUE,
                Long.MAX_VALUE, n -> { });
        FillEvent first = whole.fills().get(0);
        FillEvent firstCapped = capped.fills().get(0);
        assertThat(firstCapped.clientOrderId()).isEqualTo(first.clientOrderId()); // the same order, partly filled
        assertThat(Fixed.mul(first.qtyE8(), first.priceE8())).isGreaterThan(100 * Fixed.ONE);
        assertThat(firstCapped.qtyE8()).isPositive().isLessThan(first.qtyE8() / 100); // 1 bp of one trade's volume
        assertThat(capped.finalCashE8()).isEqualTo(cashOf(capped)); // what was not filled was never booked
    }

    static long cashOf(Backtest.Result r) {
        long cash = KernelSettings.defaults().capitalE8();
        for (FillEvent f : r.fills()) {
            long notional = Fixed.mul(f.qtyE8(), f.priceE8());
            cash += (f.side() == Side.BUY ? -notional : notional) - f.feeE8();
        }
        return cash;
    }
}
