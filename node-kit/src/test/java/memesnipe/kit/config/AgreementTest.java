package memesnipe.kit.config;

import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AgreementTest {
    static final Agreement.SignerLimits SIGNER = new Agreement.SignerLimits(1_000 * Fixed.ONE, 0, Set.of("paper"));

    @Test
    void riskCapBelowTheSignersLimit_sameVenue_agree() {
        assertThat(Agreement.riskProblem(900 * Fixed.ONE, "paper", "paper", SIGNER)).isEmpty();
        assertThat(Agreement.executorProblem("paper", SIGNER)).isEmpty();
    }

    @Test
    void riskCapAtOrAboveTheSignersLimit_isAProblem_namingBothFigures() {
        assertThat(Agreement.riskProblem(1_000 * Fixed.ONE, "paper", "paper", SIGNER)).hasValue(
                "risk max-order-notional 1000 must be above 0 and below the signer's max-order-notional 1000");
        assertThat(Agreement.riskProblem(5_000 * Fixed.ONE, "paper", "paper", SIGNER)).isPresent();
        assertThat(Agreement.riskProblem(999_99999999L, "paper", "paper", SIGNER)).isEmpty();
    }

    @Test
    void venueTheSignerDoesNotSignFor_isAProblem_atTheExecutorAndAtRisk() {
        Agreement.SignerLimits binanceOnly = new Agreement.SignerLimits(1_000 * Fixed.ONE, 0, Set.of("binance"));
        assertThat(Agreement.executorProblem("paper", binanceOnly))
                .hasValue("executor venue 'paper' is not one the signer signs for [binance] (signer allowed-venues)");
        assertThat(Agreement.riskProblem(900 * Fixed.ONE, "paper", "paper", binanceOnly)).isPresent();
        assertThat(Agreement.riskProblem(900 * Fixed.ONE, "binance", "paper", SIGNER))
                .hasValue("risk venue 'binance' is not the executor's venue 'paper'");
    }

    @Test
    void untrustedVenueNames_areEscapedInTheReason() {
        assertThat(Agreement.riskProblem(900 * Fixed.ONE, "a\nERROR forged", "paper", SIGNER).orElseThrow())
                .doesNotContain("\n");
    }
}
