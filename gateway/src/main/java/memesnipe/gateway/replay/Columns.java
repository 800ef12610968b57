package memesnipe.gateway.replay;

import memesnipe.model.text.Printable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The columns a CSV replay reads, each with the header names accepted for it (compared ignoring case), in order of
 * preference when a header has several of them.
 */
final class Columns {
    /** One column the parser needs: its name in messages and its accepted header names, lower case. */
    record Column(String name, List<String> aliases) {
    }

    static final Column TRADE_TIME = new Column("timestamp", List.of("timestamp", "time", "date", "datetime"));
    static final Column TRADE_PRICE = new Column("price", List.of("price"));
    static final Column TRADE_AMOUNT = new Column("amount",
            List.of("amount", "volume", "qty", "quantity", "size"));
    static final Column BAR_TIME = new Column("endTime", List.of("endtime", "end_time", "closetime", "close_time",
            "timestamp", "time", "date", "datetime"));
    static final Column OPEN = new Column("open", List.of("open", "openprice", "open_price"));
    static final Column HIGH = new Column("high", List.of("high", "highprice", "high_price"));
    static final Column LOW = new Column("low", List.of("low", "lowprice", "low_price"));
    static final Column CLOSE = new Column("close", List.of("close", "closeprice", "close_price"));
    static final Column VOLUME = new Column("volume", List.of("volume", "vol"));
    static final List<Column> TRADES = List.of(TRADE_TIME, TRADE_PRICE, TRADE_AMOUNT);
    static final List<Column> BARS = List.of(BAR_TIME, OPEN, HIGH, LOW, CLOSE, VOLUME);

    private Columns() {
    }

    /** The index of the column's preferred name among lower-case header names, or -1. */
    static int find(List<String> lowerNames, Column c) {
        for (String alias : c.aliases()) {
            int i = lowerNames.indexOf(alias);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a first line is a header: its first field starts with a letter. */
    static boolean isHeader(List<String> fields) {
        return !fields.isEmpty() && !fields.get(0).isEmpty() && Character.isLetter(fields.get(0).charAt(0));
    }

    /**
     * The index of every wanted column in the header, in the order wanted.
     *
     * @throws ReplayFileException naming every missing column and a name appearing twice
     */
    static int[] map(String source, List<String> header, List<Column> wanted) {
        List<String> lower = header.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        int[] at = new int[wanted.size()];
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < wanted.size(); k++) {
            Column c = wanted.get(k);
            at[k] = find(lower, c);
            if (at[k] < 0) {
                missing.add("'" + c.name() + "' (accepted names: " + String.join(", ", c.aliases()) + ")");
            } else if (lower.lastIndexOf(lower.get(at[k])) != at[k]) {
                throw new ReplayFileException(source + ": the header names column '"
                        + Printable.of(header.get(at[k]), ReplayLimits.MAX_QUOTED) + "' twice");
            }
        }
        if (!missing.isEmpty()) {
            throw new ReplayFileException(source + ": the header lacks the required column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(" and ", missing) + "; it has: "
                    + Printable.of(header.stream().collect(Collectors.joining(",")), 120));
        }
        return at;
    }
}
