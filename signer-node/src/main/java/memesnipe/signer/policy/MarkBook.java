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

    private record Mark(long priceE8, long atMs) {
    }

    private final long maxAgeMs;
    private final Map<String, Mark> marks = new HashMap<>();

    public MarkBook(long maxAgeMs) {
        this.maxAgeMs = maxAgeMs;
    }

    /** Records a price (ignored when not positive, or for a new symbol beyond the cap). */
    public void mark(String symbol, long priceE8, long nowMs) {
        if (priceE8 <= 0 || (!marks.containsKey(symbol) && marks.size() >= MAX_SYMBOLS)) {
            return;
        }
        marks.put(symbol, new Mark(priceE8, nowMs));
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
