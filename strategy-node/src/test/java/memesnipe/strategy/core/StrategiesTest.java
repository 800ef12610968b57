package memesnipe.strategy.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategiesTest {
    @Test
    void everyKnownStrategy_isCreatedByItsName_andCanBeParameterised() {
        for (String name : Strategies.KNOWN) {
            Strategy s = Strategies.create(name).orElseThrow();
            assertThat(s.name()).isEqualTo(name);
            Map<String, String> params = Strategies.describeParams(name);
            assertThat(params).as(name + " parameters").isNotEmpty();
            // the defaults, given back as settings, make the same parameters
            Strategy same = Strategies.create(name, params).orElseThrow();
            assertThat(same.name()).isEqualTo(name);
        }
        assertThat(Strategies.NAMES).isSubsetOf(Strategies.KNOWN);
    }

    @Test
    void create_withParameters_buildsThemThroughTheStrategysOwnChecks() {
        assertThat(Strategies.create(SmaCross.NAME, Map.of("fastN", "3", "slowN", "9"))).isPresent();
        assertThatThrownBy(() -> Strategies.create(SmaCross.NAME, Map.of("fastN", "50", "slowN", "9")))
                .hasMessageContaining("need 1 <= fast < slow <= 100000, got 50 and 9");
    }

    @Test
    void create_withABadParameter_saysWhich() {
        assertThatThrownBy(() -> Strategies.create(Momentum5m.NAME, Map.of("lookbackMs", "soon")))
                .hasMessageContaining("lookbackMs='soon' is not a long");
        assertThat(Strategies.create("no_such", Map.of("a", "1"))).isEmpty();
    }
}
