package memesnipe.strategy.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamOverridesTest {
    @Test
    void apply_replacesNamedParameters_includingNestedOnes_andKeepsTheRest() {
        Momentum5m.Params d = Momentum5m.Params.defaults();
        Momentum5m.Params p = ParamOverrides.apply(d, Map.of("lookbackMs", "600000", "entryReturn", "0.008",
                "exits.stopLossBps", "150"));
        assertThat(p.lookbackMs()).isEqualTo(600_000);
        assertThat(p.entryReturn()).isEqualTo(0.008);
        assertThat(p.exits()).isEqualTo(new ExitBps(150, d.exits().takeProfitBps(), d.exits().trailingStopBps()));
        assertThat(p.coolDownMs()).isEqualTo(d.coolDownMs());
        assertThat(ParamOverrides.apply(d, Map.of())).isSameAs(d);
    }

    @Test
    void apply_reportsEveryUnknownNameAndUnreadableValue_together() {
        assertThatThrownBy(() -> ParamOverrides.apply(Momentum5m.Params.defaults(), Map.of("lookbackMs", "5 min",
                "entryReturn", "NaN", "noSuch", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookbackMs='5 min' is not a long")
                .hasMessageContaining("entryReturn='NaN' is not a double")
                .hasMessageContaining("unknown parameter 'noSuch' (known: lookbackMs, minHistoryMs,")
                .hasMessageContaining("exits.trailingStopBps");
    }

    @Test
    void describe_listsEveryParameterPathWithItsValue() {
        Map<String, String> d = ParamOverrides.describe(Momentum5m.Params.defaults());
        assertThat(d).containsEntry("lookbackMs", "300000").containsEntry("exits.takeProfitBps", "600");
    }
}
