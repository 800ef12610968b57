package memesnipe.model;


import java.util.Optional;

/**
 * The risk engine's answer to one intent, with the figures that drove it. equityE8 is the marked equity (the last
 * that fit a long while it does not); strategyExposureE8 is 0 while it does not fit (the breaker then says why).
 */
public record Decision(String clientOrderId, Verdict verdict, DenyReason reason, String detail,
                       long approvedNotionalE8, long approvedQtyE8, Tier tier, long equityE8,
                       long strategyExposureE8, Optional<OrderRequest> order) {

    public boolean approved() {
        return verdict != Verdict.DENIED;
    }
}
