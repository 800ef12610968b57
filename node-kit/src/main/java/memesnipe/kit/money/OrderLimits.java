package memesnipe.kit.money;

import memesnipe.model.money.Fixed;
import memesnipe.model.money.AmountOverflow;

import memesnipe.kit.config.ConfigReader;

/**
 * The explicit per-order maximums that risk, the executor and the signer each enforce on every order: one source
 * for their setting keys, defaults and validation, so the three nodes agree unless an operator says otherwise.
 *
 * <p>The defaults are {@link memesnipe.model.money.OrderMaximums}'s. Both values are scale e8 longs, so a
 * single order's quantity times price can still exceed 64 bits: every product is computed with {@link Fixed}, which
 * reports an {@link AmountOverflow} instead of wrapping.
 */
public final class OrderLimits {
    /** Setting key of the largest quantity in one order, lots of the base asset (decimal). */
    public static final String MAX_ORDER_QTY_KEY = "max-order-qty";
    public static final String MAX_ORDER_QTY_DEFAULT = memesnipe.model.money.OrderMaximums.MAX_ORDER_QTY_DEFAULT;
    /** Setting key of the largest notional of one order, USD (decimal). */
    public static final String MAX_ORDER_NOTIONAL_KEY = "max-order-notional";
    public static final String MAX_ORDER_NOTIONAL_DEFAULT = memesnipe.model.money.OrderMaximums.MAX_ORDER_NOTIONAL_DEFAULT;
    public static final String RISK_MAX_ORDER_NOTIONAL_DEFAULT =
            memesnipe.model.money.OrderMaximums.RISK_MAX_ORDER_NOTIONAL_DEFAULT;

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
