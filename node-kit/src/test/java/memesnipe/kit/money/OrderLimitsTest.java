package memesnipe.kit.money;

import memesnipe.model.money.Fixed;

import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.Settings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderLimitsTest {
    record Caps(Long qty, Long notional) {
    }

    static Caps read(Settings s) {
        return ConfigReader.validate(s, r -> new Caps(OrderLimits.maxOrderQty(r, "qty"),
                OrderLimits.maxOrderNotional(r, OrderLimits.MAX_ORDER_NOTIONAL_DEFAULT, "notional")));
    }

    @Test
    void defaults_areTenBillionUnits_andOneThousandUsd_andRisksCapIsBelowTheOthers() {
        assertThat(read(Settings.empty())).isEqualTo(new Caps(1_000_000_000_000_000_000L, 1000 * Fixed.ONE));
        assertThat(Fixed.parse(OrderLimits.RISK_MAX_ORDER_NOTIONAL_DEFAULT))
                .isLessThan(Fixed.parse(OrderLimits.MAX_ORDER_NOTIONAL_DEFAULT));
    }

    @Test
    void badValues_areReportedAtLoad_withTheKeyAndWhatIsWrong() {
        assertThatThrownBy(() -> read(Settings.empty().with("max-order-qty", "100000000000")
                .with("max-order-notional", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max-order-qty").hasMessageContaining("out of range")
                .hasMessageContaining("beyond +-92233720368.54775807")
                .hasMessageContaining("max-order-notional").hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> read(Settings.empty().with("max-order-qty", "1.000000001")))
                .hasMessageContaining("at most 8 places");
        assertThatThrownBy(() -> read(Settings.empty().with("max-order-notional", "-5")))
                .hasMessageContaining("must be > 0");
    }
}
