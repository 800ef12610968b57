package memesnipe.signer.policy;

import memesnipe.kit.money.Fixed;
import memesnipe.kit.time.ManualClock;
import memesnipe.v1.SignDenyReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SignerPolicyTest {
    static final String KEY = "0123456789abcdef";
    final ManualClock clock = new ManualClock(1_000);

    SignerPolicy policy(int perSecond) {
        return new SignerPolicy(new SignerPolicy.Limits(Fixed.parse("1000"), perSecond, Set.of("paper")), Set.of(KEY), clock);
    }

    @ParameterizedTest(name = "qty {0} x price {1} -> {2}")
    @CsvSource({
            "10,          99.99999999, SIGN_OK",        // just below 1000 USD
            "10,          100,         SIGN_OK",        // exactly at the limit
            "10,          100.00000001, NOTIONAL_LIMIT", // just above
            "0.5,         2000,        SIGN_OK",
            "1000000000,  1000000000,  NOTIONAL_LIMIT", // product overflows a long: still denied
    })
    void notional_atBelowAbove_limit(String qty, String price, SignDenyReason expected) {
        SignerPolicy.Decision d = policy(50).decide("", "paper", Fixed.parse(qty), Fixed.parse(price));
        assertThat(d.reason()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "venue {0}, key {1} -> {2}")
    @CsvSource({
            "paper,   '',               SIGN_OK",
            "paper,   0123456789abcdef, SIGN_OK",
            "binance, '',               VENUE_NOT_ALLOWED",
            "'',      '',               VENUE_NOT_ALLOWED",
            "paper,   ffffffffffffffff, UNKNOWN_KEY",
    })
    void venueAndKey_mustBeKnown(String venue, String key, SignDenyReason expected) {
        assertThat(policy(50).decide(key, venue, Fixed.ONE, Fixed.ONE).reason()).isEqualTo(expected);
    }

    @Test
    void rate_whenBucketEmpty_deniesUntilTimeRefillsIt() {
        SignerPolicy p = policy(3);
        for (int i = 0; i < 3; i++) {
            assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        }
        assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).reason()).isEqualTo(SignDenyReason.RATE_LIMIT);
        clock.advance(333);   // 0.999 signatures refilled
        assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).reason()).isEqualTo(SignDenyReason.RATE_LIMIT);
        clock.advance(1);     // one whole signature
        assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        clock.advance(60_000); // a long pause refills at most the bucket's capacity
        for (int i = 0; i < 3; i++) {
            assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        }
        assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).reason()).isEqualTo(SignDenyReason.RATE_LIMIT);
    }

    @Test
    void deniedOrders_doNotConsumeTheRateBudget() {
        SignerPolicy p = policy(1);
        assertThat(p.decide("", "binance", Fixed.ONE, Fixed.ONE).allowed()).isFalse();
        assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void sells_areNeverRateLimited_soExitsPass_butTheNotionalLimitStillHolds() {
        SignerPolicy p = policy(2);
        assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE).reason()).isEqualTo(SignDenyReason.RATE_LIMIT);
        for (int i = 0; i < 100; i++) {
            assertThat(p.decide("", "paper", Fixed.ONE, Fixed.ONE, true).allowed()).isTrue();
        }
        assertThat(p.decide("", "paper", Fixed.parse("2000"), Fixed.ONE, true).reason())
                .isEqualTo(SignDenyReason.NOTIONAL_LIMIT);
    }
}
