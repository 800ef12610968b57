package memesnipe.kit.money;

import memesnipe.model.money.Fixed;
import memesnipe.model.money.AmountOverflow;

import memesnipe.kit.config.ConfigReader;

/**
 * The explicit per-order maximums that risk, the executor and the signer each enforce on every order: one source
 * for their setting keys, defaults and validation, so the three nodes agree unless an operator says otherwise.
 *
 * <p>The quantity default, 10^10 units of the base asset, is about 120,000 USD of a meme coin priced at 0.000012
 * USD (PEPE) and covers a full-size order of any coin priced above 9e-8 USD at the default notional; cheaper coins
 * are sized by quantity instead (orders get smaller, never refused for size). Both values are scale e8 longs, so a
 * single order's quantity times price can still exceed 64 bits: every product is computed with {@link Fixed}, which
 * reports an {@link AmountOverflow} instead of wrapping.
 */
public final class OrderLimits {
    /** Setting key of the largest quantity in one order, base units (decimal). */
    public static final String MAX_ORDER_QTY_KEY = "max-order-qty";
    /** 10^10 units of the base asset. */
    public static final String MAX_ORDER_QTY_DEFAULT = "10000000000";
    /** Setting key of the largest notional of one order, USD (decimal). */
    public static final String MAX_ORDER_NOTIONAL_KEY = "max-order-notional";
    /** The executor's and the signer's hard per-order notional, USD. */
    public static final String MAX_ORDER_NOTIONAL_DEFAULT = "1000";
    /** Risk's per-order notional, USD: below the executor's and the signer's, so every piece risk sends passes them. */
    public static final String RISK_MAX_ORDER_NOTIONAL_DEFAULT = "900";

    private OrderLimits() {
    }

    /** Reads {@value #MAX_ORDER_QTY_KEY}: a decimal quantity > 0 (null when invalid; the reader lists why). */
    public static Long maxOrderQty(ConfigReader r, String doc) {
        return r.read(MAX_ORDER_QTY_KEY, MAX_ORDER_QTY_DEFAULT, doc, OrderLimits::positive);
    }

    /** Reads {@value #MAX_ORDER_NOTIONAL_KEY} with the node's default: a decimal USD amount > 0 (null when invalid). */
    public static Long maxOrderNotional(ConfigReader r, String def, String doc) {
        return r.read(MAX_ORDER_NOTIONAL_KEY, def, doc, OrderLimits::positive);
    }

    /** A decimal amount > 0 at scale e8, with a message saying what is wrong otherwise. */
    public static long positive(String decimal) {
        long e8 = Fixed.parse(decimal);
        if (e8 <= 0) {
            throw new IllegalArgumentException("must be > 0");
        }
        return e8;
    }
}
