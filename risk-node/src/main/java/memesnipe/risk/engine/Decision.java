package memesnipe.risk.engine;

import memesnipe.risk.breaker.Tier;

import java.util.Optional;

/** The risk engine's answer to one intent, with the figures that drove it. */
public record Decision(String clientOrderId, Verdict verdict, DenyReason reason, String detail,
                       long approvedNotionalE8, long approvedQtyE8, Tier tier, long equityE8,
                       long strategyExposureE8, Optional<OrderRequest> order) {

    public boolean approved() {
        return verdict != Verdict.DENIED;
    }
}
