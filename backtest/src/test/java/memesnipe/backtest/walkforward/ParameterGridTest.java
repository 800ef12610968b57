package memesnipe.backtest.walkforward;

import memesnipe.strategy.core.BridgeInflow;
import memesnipe.strategy.core.DevWalletDrain;
import memesnipe.strategy.core.LiquidityMigration;
import memesnipe.strategy.core.Strategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterGridTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            DevWalletDrain.NAME + "| drop 5.0 %, hold 20 min",
            BridgeInflow.NAME + "| surge 3.0x, hold 30 min",
            LiquidityMigration.NAME + "| liquidity >= 100k USD, hold 30 min"})
    void of_anEventStrategy_triesSixVariantsAroundItsDefaults_eachAFreshInstance(String strategy, String defaults) {
        List<ParameterGrid.Variant> variants = ParameterGrid.of(strategy);

        assertThat(variants).hasSize(6).allMatch(v -> v.strategy().equals(strategy));
        assertThat(variants).extracting(ParameterGrid.Variant::label).doesNotHaveDuplicates().contains(defaults);
        for (ParameterGrid.Variant v : variants) {
            Strategy a = v.make().get();
            assertThat(a.name()).isEqualTo(strategy);
            assertThat(v.make().get()).isNotSameAs(a);
        }
    }
}
