package memesnipe.model.event;

import java.util.Optional;

/**
 * The one rule that flags a token as a rug risk from its {@link TokenRisk} facts: the rug_pull_sniffer strategy exits
 * on it, and risk flattens every strategy's position in the token and refuses entries in it. A fact flags its token when
 * <ul>
 *   <li>{@code lpRemovedBps >= lpRemovedFlagBps} (default 2,000: a fifth of the pool's liquidity pulled within the
 *   hour, the liquidity a seller needs is leaving), or</li>
 *   <li>the mint authority is active and {@code top10HoldersBps >= concentratedFlagBps} (default 5,000: ten wallets
 *   hold half the supply and more can be minted at will).</li>
 * </ul>
 * A flag holds for {@code holdMs} (default 24 h) from the flagging fact's event time, whatever calmer facts follow:
 * LP removal is measured over the last hour, so a rugged token's facts look calmer an hour later while it is no safer.
 */
public record RugRule(int lpRemovedFlagBps, int concentratedFlagBps, long holdMs) {
    public static final int LP_REMOVED_FLAG_BPS_DEFAULT = 2_000;
    public static final int CONCENTRATED_FLAG_BPS_DEFAULT = 5_000;
    public static final long HOLD_MS_DEFAULT = 86_400_000L;
    /** The rule strategies and risk apply. */
    public static final RugRule DEFAULT = new RugRule(LP_REMOVED_FLAG_BPS_DEFAULT, CONCENTRATED_FLAG_BPS_DEFAULT,
            HOLD_MS_DEFAULT);

    public RugRule {
        if (lpRemovedFlagBps < 1 || lpRemovedFlagBps > 10_000 || concentratedFlagBps < 1
                || concentratedFlagBps > 10_000) {
            throw new IllegalArgumentException("flag thresholds must be within 1..10000 bps, got " + lpRemovedFlagBps
                    + " and " + concentratedFlagBps);
        }
        if (holdMs <= 0) {
            throw new IllegalArgumentException("a flag must hold for a positive time, got " + holdMs + " ms");
        }
    }

    /** The flag this fact raises, or empty when it raises none (LP removal is judged first). */
    public Optional<RugFlag> flag(TokenRisk fact) {
        long until = fact.eventTimeMs() > Long.MAX_VALUE - holdMs ? Long.MAX_VALUE : fact.eventTimeMs() + holdMs;
        if (fact.lpRemovedBps() >= lpRemovedFlagBps) {
            return Optional.of(new RugFlag(fact.symbol(), fact.eventTimeMs(), RugFlag.Cause.LP_REMOVED,
                    fact.lpRemovedBps(), lpRemovedFlagBps, until));
        }
        if (fact.mintAuthorityActive() && fact.top10HoldersBps() >= concentratedFlagBps) {
            return Optional.of(new RugFlag(fact.symbol(), fact.eventTimeMs(), RugFlag.Cause.MINTABLE_AND_CONCENTRATED,
                    fact.top10HoldersBps(), concentratedFlagBps, until));
        }
        return Optional.empty();
    }
}
