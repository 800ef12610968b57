package memesnipe.executor;

import memesnipe.kit.config.Settings;
import memesnipe.model.money.Fixed;
import memesnipe.kit.money.OrderLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutorConfigLimitsTest {
    @Test
    void perOrderMaximums_defaultToTheSharedOnes_andBadValuesAreReportedAtLoad() {
        Settings base = Settings.empty().with("certs-dir", memesnipe.kit.testing.TestCerts.create().dir().toString());
        ExecutorConfig c = ExecutorConfig.from(base);
        assertThat(c.maxOrderQtyE8()).isEqualTo(Fixed.parse(OrderLimits.MAX_ORDER_QTY_DEFAULT));
        assertThat(c.maxOrderNotionalE8()).isEqualTo(Fixed.parse(OrderLimits.MAX_ORDER_NOTIONAL_DEFAULT));
        assertThatThrownBy(() -> ExecutorConfig.from(base.with("max-order-qty", "-1")
                .with("max-order-notional", "lots")))
                .hasMessageContaining("max-order-qty").hasMessageContaining("must be > 0")
                .hasMessageContaining("max-order-notional").hasMessageContaining("not a decimal number");
        assertThat(ExecutorConfig.documentation()).containsKeys("max-order-qty", "max-order-notional");
    }
}
