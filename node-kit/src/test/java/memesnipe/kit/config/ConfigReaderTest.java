package memesnipe.kit.config;

import memesnipe.kit.tls.NodeName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigReaderTest {
    @Test
    void finish_reportsEveryProblemTogether_includingUnknownKeysAndBadNumbers() {
        Settings s = Settings.fromEnvironment(Map.of("MEMESNIPE_GRPC_PORT", "abc", "PATH", "/bin"))
                .withFlags(List.of("--colour", "blue", "--http-port=70000", "--enabled", "maybe"));
        ConfigReader r = new ConfigReader(s);
        assertThat(r.port("grpc-port", 7003, "port")).isEqualTo(7003);
        r.port("http-port", 8080, "port");
        assertThat(r.bool("enabled", true, "flag")).isTrue();
        ConfigException e = catchThrowableOfType(ConfigException.class, r::finish);
        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage())
                .contains("environment variable MEMESNIPE_GRPC_PORT: 'abc' is not a whole number")
                .contains("flag --http-port: '70000' must be between 0 and 65535")
                .contains("'maybe' must be true or false")
                .contains("unknown setting 'colour' from flag --colour");
    }

    @Test
    void loggingVariables_areTheProcesssNotANodesSettings() {
        Settings s = Settings.fromEnvironment(Map.of("MEMESNIPE_LOG_LEVEL", "DEBUG", "MEMESNIPE_LOG_FORMAT", "JSON",
                "MEMESNIPE_GATEWAY", "a:1"));
        ConfigReader r = new ConfigReader(s);
        assertThat(r.hostPort("gateway", "127.0.0.1:7001", "gw")).isEqualTo(new HostPort("a", 1));
        r.finish(); // no "unknown setting 'log-level'"
    }

    @Test
    void flagsWinOverEnvironment() {
        Settings s = Settings.fromEnvironment(Map.of("MEMESNIPE_GATEWAY", "a:1")).withFlags(List.of("--gateway", "b:2"));
        ConfigReader r = new ConfigReader(s);
        assertThat(r.hostPort("gateway", "127.0.0.1:7001", "gw")).isEqualTo(new HostPort("b", 2));
        r.finish();
    }

    @Test
    void nodeBasics_missingCertificates_areReportedByPath() {
        ConfigReader r = new ConfigReader(Settings.empty().with("certs-dir", "/nowhere"));
        NodeBasics.read(r, NodeName.RISK, 7003);
        assertThatThrownBy(r::finish).hasMessageContaining("CA certificate not found: /nowhere/ca.pem")
                .hasMessageContaining("/nowhere/risk.pem").hasMessageContaining("/nowhere/risk-key.pem");
    }
}
