package memesnipe.signer;

import memesnipe.kit.config.Settings;
import memesnipe.model.money.Fixed;
import memesnipe.kit.money.OrderLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignerConfigLimitsTest {
    @Test
    void perOrderMaximums_defaultToTheSharedOnes_andBadValuesAreReportedAtLoad() {
        Settings base = Settings.empty().with("certs-dir", memesnipe.kit.testing.TestCerts.create().dir().toString());
        SignerConfig c = SignerConfig.from(base);
        assertThat(c.limits().maxOrderQtyE8()).isEqualTo(Fixed.parse(OrderLimits.MAX_ORDER_QTY_DEFAULT));
        assertThat(c.limits().maxOrderNotionalE8()).isEqualTo(Fixed.parse(OrderLimits.MAX_ORDER_NOTIONAL_DEFAULT));
        assertThatThrownBy(() -> SignerConfig.from(base.with("max-order-qty", "92233720369")))
                .hasMessageContaining("max-order-qty").hasMessageContaining("out of range");
    }
}
