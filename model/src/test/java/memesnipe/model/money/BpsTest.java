package memesnipe.model.money;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BpsTest {
    @Test
    void basisPoints_showAsPercentWithTwoDecimals_negativesIncluded() {
        assertThat(Bps.pct(325)).isEqualTo("3.25");
        assertThat(Bps.pct(5)).isEqualTo("0.05");
        assertThat(Bps.pct(0)).isEqualTo("0.00");
        assertThat(Bps.pct(10_000)).isEqualTo("100.00");
        assertThat(Bps.pct(-125)).isEqualTo("-1.25"); // the old format printed "-1.-25"
        assertThat(Bps.pct(-5)).isEqualTo("-0.05");
        assertThat(Bps.pct(Integer.MIN_VALUE)).isEqualTo("-21474836.48");
        assertThat(Bps.pctSign(250)).isEqualTo("2.50%");
    }
}
