package memesnipe.kit.config;

import memesnipe.model.text.Printable;

import memesnipe.model.money.Fixed;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings that must agree across nodes, checked before any order is sent: a disagreement found later would
 * make every order (and every exit piece) fail at the signer. Pure; each check returns one line naming both
 * settings and their values, or empty when they agree.
 */
public final class Agreement {
    private Agreement() {
    }

    /** What a signer signs: its per-order notional and quantity limits and its venues. */
    public record SignerLimits(long maxOrderNotionalE8, long maxOrderQtyE8, Set<String> allowedVenues) {
        public SignerLimits {
            allowedVenues = Set.copyOf(allowedVenues);
        }
    }

    /** The executor sends to one venue: the signer must sign for it. */
    public static Optional<String> executorProblem(String executorVenue, SignerLimits signer) {
        if (!signer.allowedVenues().contains(executorVenue)) {
            return Optional.of("executor venue '" + Printable.of(executorVenue) + "' is not one the signer signs for "
                    + new TreeSet<>(signer.allowedVenues()) + " (signer allowed-venues)");
        }
        return Optional.empty();
    }

    /**
     * Risk's largest order must stay below the signer's notional limit (the signer prices with its own mark,
     * which may be above risk's: an order at the limit itself would be refused), and its venue must be the
     * executor's and one the signer signs for.
     */
    public static Optional<String> riskProblem(long riskMaxOrderNotionalE8, String riskVenue, String executorVenue,
                                               SignerLimits signer) {
        if (riskMaxOrderNotionalE8 <= 0 || riskMaxOrderNotionalE8 >= signer.maxOrderNotionalE8()) {
            return Optional.of("risk max-order-notional " + Fixed.format(riskMaxOrderNotionalE8)
                    + " must be above 0 and below the signer's max-order-notional " + Fixed.format(signer.maxOrderNotionalE8()));
        }
        if (!riskVenue.equals(executorVenue)) {
            return Optional.of("risk venue '" + Printable.of(riskVenue) + "' is not the executor's venue '"
                    + Printable.of(executorVenue) + "'");
        }
        return executorProblem(executorVenue, signer);
    }
}
