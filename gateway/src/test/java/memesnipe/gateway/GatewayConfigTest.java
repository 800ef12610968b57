package memesnipe.gateway;

import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.Settings;
import memesnipe.kit.testing.TestCerts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigTest {
    static final TestCerts CERTS = TestCerts.create();

    private static Settings base() {
        return Settings.empty().with("certs-dir", CERTS.dir().toString());
    }

    @Test
    void from_withOnlyCerts_usesDocumentedDefaults() {
        GatewayConfig c = GatewayConfig.from(base());
        assertThat(c.basics().grpcPort()).isEqualTo(7001);
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.httpHost()).isEqualTo("0.0.0.0");
        assertThat(c.feedSeed()).isEqualTo(42);
        assertThat(c.feedRate()).isEqualTo(200);
        assertThat(c.feedBadTickRatio()).isEqualTo(0.01);
        assertThat(c.limits().maxAgeMs()).isEqualTo(500);
        assertThat(c.limits().maxFutureMs()).isEqualTo(100);
        assertThat(c.limits().maxDeviationPct()).isEqualTo(20.0);
        assertThat(c.limits().minLiquidityUsd()).isEqualTo(10_000);
        assertThat(c.subscriberQueue()).isEqualTo(1024);
        assertThat(c.strategy().toString()).isEqualTo("127.0.0.1:7002");
        assertThat(c.risk().toString()).isEqualTo("127.0.0.1:7003");
        assertThat(c.executor().toString()).isEqualTo("127.0.0.1:7004");
    }

    @Test
    void from_withSeveralBadValues_reportsThemAllAtOnce() {
        Settings s = base().with("feed-rate", "-5").with("feed-bad-tick-ratio", "2").with("risk", "nohost")
                .with("max-deviation-pct", "abc").with("colour", "blue");
        assertThatThrownBy(() -> GatewayConfig.from(s)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("feed-rate").hasMessageContaining("feed-bad-tick-ratio")
                .hasMessageContaining("risk").hasMessageContaining("max-deviation-pct")
                .hasMessageContaining("unknown setting 'colour'");
    }

    @Test
    void documentation_listsEveryKeyWithItsDefault() {
        assertThat(GatewayConfig.documentation()).containsKeys("host", "grpc-port", "certs-dir", "http-host", "http-port",
                "feed-seed", "feed-rate", "feed-bad-tick-ratio", "max-age-ms", "max-future-ms", "max-deviation-pct",
                "min-liquidity-usd", "subscriber-queue", "strategy", "risk", "executor");
        assertThat(GatewayConfig.documentation().get("feed-rate")).contains("200");
    }
}
