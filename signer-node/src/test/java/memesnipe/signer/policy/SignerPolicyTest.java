package memesnipe.signer.policy;

import memesnipe.model.money.Fixed;
import memesnipe.model.time.ManualClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SignerPolicyTest {
    static final String KEY = "0123456789abcdef";
    final ManualClock clock = new ManualClock(1_000);

    SignerPolicy policy(int perSecond) {
        return new SignerPolicy(new SignerPolicy.Limits(Fixed.parse("1000"), perSecond, Set.of("paper"), Fixed.parse("1000000")), Set.of(KEY), clock);
    }

    /** A buy where the signer's own fresh price equals the order's reference price. */
    static SignerPolicy.Decision buy(SignerPolicy p, String key, String venue, long qty, long price) {
        return p.decide(key, venue, qty, price, false, new SignerPolicy.OwnPrice(price, price));
    }

    static SignerPolicy.Decision sell(SignerPolicy p, String key, String venue, long qty, long price) {
        return p.decide(key, venue, qty, price, true, new SignerPolicy.OwnPrice(price, price));
    }

    @Test
    void notional_isPricedAtTheSignersOwnMark_notTheCallersLowReferencePrice() {
        // 400 units at a caller-supplied price of 0.00000001 "is" 0.000004 USD; at the signer's own 150 it is 60,000 USD
        SignerPolicy.Decision d = policy(50).decide("", "paper", Fixed.parse("400"), 1, false,
                new SignerPolicy.OwnPrice(Fixed.parse("150"), Fixed.parse("150")));
        assertThat(d.reason()).isEqualTo(SignRefusal.NOTIONAL_LIMIT);
        assertThat(d.detail()).contains("60000").contains("at 150");
    }

    @Test
    void buy_withoutAFreshPriceOfItsOwn_isRefused_butASellIsPricedAtTheLastPriceSeen() {
        SignerPolicy p = policy(50);
        assertThat(p.decide("", "paper", Fixed.ONE, Fixed.parse("150"), false, SignerPolicy.OwnPrice.NONE).reason())
                .isEqualTo(SignRefusal.NO_PRICE);
        SignerPolicy.OwnPrice stale = new SignerPolicy.OwnPrice(0, Fixed.parse("150"));
        assertThat(p.decide("", "paper", Fixed.parse("6"), 1, true, stale).allowed()).isTrue(); // 900 USD at 150
        assertThat(p.decide("", "paper", Fixed.parse("7"), 1, true, stale).reason())
                .isEqualTo(SignRefusal.NOTIONAL_LIMIT); // 1050 USD at 150, whatever the caller says
    }

    @Test
    void quantity_aboveTheMaximum_isRefusedWhateverThePrice() {
        SignerPolicy p = policy(50);
        assertThat(p.decide("", "paper", Fixed.parse("1000000"), 1, true, SignerPolicy.OwnPrice.NONE).allowed()).isTrue();
        assertThat(p.decide("", "paper", Fixed.parse("1000000.00000001"), 1, true, SignerPolicy.OwnPrice.NONE).reason())
                .isEqualTo(SignRefusal.QTY_LIMIT);
    }

    @Test
    void markBook_knowsEachSymbolsLot_andNamesAMismatch() {
        MarkBook book = new MarkBook(2_000);
        book.mark("BABYDOGE", 3_000_000L, 9, 1_000);
        assertThat(book.lotProblem("BABYDOGE", 9)).isEmpty();
        assertThat(book.lotProblem("BABYDOGE", 0)).hasValue(
                "lot_exponent 0 but the market data has 9 for the symbol (a lot of 10^9 units)");
        assertThat(book.lotProblem("SOL", 0)).isEmpty(); // no price: the policy's NO_PRICE decides
    }

    @Test
    void markBook_freshWithinMaxAge_thenOnlyLastSeen() {
        MarkBook book = new MarkBook(2_000);
        book.mark("SOL", Fixed.parse("150"), 10_000);
        assertThat(book.price("SOL", 12_000)).isEqualTo(new SignerPolicy.OwnPrice(Fixed.parse("150"), Fixed.parse("150")));
        assertThat(book.price("SOL", 12_001)).isEqualTo(new SignerPolicy.OwnPrice(0, Fixed.parse("150")));
        assertThat(book.price("WIF", 12_000)).isEqualTo(SignerPolicy.OwnPrice.NONE);
    }

    @ParameterizedTest(name = "qty {0} x price {1} -> {2}")
    @CsvSource({
            "10,          99.99999999, SIGN_OK",        // just below 1000 USD
            "10,          100,         SIGN_OK",        // exactly at the limit
            "10,          100.00000001, NOTIONAL_LIMIT", // just above
            "0.5,         2000,        SIGN_OK",
            "1000000,     90000000000, NOTIONAL_LIMIT", // product overflows a long: still denied
    })
    void notional_atBelowAbove_limit(String qty, String price, SignRefusal expected) {
        SignerPolicy.Decision d = buy(policy(50), "", "paper", Fixed.parse(qty), Fixed.parse(price));
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
    void venueAndKey_mustBeKnown(String venue, String key, SignRefusal expected) {
        assertThat(buy(policy(50), key, venue, Fixed.ONE, Fixed.ONE).reason()).isEqualTo(expected);
    }

    @Test
    void rate_whenBucketEmpty_deniesUntilTimeRefillsIt() {
        SignerPolicy p = policy(3);
        for (int i = 0; i < 3; i++) {
            assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        }
        assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).reason()).isEqualTo(SignRefusal.RATE_LIMIT);
        clock.advance(333);   // 0.999 signatures refilled
        assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).reason()).isEqualTo(SignRefusal.RATE_LIMIT);
        clock.advance(1);     // one whole signature
        assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        clock.advance(60_000); // a long pause refills at most the bucket's capacity
        for (int i = 0; i < 3; i++) {
            assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        }
        assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).reason()).isEqualTo(SignRefusal.RATE_LIMIT);
    }

    @Test
    void deniedOrders_doNotConsumeTheRateBudget() {
        SignerPolicy p = policy(1);
        assertThat(buy(p, "", "binance", Fixed.ONE, Fixed.ONE).allowed()).isFalse();
        assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void sells_areNeverRateLimited_soExitsPass_butTheNotionalLimitStillHolds() {
        SignerPolicy p = policy(2);
        assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        assertThat(buy(p, "", "paper", Fixed.ONE, Fixed.ONE).reason()).isEqualTo(SignRefusal.RATE_LIMIT);
        for (int i = 0; i < 100; i++) {
            assertThat(sell(p, "", "paper", Fixed.ONE, Fixed.ONE).allowed()).isTrue();
        }
        assertThat(sell(p, "", "paper", Fixed.parse("2000"), Fixed.ONE).reason())
                .isEqualTo(SignRefusal.NOTIONAL_LIMIT);
    }

    @Test
    void notional_whoseProductDoesNotFitALong_isRefusedWithItsExactFigure_notAFakeMaximum() {
        SignerPolicy.Decision d = buy(policy(50), "", "paper", Fixed.parse("1000000"), Fixed.parse("90000000000"));
        assertThat(d.reason()).isEqualTo(SignRefusal.NOTIONAL_LIMIT);
        assertThat(d.detail()).startsWith("notional 90000000000000000 USD (at 90000000000)");
    }

    @Test
    void notional_overRandomExtremeOrders_isRefusedExactlyWhenTheExactProductIsAboveTheLimit() {
        SignerPolicy p = new SignerPolicy(new SignerPolicy.Limits(Fixed.parse("1000"), 100_000, Set.of("paper"),
                Long.MAX_VALUE), Set.of(KEY), clock);
        java.util.Random rnd = new java.util.Random(13);
        long[] extremes = {1, 2, 1204, Fixed.ONE, 3_037_000_500L, Long.MAX_VALUE / Fixed.ONE, Long.MAX_VALUE};
        for (int i = 0; i < 50_000; i++) {
            long qty = rnd.nextBoolean() ? extremes[rnd.nextInt(extremes.length)] : 1 + (rnd.nextLong() >>> (1 + rnd.nextInt(63)));
            long price = rnd.nextBoolean() ? extremes[rnd.nextInt(extremes.length)] : 1 + (rnd.nextLong() >>> (1 + rnd.nextInt(63)));
            boolean over = java.math.BigInteger.valueOf(qty).multiply(java.math.BigInteger.valueOf(price))
                    .divide(java.math.BigInteger.valueOf(Fixed.ONE)).compareTo(java.math.BigInteger.valueOf(Fixed.parse("1000"))) > 0;
            SignerPolicy.Decision d = p.decide("", "paper", qty, price, true, new SignerPolicy.OwnPrice(price, price));
            assertThat(d.reason()).as("%d x %d", qty, price)
                    .isEqualTo(over ? SignRefusal.NOTIONAL_LIMIT : SignRefusal.SIGN_OK);
        }
    }

    @Test
    void everyPolicyOutcome_hasTheWireReasonOfTheSameName() {
        for (SignRefusal r : SignRefusal.values()) {
            assertThat(memesnipe.v1.SignDenyReason.valueOf(r.name()).name()).isEqualTo(r.name());
        }
    }
}
