package memesnipe.gateway.replay;

/** Why one row of a replay file was rejected (each rejected row is counted under exactly one reason). */
public enum RowRejectReason {
    /** The line is longer than {@link ReplayLimits#MAX_LINE_CHARS}. */
    LINE_TOO_LONG,
    /** A CSV row with another number of columns than its header (or than three, for trades without a header). */
    COLUMN_COUNT,
    /**
     * A JSON bar without one of the required fields (or with one that is not a number or string), or a JSON Lines
     * row without one of its required fields (or with null there).
     */
    MISSING_FIELD,
    /**
     * A row that is not a row of its format (a journal row that does not parse, a JSON value that is no object, a
     * JSON Lines line that is not one JSON object or names a field twice).
     */
    BAD_ROW,
    /** A JSON Lines row whose kind is none of the signal kinds nor "trade". */
    UNKNOWN_KIND,
    /** A JSON Lines field that must be a number and is not (a JSON number, or a string holding a plain decimal). */
    NOT_NUMERIC,
    /**
     * A JSON Lines number outside its range: more decimals than its fixed-point scale (8 for USD and token amounts
     * and rates, 4 for sentiment, none for counts, bps and ms), too large for its field, or outside the range the
     * gateway accepts for it (a share above 10,000 bps, a funding rate beyond 5 %, ...).
     */
    OUT_OF_RANGE,
    /**
     * A JSON Lines name, label or flag that is not one of its values (a wallet label, an LP lock, a token event kind,
     * true/false) or not of its pattern (a symbol, a chain, source or venue name, a pool id, an asset).
     */
    BAD_LABEL,
    /**
     * A JSON Lines signal whose fields contradict each other: a bridge flow from a chain to itself, a pool left with
     * less liquidity than it was just given, a funding time not within one interval after the event, a claim before
     * its snapshot, an announced snapshot not after the announcement.
     */
    INCONSISTENT,
    /** A timestamp that is not a number or date, not after 1970, beyond year 9999, or of another unit than the file's. */
    BAD_TIME,
    /** A price that is not a number, not positive, or too large or small for a double. */
    BAD_PRICE,
    /** A volume that is not a number, negative, or too large for a double. */
    BAD_VOLUME,
    /** A bar whose high is below its low, open or close, or whose low is above its open or close. */
    BAD_BAR,
    /** A timestamp earlier than the previous accepted row's: the file must be sorted by time. */
    UNSORTED
}
