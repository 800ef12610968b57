package memesnipe.risk;

import memesnipe.kit.config.Settings;
import memesnipe.model.money.Fixed;
import memesnipe.kit.money.OrderLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskConfigLimitsTest {
    @Test
    void perOrderMaximums_defaultToTheSharedOnes_andBadValuesAreReportedAtLoad() {
        Settings base = Settings.empty().with("certs-dir", memesnipe.kit.testing.TestCerts.create().dir().toString());
        RiskConfig c = RiskConfig.from(base);
        assertThat(c.limits().maxOrderQtyE8()).isEqualTo(Fixed.parse(OrderLimits.MAX_ORDER_QTY_DEFAULT));
        assertThat(c.limits().maxOrderNotionalE8()).isEqualTo(Fixed.parse(OrderLimits.RISK_MAX_ORDER_NOTIONAL_DEFAULT));
        assertThat(RiskConfig.from(base.with("max-order-qty", "5000")).limits().maxOrderQtyE8())
                .isEqualTo(5000 * Fixed.ONE);
        assertThatThrownBy(() -> RiskConfig.from(base.with("max-order-qty", "0")
                .with("max-order-notional", "1e12")))
                .hasMessageContaining("max-order-qty").hasMessageContaining("must be > 0")
                .hasMessageContaining("max-order-notional").hasMessageContaining("out of range");
    }
}
