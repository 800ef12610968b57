package memesnipe.model.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RugRuleTest {
    static final long T0 = 1_700_000_000_000L;
    final RugRule rule = RugRule.DEFAULT;

    private static TokenRisk fact(boolean mintActive, int top10Bps, int lpRemovedBps) {
        return new TokenRisk("PEPE", T0, mintActive, top10Bps, lpRemovedBps);
    }

    @Test
    void flag_lpRemovedAtTheThreshold_flagsWithItsFigures_forTheHoldTime() {
        assertThat(rule.flag(fact(false, 1_000, 1_999))).isEmpty();

        RugFlag flag = rule.flag(fact(false, 1_000, 2_000)).orElseThrow();

        assertThat(flag).isEqualTo(new RugFlag("PEPE", T0, RugFlag.Cause.LP_REMOVED, 2_000, 2_000, T0 + 86_400_000L));
        assertThat(flag.describe()).isEqualTo("LP removed 20.00% >= 20.00% within the hour");
        assertThat(flag.holdsAt(T0 + 86_399_999L)).isTrue();
        assertThat(flag.holdsAt(T0 + 86_400_000L)).isFalse();
    }

    @Test
    void flag_mintAuthorityActiveWithConcentration_flags_butEitherAloneDoesNot() {
        assertThat(rule.flag(fact(true, 4_999, 0))).isEmpty();
        assertThat(rule.flag(fact(false, 10_000, 0))).isEmpty();

        RugFlag flag = rule.flag(fact(true, 5_000, 0)).orElseThrow();

        assertThat(flag.cause()).isEqualTo(RugFlag.Cause.MINTABLE_AND_CONCENTRATED);
        assertThat(flag.describe()).isEqualTo("mint authority active with the top-10 holders at 50.00% >= 50.00%");
    }

    @Test
    void flag_bothConditions_namesTheLpRemoval() {
        assertThat(rule.flag(fact(true, 9_000, 9_000)).orElseThrow().cause()).isEqualTo(RugFlag.Cause.LP_REMOVED);
    }

    @Test
    void flag_nearTheEndOfTime_holdsForEver() {
        RugFlag flag = rule.flag(new TokenRisk("PEPE", Long.MAX_VALUE - 5, false, 0, 10_000)).orElseThrow();
        assertThat(flag.untilMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRule_outsideItsRanges_isRefused() {
        assertThatThrownBy(() -> new RugRule(0, 5_000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RugRule(2_000, 10_001, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RugRule(2_000, 5_000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
