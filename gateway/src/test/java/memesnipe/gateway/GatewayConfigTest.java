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
    void replay_isOffByDefault_andReadsItsSettings() throws Exception {
        GatewayConfig.Replay off = GatewayConfig.from(base()).replay();
        assertThat(off.enabled()).isFalse();
        assertThat(off.speed()).isEqualTo(1.0);
        assertThat(off.symbol()).isEqualTo("BTC");
        assertThat(off.liquidityUsd()).isEqualTo(1_000_000);
        assertThat(off.format()).isNull();
        assertThat(off.waitSubscribers()).isEqualTo(1);

        java.nio.file.Path file = java.nio.file.Files.createTempFile("replay", ".csv");
        GatewayConfig.Replay on = GatewayConfig.from(base().with("replay-file", file.toString())
                .with("replay-format", "bars-csv").with("replay-speed", "0").with("replay-symbol", "ETH")
                .with("replay-liquidity-usd", "25000").with("replay-wait-subscribers", "4")).replay();
        assertThat(on).isEqualTo(new GatewayConfig.Replay(file, memesnipe.gateway.replay.ReplayFormat.BARS_CSV, 0, "ETH",
                25_000, 4));
        java.nio.file.Files.delete(file);
    }

    @Test
    void replay_badSettings_areReportedTogether() {
        Settings s = base().with("replay-file", "/nonexistent/trades.csv").with("replay-format", "parquet")
                .with("replay-speed", "2000000").with("replay-symbol", "BT C").with("replay-liquidity-usd", "5")
                .with("feed-rate", "0");
        assertThatThrownBy(() -> GatewayConfig.from(s)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("replay-file: '/nonexistent/trades.csv' is not a readable file")
                .hasMessageContaining("must be one of trades-csv, bars-csv, bars-json, journal-csv")
                .hasMessageContaining("replay-speed").hasMessageContaining("replay-symbol")
                .hasMessageContaining("replay-liquidity-usd 5 is below min-liquidity-usd 10000")
                .hasMessageContaining("a replay needs a feed-rate above 0");
    }

    @Test
    void documentation_listsEveryKeyWithItsDefault() {
        assertThat(GatewayConfig.documentation()).containsKeys("host", "grpc-port", "certs-dir", "http-host", "http-port",
                "feed-seed", "feed-rate", "feed-bad-tick-ratio", "max-age-ms", "max-future-ms", "max-deviation-pct",
                "min-liquidity-usd", "subscriber-queue", "strategy", "risk", "executor", "redis-url",
                "redis-password-file", "redis-ca-file", "journal-stream", "journal-maxlen", "journal-max-in-flight",
                "replay-file", "replay-format", "replay-speed", "replay-symbol", "replay-liquidity-usd",
                "replay-wait-subscribers");
        assertThat(GatewayConfig.documentation().get("replay-speed")).contains("(default: 1)");
        assertThat(GatewayConfig.documentation().get("journal-max-in-flight")).contains("10000");
        assertThat(GatewayConfig.documentation().get("journal-stream")).contains("events:price");
        assertThat(GatewayConfig.documentation().get("feed-rate")).contains("200");
    }
}
