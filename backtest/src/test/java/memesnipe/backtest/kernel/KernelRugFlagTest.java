package memesnipe.backtest.kernel;

import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.model.Decision;
import memesnipe.model.DenyReason;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.Purpose;
import memesnipe.model.event.TokenRisk;
import memesnipe.strategy.core.ExitBps;
import memesnipe.strategy.core.Signal;
import memesnipe.strategy.core.Strategy;
import memesnipe.strategy.core.Tick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A rug flag through the kernel: risk flattens the token in every strategy and refuses entries in it. */
class KernelRugFlagTest {
    static final long T0 = 1_700_000_000_000L;

    /** Buys each of its symbols once, on the symbol's first tick at or after a time. */
    static final class BuysFrom implements Strategy {
        final String name;
        final long fromMs;
        final Set<String> symbols;
        final Set<String> bought = new HashSet<>();

        BuysFrom(String name, long fromMs, String... symbols) {
            this.name = name;
            this.fromMs = fromMs;
            this.symbols = Set.of(symbols);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Signal> onTick(Tick tick) {
            if (tick.eventTimeMs() >= fromMs && symbols.contains(tick.symbol()) && bought.add(tick.symbol())) {
                return List.of(Signal.enter(name, tick, () -> "scripted", new ExitBps(0, 0, 0)));
            }
            return List.of();
        }

        @Override
        public void onRejected(String symbol) {
        }
    }

    @Test
    void aRugSignal_flattensTheTokenInEveryStrategyAtOnce_andEntriesInItAreDenied_otherTokensTrade() {
        List<String> fills = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        TradingKernel kernel = new TradingKernel(KernelSettings.defaults(), T0, new TradingKernel.Listener() {
            @Override
            public void decided(Intent intent, Decision d) {
                decisions.add(intent.strategy() + " " + intent.symbol() + " " + intent.purpose() + " "
                        + (d.approved() ? "approved" : d.reason()));
            }

            @Override
            public void filled(FillEvent fill, Purpose purpose) {
                fills.add(fill.timeMs() - T0 + " " + fill.strategy() + " " + fill.symbol() + " " + fill.side());
            }
        }, List.of(new BuysFrom("early_a", T0, "BONK", "SOL"), new BuysFrom("early_b", T0, "BONK"),
                new BuysFrom("late", T0 + 1_000, "BONK", "SOL")));
        kernel.onArrival(new Arrival(new RawTick("BONK", 0.00002, 1e9, 5_000_000, T0), T0));
        kernel.onArrival(new Arrival(new RawTick("SOL", 150, 10, 5_000_000, T0), T0));
        kernel.onArrival(new Arrival(new RawSignal(new TokenRisk("BONK", T0 + 500, false, 1_500, 3_000)), T0 + 500));
        kernel.onArrival(new Arrival(new RawTick("BONK", 0.00002, 1e9, 5_000_000, T0 + 1_000), T0 + 1_000));
        kernel.onArrival(new Arrival(new RawTick("SOL", 150, 10, 5_000_000, T0 + 1_000), T0 + 1_000));

        assertThat(fills).containsExactly("0 early_a BONK BUY", "0 early_b BONK BUY", "0 early_a SOL BUY",
                "500 early_a BONK SELL", "500 early_b BONK SELL", "1000 late SOL BUY");
        assertThat(decisions).containsExactly("early_a BONK ENTRY approved", "early_b BONK ENTRY approved",
                "early_a SOL ENTRY approved", "late BONK ENTRY TOKEN_FLAGGED", "late SOL ENTRY approved");
        assertThat(kernel.risk().portfolio().qtyE8("early_a", "BONK")).isZero();
        assertThat(kernel.risk().portfolio().qtyE8("early_b", "BONK")).isZero();
        assertThat(kernel.risk().portfolio().qtyE8("early_a", "SOL")).isPositive();
    }
}
