package memesnipe.model.money;

/**
 * The defaults of the explicit per-order maximums that risk, the executor and the signer each enforce (their
 * setting keys and reading live in the node kit's OrderLimits). Decimal texts, read at scale e8.
 *
 * <p>The quantity default, 10^10 lots of the base asset, is about 120,000 USD of a meme coin priced at 0.000012 USD
 * per unit (PEPE in single units) and covers a full-size order of any lot priced above 9e-8 USD at the default
 * notional; cheaper lots are sized by quantity instead (orders get smaller, never refused for size).
 */
public final class OrderMaximums {
    /** 10^10 lots of the base asset. */
    public static final String MAX_ORDER_QTY_DEFAULT = "10000000000";
    /** The executor's and the signer's hard per-order notional, USD. */
    public static final String MAX_ORDER_NOTIONAL_DEFAULT = "1000";
    /** Risk's per-order notional, USD: below the executor's and the signer's, so every piece risk sends passes them. */
    public static final String RISK_MAX_ORDER_NOTIONAL_DEFAULT = "900";

    private OrderMaximums() {
    }
}
