package memesnipe.signer.policy;

import memesnipe.model.text.Printable;
import memesnipe.model.money.Fixed;
import memesnipe.model.time.Clock;

import java.util.Set;

/**
 * The signer's own hard limits, applied whatever the executor asks: known key, allowed venue, per-order
 * quantity, per-order notional priced at the larger of the order's reference price and the signer's own
 * mark (so a caller cannot shrink the notional with a low price), and a token bucket of signatures per second.
 * Pure: time comes from the Clock; a refusal is a {@link Decision}, never an exception. One owner.
 */
public final class SignerPolicy {
    private static final long NANOS_PER_TOKEN = 1_000_000_000L;

    private final Limits limits;
    private final Set<String> keyIds;
    private final Clock clock;
    /** Available signatures, in units of 1e-9 signature (exact integer arithmetic). */
    private long budget;
    private long lastRefillNanos;

    /** The configured limits; maxOrderNotionalE8 is in USD at scale 1e8. */
    public record Limits(long maxOrderNotionalE8, int maxSignsPerSecond, Set<String> allowedVenues, long maxOrderQtyE8) {
        public Limits {
            allowedVenues = Set.copyOf(allowedVenues);
        }
    }

    /** What the policy decided: {@code SIGN_OK} or a typed reason, with the figures in detail. */
    public record Decision(SignRefusal reason, String detail) {
        public boolean allowed() {
            return reason == SignRefusal.SIGN_OK;
        }
    }

    public SignerPolicy(Limits limits, Set<String> keyIds, Clock clock) {
        this.limits = limits;
        this.keyIds = Set.copyOf(keyIds);
        this.clock = clock;
        this.budget = (long) limits.maxSignsPerSecond() * NANOS_PER_TOKEN;
        this.lastRefillNanos = clock.nanos();
    }

    /** The signer's own view of a symbol's price: a fresh mark (0 = none) and the last one ever seen (0 = never). */
    public record OwnPrice(long freshE8, long lastSeenE8) {
        public static final OwnPrice NONE = new OwnPrice(0, 0);
    }

    /**
     * Decides on one signature. {@code keyId} empty means the default key. A buy is taken from the rate
     * budget only when every other check passes; a sell (MemeSnipe is long only, so a sell only reduces a
     * position) is never rate limited, so exits are never blocked by the throttle. Every other limit
     * applies to both sides.
     */
    public Decision decide(String keyId, String venue, long qtyE8, long referencePriceE8, boolean sell, OwnPrice own) {
        if (!keyId.isEmpty() && !keyIds.contains(keyId)) {
            return new Decision(SignRefusal.UNKNOWN_KEY, "unknown key id '" + Printable.of(keyId) + "'");
        }
        if (!limits.allowedVenues().contains(venue)) {
            return new Decision(SignRefusal.VENUE_NOT_ALLOWED,
                    "venue '" + venue + "' is not one of " + limits.allowedVenues());
        }
        if (qtyE8 > limits.maxOrderQtyE8()) {
            return new Decision(SignRefusal.QTY_LIMIT, "quantity " + Fixed.format(qtyE8) + " above the limit of "
                    + Fixed.format(limits.maxOrderQtyE8()));
        }
        if (!sell && own.freshE8() <= 0) {
            return new Decision(SignRefusal.NO_PRICE, "no fresh price of the signer's own for this symbol");
        }
        long ownPrice = own.freshE8() > 0 ? own.freshE8() : own.lastSeenE8();
        long price = Math.max(referencePriceE8, ownPrice);
        // exact: a product beyond 64 bits is above any limit, and is reported with its true figure
        java.math.BigDecimal notional = new java.math.BigDecimal(java.math.BigInteger.valueOf(qtyE8)
                .multiply(java.math.BigInteger.valueOf(price)).divide(java.math.BigInteger.valueOf(Fixed.ONE)), 8);
        if (notional.compareTo(java.math.BigDecimal.valueOf(limits.maxOrderNotionalE8(), 8)) > 0) {
            return new Decision(SignRefusal.NOTIONAL_LIMIT, "notional " + notional.stripTrailingZeros().toPlainString()
                    + " USD (at " + Fixed.format(price) + ") above the limit of " + Fixed.format(limits.maxOrderNotionalE8()) + " USD");
        }
        if (sell) {
            return new Decision(SignRefusal.SIGN_OK, "");
        }
        refill();
        if (budget < NANOS_PER_TOKEN) {
            return new Decision(SignRefusal.RATE_LIMIT,
                    "more than " + limits.maxSignsPerSecond() + " signatures per second");
        }
        budget -= NANOS_PER_TOKEN;
        return new Decision(SignRefusal.SIGN_OK, "");
    }

    private void refill() {
        long now = clock.nanos();
        // A full second refills the whole bucket; capping first keeps the product from overflowing.
        long elapsed = Math.min(Math.max(0, now - lastRefillNanos), NANOS_PER_TOKEN);
        lastRefillNanos = now;
        long capacity = (long) limits.maxSignsPerSecond() * NANOS_PER_TOKEN;
        budget = Math.min(capacity, budget + elapsed * limits.maxSignsPerSecond());
    }
}
