package memesnipe.signer.policy;

import memesnipe.kit.money.Fixed;
import memesnipe.kit.time.Clock;
import memesnipe.v1.SignDenyReason;

import java.util.Set;

/**
 * The signer's own hard limits, applied whatever the executor asks: known key, allowed venue,
 * per-order notional (qty x reference price) and a token bucket of signatures per second.
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
    public record Limits(long maxOrderNotionalE8, int maxSignsPerSecond, Set<String> allowedVenues) {
        public Limits {
            allowedVenues = Set.copyOf(allowedVenues);
        }
    }

    /** What the policy decided: {@code SIGN_OK} or a typed reason, with the figures in detail. */
    public record Decision(SignDenyReason reason, String detail) {
        public boolean allowed() {
            return reason == SignDenyReason.SIGN_OK;
        }
    }

    public SignerPolicy(Limits limits, Set<String> keyIds, Clock clock) {
        this.limits = limits;
        this.keyIds = Set.copyOf(keyIds);
        this.clock = clock;
        this.budget = (long) limits.maxSignsPerSecond() * NANOS_PER_TOKEN;
        this.lastRefillNanos = clock.nanos();
    }

    /** Decides on one risk-increasing (buy) signature; see {@link #decide(String, String, long, long, boolean)}. */
    public Decision decide(String keyId, String venue, long qtyE8, long referencePriceE8) {
        return decide(keyId, venue, qtyE8, referencePriceE8, false);
    }

    /**
     * Decides on one signature. {@code keyId} empty means the default key. A buy is taken from the rate
     * budget only when every other check passes; a sell (MemeSnipe is long only, so a sell only reduces a
     * position) is never rate limited, so exits are never blocked by the throttle. Every other limit
     * applies to both sides.
     */
    public Decision decide(String keyId, String venue, long qtyE8, long referencePriceE8, boolean sell) {
        if (!keyId.isEmpty() && !keyIds.contains(keyId)) {
            return new Decision(SignDenyReason.UNKNOWN_KEY, "unknown key id '" + keyId + "'");
        }
        if (!limits.allowedVenues().contains(venue)) {
            return new Decision(SignDenyReason.VENUE_NOT_ALLOWED,
                    "venue '" + venue + "' is not one of " + limits.allowedVenues());
        }
        long notional;
        try {
            notional = Fixed.mul(qtyE8, referencePriceE8);
        } catch (ArithmeticException e) {
            notional = Long.MAX_VALUE;
        }
        if (notional > limits.maxOrderNotionalE8()) {
            return new Decision(SignDenyReason.NOTIONAL_LIMIT, "notional " + Fixed.format(notional)
                    + " USD above the limit of " + Fixed.format(limits.maxOrderNotionalE8()) + " USD");
        }
        if (sell) {
            return new Decision(SignDenyReason.SIGN_OK, "");
        }
        refill();
        if (budget < NANOS_PER_TOKEN) {
            return new Decision(SignDenyReason.RATE_LIMIT,
                    "more than " + limits.maxSignsPerSecond() + " signatures per second");
        }
        budget -= NANOS_PER_TOKEN;
        return new Decision(SignDenyReason.SIGN_OK, "");
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
