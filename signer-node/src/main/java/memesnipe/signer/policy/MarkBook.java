package memesnipe.signer.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * The signer's own prices, from its read-only market data subscription: the newest price per symbol and
 * when it arrived. A price older than maxAgeMs is not fresh (buys then need a new one); the last price seen
 * still bounds sells. At most {@link #MAX_SYMBOLS} symbols are kept. Pure: time comes from the caller.
 */
public final class MarkBook {
    public static final int MAX_SYMBOLS = 10_000;

    private record Mark(long priceE8, long atMs, int lotExponent) {
    }

    private final long maxAgeMs;
    private final Map<String, Mark> marks = new HashMap<>();

    public MarkBook(long maxAgeMs) {
        this.maxAgeMs = maxAgeMs;
    }

    /** Records a price of a symbol traded in single units. */
    public void mark(String symbol, long priceE8, long nowMs) {
        mark(symbol, priceE8, 0, nowMs);
    }

    /**
     * Records a price per lot of 10^lotExponent units (ignored when not positive, or for a new symbol beyond the
     * cap).
     */
    public void mark(String symbol, long priceE8, int lotExponent, long nowMs) {
        if (priceE8 <= 0 || (!marks.containsKey(symbol) && marks.size() >= MAX_SYMBOLS)) {
            return;
        }
        marks.put(symbol, new Mark(priceE8, nowMs, lotExponent));
    }

    /**
     * Empty when an order in lots of 10^lotExponent units can be valued at the signer's prices of the symbol (or it
     * has none); otherwise the detail of the WRONG_LOT refusal.
     */
    public java.util.Optional<String> lotProblem(String symbol, int lotExponent) {
        Mark m = marks.get(symbol);
        return m == null ? java.util.Optional.empty() : memesnipe.model.money.Lot.mismatch(lotExponent, m.lotExponent());
    }

    /** The signer's view of the symbol's price now. */
    public SignerPolicy.OwnPrice price(String symbol, long nowMs) {
        Mark m = marks.get(symbol);
        if (m == null) {
            return SignerPolicy.OwnPrice.NONE;
        }
        return new SignerPolicy.OwnPrice(nowMs - m.atMs() <= maxAgeMs ? m.priceE8() : 0, m.priceE8());
    }
}
