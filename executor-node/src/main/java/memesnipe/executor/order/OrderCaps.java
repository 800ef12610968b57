package memesnipe.executor.order;

import memesnipe.model.money.Fixed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The executor's own per-order maximums (max-order-qty, max-order-notional), checked before an order is journaled,
 * whatever risk approved. The notional is the quantity at the order's reference price (risk's price at approval),
 * computed exactly: a product beyond 64 bits is simply above the maximum. The check depends only on the order and
 * the settings, so a repeat of the same order always gets the same answer. Pure.
 */
public final class OrderCaps {
    /** Which maximum an order is over; the report's reject_reason starts with this name. */
    public enum Reason { MAX_ORDER_QTY, MAX_ORDER_NOTIONAL }

    /** An order over a maximum, with its figures (notional exact, as a decimal: it may not fit a long). */
    public record Refusal(Reason reason, long qtyE8, long referencePriceE8, BigDecimal notional, long limitE8) {
        /** The reject reason on the wire, generated from the figures. */
        public String text() {
            return switch (reason) {
                case MAX_ORDER_QTY -> reason + ": quantity " + Fixed.format(qtyE8) + " above the executor's maximum of "
                        + Fixed.format(limitE8);
                case MAX_ORDER_NOTIONAL -> reason + ": notional " + notional.toPlainString() + " USD ("
                        + Fixed.format(qtyE8) + " at " + Fixed.format(referencePriceE8)
                        + ") above the executor's maximum of " + Fixed.format(limitE8) + " USD";
            };
        }
    }

    private final long maxQtyE8;
    private final long maxNotionalE8;

    public OrderCaps(long maxQtyE8, long maxNotionalE8) {
        this.maxQtyE8 = maxQtyE8;
        this.maxNotionalE8 = maxNotionalE8;
    }

    /** The maximum the order is over, if any (quantity first); expects qty and price > 0 (validated before). */
    public Optional<Refusal> check(long qtyE8, long referencePriceE8) {
        BigDecimal notional = new BigDecimal(BigInteger.valueOf(qtyE8).multiply(BigInteger.valueOf(referencePriceE8))
                .divide(BigInteger.valueOf(Fixed.ONE)), 8).stripTrailingZeros();
        if (qtyE8 > maxQtyE8) {
            return Optional.of(new Refusal(Reason.MAX_ORDER_QTY, qtyE8, referencePriceE8, notional, maxQtyE8));
        }
        if (notional.compareTo(BigDecimal.valueOf(maxNotionalE8, 8)) > 0) {
            return Optional.of(new Refusal(Reason.MAX_ORDER_NOTIONAL, qtyE8, referencePriceE8, notional, maxNotionalE8));
        }
        return Optional.empty();
    }
}
