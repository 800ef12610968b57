package memesnipe.risk.node;

import memesnipe.v1.DenyReason;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that must agree across nodes are compared before anything trades: risk reads the executor's venue and
 * its signer's limits (Executor/GetLimits) and denies entries, with a one-line reason, while they disagree.
 * The cluster's signer signs up to 1,000,000 USD per order, for venue 'paper'.
 */
class ConfigAgreementTest {

    @Test
    void riskOrderCapAtTheSignersLimit_deniesEntriesConfigMismatch_namingBothSettings() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of("max-order-notional", "1000000"))) {
            String agreement = c.status().getFactsOrThrow("configAgreement");
            assertThat(agreement).contains("risk max-order-notional 1000000").contains("signer's max-order-notional 1000000")
                    .doesNotContain("\n");
            c.market.hold(BreakerScenariosTest.prices(100 * BreakerScenariosTest.E8, 100 * BreakerScenariosTest.E8,
                    100 * BreakerScenariosTest.E8));
            RiskDecision d = c.entry("s1", "AAA", 100);
            assertThat(d.getVerdict()).isEqualTo(Verdict.DENIED);
            assertThat(d.getReason()).isEqualTo(DenyReason.CONFIG_MISMATCH);
            assertThat(d.getDetail()).isEqualTo(agreement);
        }
    }

    @Test
    void riskVenueOtherThanTheExecutors_deniesEntriesConfigMismatch() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of("venue", "binance"))) {
            assertThat(c.status().getFactsOrThrow("configAgreement"))
                    .isEqualTo("risk venue 'binance' is not the executor's venue 'paper'");
            assertThat(c.entry("s1", "AAA", 100).getReason()).isEqualTo(DenyReason.CONFIG_MISMATCH);
        }
    }

    @Test
    void agreeingSettings_areReportedOk_andEntriesTrade() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of())) {
            assertThat(c.status().getFactsOrThrow("configAgreement")).isEqualTo("ok");
            c.market.hold(BreakerScenariosTest.prices(100 * BreakerScenariosTest.E8, 100 * BreakerScenariosTest.E8,
                    100 * BreakerScenariosTest.E8));
            RiskCluster.await("an entry approved", java.time.Duration.ofSeconds(10),
                    () -> c.entry("s1", "AAA", 100).getVerdict() == Verdict.APPROVED);
        }
    }
}
