package memesnipe.risk;

import memesnipe.kit.config.ConfigException;
import memesnipe.model.text.Printable;
import memesnipe.kit.config.Settings;
import memesnipe.kit.signing.RiskApproval;
import memesnipe.kit.testing.TestCerts;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskConfigTest {
    static final TestCerts CERTS = TestCerts.create();

    static Settings settings() {
        return Settings.empty().with("certs-dir", CERTS.dir().toString());
    }

    @Test
    void defaults_runTheStrategyNodesStrategies_andTakeTheApprovalKeyFromTheCertsDir() {
        RiskConfig c = RiskConfig.from(settings());
        assertThat(c.strategies()).containsExactly("momentum_5m", "mean_revert_1h");
        assertThat(c.approvalKey()).isEqualTo(CERTS.dir().resolve(RiskApproval.PRIVATE_KEY_FILE));
        assertThat(RiskConfig.documentation()).containsKeys(RiskConfig.STRATEGIES_KEY, RiskConfig.APPROVAL_KEY_KEY);
    }

    @Test
    void strategies_withNamesOutsideThePattern_areReported_escaped_withTheOtherProblems() throws Exception {
        assertThatThrownBy(() -> RiskConfig.from(settings().with("strategies", "momentum_5m, Bad\nName")
                .with("approval-key", Files.createTempDirectory("none").resolve("risk-approval.key").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(Printable.of("Bad\nName")).hasMessageContaining("not a strategy name")
                .hasMessageContaining("risk approval key not found");
        assertThatThrownBy(() -> RiskConfig.from(settings().with("strategies", " , "))).hasMessageContaining("at least one");
        assertThat(RiskConfig.from(settings().with("strategies", "s1, s2,s1")).strategies()).containsExactly("s1", "s2");
    }
}
