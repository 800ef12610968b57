package memesnipe.backtest.kernel;

import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.validation.RejectReason;
import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.Purpose;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.SocialMentions;
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

/** Non-price signals through the kernel: validated as the gateway does, numbered with ticks, seen by strategies. */
class KernelSignalTest {
    static final long T0 = 1_700_000_000_000L;

    /** Buys a symbol on its first tick after a buzz of at least 100 mentions; keeps what it saw. */
    static final class BuysOnBuzz implements Strategy {
        final List<MarketSignal> seen = new ArrayList<>();
        final List<Tick> ticks = new ArrayList<>();
        final Set<String> armed = new HashSet<>();

        @Override
        public String name() {
            return "buys_on_buzz";
        }

        @Override
        public List<Signal> onEvent(MarketSignal event) {
            seen.add(event);
            if (event instanceof SocialMentions s && s.mentions() >= 100) {
                armed.add(s.symbol());
            }
            return List.of();
        }

        @Override
        public List<Signal> onTick(Tick tick) {
            ticks.add(tick);
            if (armed.remove(tick.symbol())) {
                return List.of(Signal.enter(name(), tick, () -> "buzz", new ExitBps(300, 600, 0)));
            }
            return List.of();
        }

        @Override
        public void onRejected(String symbol) {
        }
    }

    @Test
    void aSignal_reachesTheStrategies_isNumberedWithTicks_andItsEntryFillsOnTheNextTick() {
        BuysOnBuzz strategy = new BuysOnBuzz();
        List<Intent> intents = new ArrayList<>();
        List<FillEvent> fills = new ArrayList<>();
        List<RejectReason> rejected = new ArrayList<>();
        List<Long> signalSeqs = new ArrayList<>();
        TradingKernel kernel = new TradingKernel(KernelSettings.defaults().withStrategies(List.of("momentum_5m")), T0,
                new TradingKernel.Listener() {
                    @Override
                    public void rejected(memesnipe.gateway.feed.FeedEvent event, RejectReason reason) {
                        rejected.add(reason);
                    }

                    @Override
                    public void acceptedSignal(MarketSignal signal, long seq) {
                        signalSeqs.add(seq);
                    }

                    @Override
                    public void decided(Intent intent, Decision decision) {
                        intents.add(intent);
                    }

                    @Override
                    public void filled(FillEvent fill, Purpose purpose) {
                        fills.add(fill);
                    }
                }, List.of(strategy));
        kernel.onArrival(new Arrival(new RawTick("SOL", 150, 10, 50_000, T0), T0));                       // seq 1
        kernel.onArrival(new Arrival(new RawSignal(new SocialMentions("SOL", T0 + 10, -3, 60_000, 0, "x")),
                T0 + 10));                                                                                 // refused
        kernel.onArrival(new Arrival(new RawSignal(new SocialMentions("SOL", T0 + 20, 40, 60_000, 0, "x")),
                T0 + 20));                                                                                 // seq 2
        kernel.onArrival(new Arrival(new RawTick("SOL", 150.1, 10, 50_000, T0 + 30), T0 + 30));           // seq 3
        kernel.onArrival(new Arrival(new RawSignal(new SocialMentions("SOL", T0 + 40, 250, 60_000, 6_000, "x")),
                T0 + 40));                                                                                 // seq 4
        assertThat(intents).as("a buzz alone, without a price, decides nothing").isEmpty();
        kernel.onArrival(new Arrival(new RawTick("SOL", 150.2, 10, 50_000, T0 + 50), T0 + 50));           // seq 5

        assertThat(rejected).containsExactly(RejectReason.COUNT_OUT_OF_RANGE);
        assertThat(strategy.seen).extracting(MarketSignal::eventTimeMs).containsExactly(T0 + 20, T0 + 40);
        assertThat(signalSeqs).containsExactly(2L, 4L);
        assertThat(intents).singleElement().satisfies(i -> {
            assertThat(i.decisionSeq()).isEqualTo(5);
            assertThat(i.purpose()).isEqualTo(Purpose.ENTRY);
        });
        assertThat(fills).singleElement().satisfies(f -> assertThat(f.clientOrderId())
                .isEqualTo(intents.get(0).clientOrderId()));
    }

    @Test
    void aTicksTradedVolume_reachesTheStrategies_inLotsAtScaleE8() {
        BuysOnBuzz strategy = new BuysOnBuzz();
        KernelSettings settings = KernelSettings.defaults().withStrategies(List.of("momentum_5m"));
        settings = new KernelSettings(settings.validation(), memesnipe.gateway.validation.LotExponents.parse("BONK=6"),
                settings.strategies(), settings.entryNotionalE8(), settings.riskLimits(), settings.thresholds(),
                settings.capitalE8(), settings.slippageBps(), settings.feeBps(), settings.participationBps(),
                settings.maxMarkAgeMs(), settings.idKey(), settings.streamId(), settings.strategyParams());
        TradingKernel kernel = new TradingKernel(settings, T0, new TradingKernel.Listener() { }, List.of(strategy));
        kernel.onArrival(new Arrival(new RawTick("SOL", 150, 2.5, 50_000, T0), T0));
        kernel.onArrival(new Arrival(new RawTick("BONK", 0.00002, 30_000_000, 50_000, T0 + 10), T0 + 10));
        assertThat(strategy.ticks).extracting(Tick::volumeE8)
                .containsExactly(250_000_000L, 3_000_000_000L); // BONK: 30 lots of 10^6 units
    }
}
