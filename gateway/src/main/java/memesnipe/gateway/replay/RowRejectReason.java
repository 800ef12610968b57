package memesnipe.gateway.replay;

/** Why one row of a replay file was rejected (each rejected row is counted under exactly one reason). */
public enum RowRejectReason {
    /** The line is longer than {@link ReplayLimits#MAX_LINE_CHARS}. */
    LINE_TOO_LONG,
    /** A CSV row with another number of columns than its header (or than three, for trades without a header). */
    COLUMN_COUNT,
    /** A JSON bar without one of the required fields, or with a field that is not a number or string. */
    MISSING_FIELD,
    /** A row that is not a row of its format (a journal row that does not parse, a JSON value that is no object). */
    BAD_ROW,
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
