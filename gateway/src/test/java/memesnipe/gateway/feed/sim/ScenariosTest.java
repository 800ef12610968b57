package memesnipe.gateway.feed.sim;

import memesnipe.gateway.feed.SymbolSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenariosTest {
    static final List<String> PRICE_FEED = SymbolSpec.defaults().stream().map(SymbolSpec::symbol).toList();

    @Test
    void parse_namesWithOrWithoutPlantedEffects() {
        assertThat(Scenarios.parse(" airdrop, rug_pull:plain ,")).containsExactly(
                new Scenarios.Spec("airdrop", true), new Scenarios.Spec("rug_pull", false));
        assertThatThrownBy(() -> Scenarios.parse("airdrop,moon"))
                .hasMessageContaining("unknown scenario 'moon' (known: social_buzz, korean_session");
        assertThatThrownBy(() -> Scenarios.parse("airdrop,airdrop:plain")).hasMessageContaining("named twice");
    }

    @Test
    void everyScenario_isMade_andEmitsSignalsBesideItsTicks() {
        List<Scenarios.Spec> all = Scenarios.names().stream().map(n -> new Scenarios.Spec(n, true)).toList();
        List<ScenarioFeed> feeds = Scenarios.create(all, 7);
        assertThat(feeds).hasSize(8);
        for (ScenarioFeed f : feeds) {
            assertThat(f.symbols()).isNotEmpty();
            // run live, every simulator ticks each symbol every second (risk holds 5 s without a tick as stale)
            f.next(SimRun.T0, Integer.MAX_VALUE);
            long ticks = f.next(SimRun.T0 + 10_000, Integer.MAX_VALUE).stream()
                    .filter(e -> e instanceof memesnipe.gateway.feed.RawTick).count();
            assertThat(ticks).as(f.getClass().getSimpleName()).isEqualTo(10L * f.symbols().size());
        }
    }

    @Test
    void sharedSymbols_findsTwoPriceProcessesForOneSymbol() {
        assertThat(Scenarios.sharedSymbols(Scenarios.parse("airdrop,dev_wallet,liquidity_migration,rug_pull,"
                + "eth_breakout,social_buzz,korean_session"), PRICE_FEED)).isEmpty();
        assertThat(Scenarios.sharedSymbols(Scenarios.parse("bridge_flow,eth_breakout"), PRICE_FEED))
                .containsEntry("ETH", List.of("bridge_flow", "eth_breakout"))
                .containsEntry("SOL", List.of("the simulated feed", "bridge_flow"));
    }
}
