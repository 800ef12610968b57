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
        assertThat(c.journal().redis().url()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(c.journal().stream()).isEqualTo("events:price");
        assertThat(c.journal().maxLen()).isEqualTo(100_000);
        assertThat(c.journal().maxInFlight()).isEqualTo(10_000);
    }

    @Test
    void from_withJournalSettings_usesThem_andReportsBadOnesTogether() {
        GatewayConfig c = GatewayConfig.from(base().with("redis-url", "redis://10.0.0.5:6380")
                .with("journal-stream", "ticks:test").with("journal-maxlen", "5000").with("journal-max-in-flight", "64"));
        assertThat(c.journal().redis().where()).isEqualTo("10.0.0.5:6380");
        assertThat(c.journal().stream()).isEqualTo("ticks:test");
        assertThat(c.journal().maxLen()).isEqualTo(5_000);
        assertThat(c.journal().maxInFlight()).isEqualTo(64);
        assertThatThrownBy(() -> GatewayConfig.from(base().with("redis-url", "http://127.0.0.1:6379")
                .with("journal-maxlen", "0").with("journal-max-in-flight", "0").with("journal-stream", " ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis-url")
                .hasMessageContaining("journal-maxlen").hasMessageContaining("journal-max-in-flight")
                .hasMessageContaining("journal-stream");
        assertThatThrownBy(() -> GatewayConfig.from(base().with("redis-url", "redis://user:hunter2@127.0.0.1:6379")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis-password-file")
                .message().doesNotContain("hunter2");
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
                "min-liquidity-usd", "subscriber-queue", "strategy", "risk", "executor", "redis-url",
                "redis-password-file", "redis-ca-file", "journal-stream", "journal-maxlen", "journal-max-in-flight");
        assertThat(GatewayConfig.documentation().get("journal-max-in-flight")).contains("10000");
        assertThat(GatewayConfig.documentation().get("journal-stream")).contains("events:price");
        assertThat(GatewayConfig.documentation().get("feed-rate")).contains("200");
    }
}
