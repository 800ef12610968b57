package memesnipe.gateway.validation;

import memesnipe.gateway.feed.RawTick;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TickValidatorTest {
    static final long NOW = 1_700_000_000_000L;
    static final RejectReason OK = null;

    private static RawTick tick(double price, double volume, double liquidity, long eventTimeMs) {
        return new RawTick("SOL", price, volume, liquidity, eventTimeMs);
    }

    static Stream<Arguments> singleTickRules() {
        return Stream.of(
                arguments("valid tick", tick(150, 1, 50_000, NOW), OK),
                arguments("NaN price", tick(Double.NaN, 1, 50_000, NOW), RejectReason.NON_FINITE_PRICE),
                arguments("infinite price", tick(Double.POSITIVE_INFINITY, 1, 50_000, NOW), RejectReason.NON_FINITE_PRICE),
                arguments("zero price", tick(0, 1, 50_000, NOW), RejectReason.NON_POSITIVE_PRICE),
                arguments("negative price", tick(-1, 1, 50_000, NOW), RejectReason.NON_POSITIVE_PRICE),
                arguments("price below 1e-8 rounds to zero", tick(4e-9, 1, 50_000, NOW), RejectReason.NON_POSITIVE_PRICE),
                arguments("price of 1e-8 is positive", tick(1e-8, 1, 50_000, NOW), OK),
                arguments("volume zero", tick(150, 0, 50_000, NOW), OK),
                arguments("volume just negative", tick(150, -1e-9, 50_000, NOW), RejectReason.NEGATIVE_VOLUME),
                arguments("volume NaN", tick(150, Double.NaN, 50_000, NOW), RejectReason.NEGATIVE_VOLUME),
                arguments("price beyond a long at e8 (was clamped to the largest long)", tick(1e11, 1, 50_000, NOW),
                        RejectReason.AMOUNT_OUT_OF_RANGE),
                arguments("price just within a long at e8", tick(92_233_720_368.0, 1, 50_000, NOW), OK),
                arguments("volume beyond a long at e8", tick(150, 1e11, 50_000, NOW), RejectReason.AMOUNT_OUT_OF_RANGE),
                arguments("liquidity beyond a long at e8", tick(150, 1, 1e11, NOW), RejectReason.AMOUNT_OUT_OF_RANGE),
                arguments("age just below max", tick(150, 1, 50_000, NOW - 499), OK),
                arguments("age at max", tick(150, 1, 50_000, NOW - 500), OK),
                arguments("age just above max", tick(150, 1, 50_000, NOW - 501), RejectReason.STALE),
                arguments("future just below max", tick(150, 1, 50_000, NOW + 99), OK),
                arguments("future at max", tick(150, 1, 50_000, NOW + 100), OK),
                arguments("future just above max", tick(150, 1, 50_000, NOW + 101), RejectReason.FUTURE_TIMESTAMP),
                arguments("liquidity just below floor", tick(150, 1, 9_999.99, NOW), RejectReason.LOW_LIQUIDITY),
                arguments("liquidity at floor", tick(150, 1, 10_000, NOW), OK),
                arguments("liquidity just above floor", tick(150, 1, 10_000.01, NOW), OK),
                arguments("liquidity NaN", tick(150, 1, Double.NaN, NOW), RejectReason.LOW_LIQUIDITY),
                arguments("infinite volume", tick(150, Double.POSITIVE_INFINITY, 50_000, NOW), RejectReason.AMOUNT_OUT_OF_RANGE),
                arguments("infinite liquidity", tick(150, 1, Double.POSITIVE_INFINITY, NOW), RejectReason.AMOUNT_OUT_OF_RANGE),
                arguments("event time Long.MIN_VALUE", tick(150, 1, 50_000, Long.MIN_VALUE), RejectReason.STALE),
                arguments("event time Long.MAX_VALUE", tick(150, 1, 50_000, Long.MAX_VALUE), RejectReason.FUTURE_TIMESTAMP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleTickRules")
    void validate_singleTick_appliesEachRuleAtItsThreshold(String scenario, RawTick tick, RejectReason expected) {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS);
        assertThat(v.validate(tick, NOW)).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> deviations() {
        return Stream.of(
                arguments("up just below 20 %", 119.99, OK),
                arguments("up at 20 %", 120.0, OK),
                arguments("up just above 20 %", 120.01, RejectReason.PRICE_DEVIATION),
                arguments("down just below 20 %", 80.01, OK),
                arguments("down at 20 %", 80.0, OK),
                arguments("down just above 20 %", 79.99, RejectReason.PRICE_DEVIATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviations")
    void validate_priceMove_fromLastAcceptedPrice_isLimitedToMaxDeviation(String scenario, double price,
                                                                         RejectReason expected) {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS);
        assertThat(v.validate(tick(100, 1, 50_000, NOW), NOW)).isEmpty();
        assertThat(v.validate(tick(price, 1, 50_000, NOW), NOW)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void validate_deviation_isMeasuredFromLastAcceptedNotLastRejected() {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS);
        v.validate(tick(100, 1, 50_000, NOW), NOW);
        assertThat(v.validate(tick(300, 1, 50_000, NOW), NOW)).contains(RejectReason.PRICE_DEVIATION);
        assertThat(v.validate(tick(105, 1, 50_000, NOW), NOW)).isEmpty();
    }

    @Test
    void validate_deviation_isPerSymbol() {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS);
        v.validate(new RawTick("SOL", 100, 1, 50_000, NOW), NOW);
        assertThat(v.validate(new RawTick("WIF", 2.5, 1, 50_000, NOW), NOW)).isEmpty();
    }

    @Test
    void validate_sustainedConsistentRepricing_reanchorsAfterFiveRejections() {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS);
        v.validate(tick(100, 1, 50_000, NOW), NOW);
        for (int i = 0; i < TickValidator.REANCHOR_AFTER; i++) {
            assertThat(v.validate(tick(150 + i, 1, 50_000, NOW), NOW)).contains(RejectReason.PRICE_DEVIATION);
        }
        assertThat(v.validate(tick(156, 1, 50_000, NOW), NOW)).isEmpty();
        assertThat(v.validate(tick(157, 1, 50_000, NOW), NOW)).isEmpty();
    }

    @Test
    void validate_inconsistentOutliers_neverReanchor() {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS);
        v.validate(tick(100, 1, 50_000, NOW), NOW);
        for (int i = 0; i < 20; i++) {
            double outlier = i % 2 == 0 ? 300 : 30;
            assertThat(v.validate(tick(outlier, 1, 50_000, NOW), NOW)).contains(RejectReason.PRICE_DEVIATION);
        }
    }

    @Test
    void validate_aTokenBelowOneE8Usd_isRefusedInSingleUnits_butAcceptedWithALot() {
        RawTick micro = new RawTick("BABYDOGE", 3e-11, 4e17, 50_000, NOW); // 4e17 tokens: beyond e8 as single units
        assertThat(new TickValidator(new ValidationLimits(500, 100, 20, 10_000)).validate(micro, NOW))
                .contains(RejectReason.NON_POSITIVE_PRICE);
        TickValidator withLots = new TickValidator(new ValidationLimits(500, 100, 20, 10_000),
                LotExponents.parse("BABYDOGE=9"));
        assertThat(withLots.validate(micro, NOW)).isEmpty();
        assertThat(withLots.validate(new RawTick("BABYDOGE", 3e-11, 1e30, 50_000, NOW), NOW))
                .contains(RejectReason.AMOUNT_OUT_OF_RANGE); // 1e21 lots still does not fit
    }

    @Test
    void validate_countsInAcceptedAndEachReason() {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS);
        v.validate(tick(150, 1, 50_000, NOW), NOW);
        v.validate(tick(Double.NaN, 1, 50_000, NOW), NOW);
        v.validate(tick(150, 1, 50_000, NOW - 10_000), NOW);
        v.validate(tick(150, 1, 50_000, NOW - 10_000), NOW);
        assertThat(v.eventsIn()).isEqualTo(4);
        assertThat(v.eventsAccepted()).isEqualTo(1);
        assertThat(v.eventsRejected()).isEqualTo(3);
        assertThat(v.rejected(RejectReason.STALE)).isEqualTo(2);
        assertThat(v.rejectedByReason()).hasSize(RejectReason.values().length)
                .containsEntry(RejectReason.NON_FINITE_PRICE, 1L).containsEntry(RejectReason.LOW_LIQUIDITY, 0L);
    }

    @Test
    void validate_customLimits_areHonoured() {
        TickValidator v = new TickValidator(new ValidationLimits(50, 10, 5.0, 1_000_000));
        assertThat(v.validate(tick(150, 1, 50_000, NOW), NOW)).contains(RejectReason.LOW_LIQUIDITY);
        assertThat(v.validate(tick(150, 1, 2_000_000, NOW - 51), NOW)).contains(RejectReason.STALE);
        assertThat(v.validate(tick(150, 1, 2_000_000, NOW + 11), NOW)).contains(RejectReason.FUTURE_TIMESTAMP);
    }

    @org.junit.jupiter.api.Test
    void validate_symbolThatIsNotOne_isRejectedInvalidSymbol() {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS);
        for (String bad : new String[]{"", "SOL\nERROR forged", "x".repeat(25), "SO L"}) {
            assertThat(v.validate(new RawTick(bad, 150, 1, 50_000, NOW), NOW)).contains(RejectReason.INVALID_SYMBOL);
        }
        assertThat(v.validate(new RawTick("SOL", 150, 1, 50_000, NOW), NOW)).isEmpty();
    }
}
