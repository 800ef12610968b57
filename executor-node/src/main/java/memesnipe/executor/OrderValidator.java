package memesnipe.executor;

import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks that an ApprovedOrder is well formed before anything else happens to it. */
public final class OrderValidator {
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private OrderValidator() {
    }

    /** The first problem found, or empty when the order is well formed. */
    public static Optional<String> problem(ApprovedOrder o) {
        if (!CLIENT_ORDER_ID.matcher(o.getClientOrderId()).matches()) {
            return Optional.of("client_order_id must be 1..64 chars of [A-Za-z0-9._:-]");
        }
        if (o.getStrategy().isEmpty()) {
            return Optional.of("strategy is required");
        }
        if (o.getSymbol().isEmpty()) {
            return Optional.of("symbol is required");
        }
        if (o.getSide() != Side.BUY && o.getSide() != Side.SELL) {
            return Optional.of("side must be BUY or SELL");
        }
        if (o.getPurpose() != OrderPurpose.ENTRY && o.getPurpose() != OrderPurpose.EXIT) {
            return Optional.of("purpose must be ENTRY or EXIT");
        }
        if (o.getQtyE8() <= 0) {
            return Optional.of("qty_e8 must be > 0");
        }
        if (o.getReferencePriceE8() <= 0) {
            return Optional.of("reference_price_e8 must be > 0 (the signer checks notional against it)");
        }
        if (!memesnipe.model.money.Lot.valid(o.getLotExponent())) {
            return Optional.of("lot_exponent must be 0.." + memesnipe.model.money.Lot.MAX_EXPONENT);
        }
        return Optional.empty();
    }
}
