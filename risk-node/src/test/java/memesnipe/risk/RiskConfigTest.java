package memesnipe.risk;

import memesnipe.kit.config.ConfigException;
import memesnipe.model.text.Printable;
import memesnipe.kit.config.Settings;
import memesnipe.kit.signing.RiskApproval;
import memesnipe.kit.testing.TestCerts;
import memesnipe.model.regime.Regime;
import memesnipe.risk.breaker.BreakerThresholds;
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

    @Test
    void volatilityScales_defaultToNoAdaptation_andAreReadFromTheirKeys() {
        assertThat(RiskConfig.from(settings()).thresholds().volatilityScales())
                .isEqualTo(BreakerThresholds.VolatilityScales.NONE);
        RiskConfig c = RiskConfig.from(settings().with(RiskConfig.LOW_VOL_THRESHOLD_PCT_KEY, "80")
                .with(RiskConfig.HIGH_VOL_THRESHOLD_PCT_KEY, "150"));
        assertThat(c.thresholds().volatilityScales()).isEqualTo(new BreakerThresholds.VolatilityScales(80, 100, 150));
        assertThat(c.thresholds().inRegime(Regime.HIGH).warnDrawdownBps()).isEqualTo(450);
        assertThat(RiskConfig.documentation()).containsKeys(RiskConfig.LOW_VOL_THRESHOLD_PCT_KEY,
                RiskConfig.NORMAL_VOL_THRESHOLD_PCT_KEY, RiskConfig.HIGH_VOL_THRESHOLD_PCT_KEY);
    }

    @Test
    void volatilityScales_outOfRangeOrBreakingTheTierOrder_areReportedWithTheOtherProblems() {
        assertThatThrownBy(() -> RiskConfig.from(settings().with(RiskConfig.HIGH_VOL_THRESHOLD_PCT_KEY, "301")
                .with(RiskConfig.LOW_VOL_THRESHOLD_PCT_KEY, "fast")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("high-vol-threshold-pct").hasMessageContaining("between 50 and 300")
                .hasMessageContaining("low-vol-threshold-pct");
        assertThatThrownBy(() -> RiskConfig.from(settings().with("warn-drawdown-pct", "40")
                .with("critical-drawdown-pct", "60").with("emergency-drawdown-pct", "80")
                .with(RiskConfig.HIGH_VOL_THRESHOLD_PCT_KEY, "200")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("in HIGH volatility (x200 %) the drawdown thresholds would be 8000/10000/10000 bps");
    }
}
