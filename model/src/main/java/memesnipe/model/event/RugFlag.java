package memesnipe.model.event;

import memesnipe.model.money.Bps;

/**
 * A token flagged as a rug risk by {@link RugRule}, with the figure that flagged it and the rule's threshold; the text
 * is made from them ({@link #describe()}).
 *
 * @param eventTimeMs when the flagging fact was observed, ms since the epoch
 * @param figureBps   the fact's figure: the LP share removed, or the top-10 holders' share (bps)
 * @param limitBps    the rule's threshold the figure reached (bps)
 * @param untilMs     when the flag ends, ms since the epoch (Long.MAX_VALUE: never)
 */
public record RugFlag(String symbol, long eventTimeMs, Cause cause, int figureBps, int limitBps, long untilMs) {

    /** Which of the rule's conditions flagged the token. */
    public enum Cause {
        /** Pool liquidity was removed. */
        LP_REMOVED,
        /** The mint authority is active and the supply is concentrated. */
        MINTABLE_AND_CONCENTRATED
    }

    /** Whether the flag still holds at the given time. */
    public boolean holdsAt(long timeMs) {
        return timeMs < untilMs;
    }

    /** What flagged the token, with its figures, e.g. "LP removed 25.00% >= 20.00% within the hour". */
    public String describe() {
        return switch (cause) {
            case LP_REMOVED -> "LP removed " + Bps.pctSign(figureBps) + " >= " + Bps.pctSign(limitBps) + " within the hour";
            case MINTABLE_AND_CONCENTRATED -> "mint authority active with the top-10 holders at " + Bps.pctSign(figureBps)
                    + " >= " + Bps.pctSign(limitBps);
        };
    }
}
