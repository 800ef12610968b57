package memesnipe.gateway.replay;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file formats a replay reads, by their replay-format setting value. */
public enum ReplayFormat {
    /** timestamp,price,amount: one trade per row; header optional. */
    TRADES_CSV("trades-csv"),
    /** OHLCV bars with a header naming a time, open, high, low, close and volume column. */
    BARS_CSV("bars-csv"),
    /** OHLCV bars as a JSON array of objects (or an object whose "ohlc", "bars" or "data" field is that array). */
    BARS_JSON("bars-json"),
    /** The gateway's own tick journal export (memesnipe journal export). */
    JOURNAL_CSV("journal-csv"),
    /**
     * JSON Lines: one JSON object per line, each a trade or a signal of any kind named by its "kind" field, each
     * naming its symbol ({@link JsonLines}); what memesnipe journal export writes with --format jsonl.
     */
    JSONL("jsonl");

    private final String id;

    ReplayFormat(String id) {
        this.id = id;
    }

    /** The setting value, e.g. "trades-csv". */
    public String id() {
        return id;
    }

    public static Optional<ReplayFormat> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** Every setting value, for messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ReplayFormat::id).toList();
    }

    /**
     * The format of a file not given one: a name ending in .jsonl or .ndjson, or a first line holding one JSON object
     * with a "kind" field, is jsonl; a name ending in .json or text starting with '{' or '[' is bars-json; a
     * first line naming a price_e8 column is journal-csv; one naming an open, high, low or close column but no price
     * column is bars-csv; anything else is trades-csv.
     *
     * @param fileName  the file's name
     * @param firstLine its first non-blank line (may be cut short), or null when it has none
     */
    public static ReplayFormat guess(String fileName, String firstLine) {
        String head = firstLine == null ? "" : firstLine.strip();
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")
                || (head.startsWith("{") && head.endsWith("}") && head.contains("\"" + JsonLines.KIND + "\""))) {
            return JSONL;
        }
        if (name.endsWith(".json") || head.startsWith("{") || head.startsWith("[")) {
            return BARS_JSON;
        }
        List<String> names = Fields.split(head);
        if (names == null) {
            return TRADES_CSV;
        }
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        if (lower.contains("price_e8")) {
            return JOURNAL_CSV;
        }
        boolean bar = Columns.find(lower, Columns.OPEN) >= 0 || Columns.find(lower, Columns.HIGH) >= 0
                || Columns.find(lower, Columns.LOW) >= 0 || Columns.find(lower, Columns.CLOSE) >= 0;
        if (bar && Columns.find(lower, Columns.TRADE_PRICE) < 0) {
            return BARS_CSV;
        }
        return TRADES_CSV;
    }
}
