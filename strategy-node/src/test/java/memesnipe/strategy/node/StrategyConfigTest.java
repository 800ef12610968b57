package memesnipe.strategy.node;

import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.Settings;
import memesnipe.kit.testing.TestCerts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategyConfigTest {
    private final Settings certs = Settings.empty().with("certs-dir", TestCerts.create().dir().toString());

    @Test
    void from_withOnlyCerts_usesDocumentedDefaults() {
        StrategyConfig c = StrategyConfig.from(certs);
        assertThat(c.basics().grpcPort()).isEqualTo(7002);
        assertThat(c.gateway().toString()).isEqualTo("127.0.0.1:7001");
        assertThat(c.risk().toString()).isEqualTo("127.0.0.1:7003");
        assertThat(c.strategies()).containsExactly("momentum_5m", "mean_revert_1h");
        assertThat(c.orderNotionalE8()).isEqualTo(200_00000000L);
        assertThat(c.maxInFlight()).isEqualTo(64);
    }

    @Test
    void from_withUnknownStrategyBadNotionalAndUnknownKey_reportsEveryProblem() {
        Settings bad = certs.withFlags(List.of("--strategies", "momentum_5m,moon_shot",
                "--order-notional", "-5", "--max-in-flight", "0", "--colour", "blue"));
        assertThatThrownBy(() -> StrategyConfig.from(bad))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
                .hasMessageContaining("unknown strategy 'moon_shot'")
                .hasMessageContaining("order-notional")
                .hasMessageContaining("max-in-flight")
                .hasMessageContaining("unknown setting 'colour'");
    }

    @Test
    void from_withDecimalNotionalAndOneStrategy_parsesThem() {
        StrategyConfig c = StrategyConfig.from(certs.with("order-notional", "12.5").with("strategies", " mean_revert_1h "));
        assertThat(c.orderNotionalE8()).isEqualTo(12_50000000L);
        assertThat(c.strategies()).containsExactly("mean_revert_1h");
    }

    @Test
    void from_withStrategyParams_givesEachStrategyItsOwn() {
        StrategyConfig c = StrategyConfig.from(certs.with("strategy-params",
                "momentum_5m.entryReturn=0.008; momentum_5m.exits.stopLossBps=200;mean_revert_1h.entryZ=-2.5"));
        assertThat(c.paramsOf("momentum_5m")).containsExactly(java.util.Map.entry("entryReturn", "0.008"),
                java.util.Map.entry("exits.stopLossBps", "200"));
        assertThat(c.paramsOf("mean_revert_1h")).containsEntry("entryZ", "-2.5");
    }

    @Test
    void from_withBadStrategyParams_reportsEachOne() {
        assertThatThrownBy(() -> StrategyConfig.from(certs.with("strategies", "momentum_5m").with("strategy-params",
                "momentum_5m.lookbackMs=soon;momentum_5m.noSuch=1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lookbackMs='soon' is not a long")
                .hasMessageContaining("unknown parameter 'noSuch'");
        assertThatThrownBy(() -> StrategyConfig.from(certs.with("strategies", "momentum_5m").with("strategy-params",
                "mean_revert_1h.entryZ=-2")))
                .hasMessageContaining("strategy-params names 'mean_revert_1h', which is not among the strategies run");
        assertThatThrownBy(() -> StrategyConfig.from(certs.with("strategy-params", "entryZ=-2")))
                .hasMessageContaining("'entryZ=-2' is not name.param=value");
    }

    @Test
    void documentation_listsEveryKeyWithItsDefault() {
        assertThat(StrategyConfig.documentation()).containsKeys("host", "grpc-port", "certs-dir", "gateway", "risk",
                "strategies", "strategy-params", "order-notional", "max-in-flight");
        assertThat(StrategyConfig.documentation().get("order-notional")).contains("default: 200");
    }
}
