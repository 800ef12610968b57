package memesnipe.cli;

import memesnipe.risk.RiskConfig;
import memesnipe.strategy.core.Strategies;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The strategies risk admits and the ones the strategy node runs agree, by default and in the demo's cluster. */
class ClusterStrategiesTest {

    @Test
    void risksDefaultStrategies_areTheStrategyNodesDefaultOnes() {
        assertThat(RiskConfig.STRATEGIES_DEFAULT).isEqualTo(String.join(",", Strategies.NAMES));
    }

    @Test
    void cluster_givesRiskTheStrategiesTheStrategyNodeRuns_unlessRiskHasItsOwnSetting() {
        assertThat(Cluster.withStrategiesOf(Map.of(), Map.of())).containsEntry(RiskConfig.STRATEGIES_KEY,
                String.join(",", Strategies.NAMES));
        assertThat(Cluster.withStrategiesOf(Map.of("strategies", "momentum_5m"), Map.of("venue", "paper")))
                .containsEntry(RiskConfig.STRATEGIES_KEY, "momentum_5m").containsEntry("venue", "paper");
        assertThat(Cluster.withStrategiesOf(Map.of("strategies", "momentum_5m"),
                Map.of(RiskConfig.STRATEGIES_KEY, "momentum_5m,bench"))).containsEntry(RiskConfig.STRATEGIES_KEY,
                "momentum_5m,bench");
    }
}
