package memesnipe.gateway.replay;

import memesnipe.model.text.Printable;

import java.io.IOException;
import java.util.List;

/**
 * Reads the CSV replay formats line by line into an {@link EventCollector}: blank lines are skipped, a line
 * longer than {@link ReplayLimits#MAX_LINE_CHARS} or with broken quoting is a rejected row, the first non-blank
 * line is offered to the format as its header.
 */
final class CsvReplay {
    /** One CSV format: its header rule and how a row becomes an event. */
    interface Rows {
        /**
         * Sees the first non-blank line; returns whether it was a header (else it is read as a data row).
         *
         * @throws ReplayFileException when the format needs a header this line is not, or a column is missing
         */
        boolean header(List<String> fields);

        /** The row's event, or a BadValue saying why it is rejected. */
        ReplayEvent row(String line, List<String> fields) throws BadValue;
    }

    private CsvReplay() {
    }

    static void read(LineReader lines, Rows rows, EventCollector out) throws IOException {
        boolean first = true;
        while (lines.next()) {
            if (lines.tooLong() && first) {
                throw new ReplayFileException(out.source() + ": line " + lines.number() + " is longer than "
                        + ReplayLimits.MAX_LINE_CHARS + " characters");
            }
            if (out.rejectedTooLong(lines)) {
                continue;
            }
            String text = lines.text();
            if (text.isBlank()) {
                continue;
            }
            List<String> fields = Fields.split(text);
            if (first) {
                first = false;
                if (fields != null && rows.header(fields)) {
                    continue;
                }
            }
            if (fields == null) {
                out.reject(lines.number(), RowRejectReason.BAD_ROW, "unterminated quote or text after a quote");
                continue;
            }
            try {
                out.accept(lines.number(), rows.row(text, fields));
            } catch (BadValue b) {
                out.reject(lines.number(), b.reason, b.getMessage());
            }
        }
    }

    static BadValue columnCount(int expected, List<String> fields) {
        return new BadValue(RowRejectReason.COLUMN_COUNT, "expected " + expected + " columns, found " + fields.size());
    }

    /** timestamp,price,amount; a header maps the columns by name (any order, more columns allowed). */
    static final class Trades implements Rows {
        private final String source;
        private final String symbol;
        private final Timestamps times = new Timestamps();
        private int[] at = {0, 1, 2};
        private int columns = 3;

        Trades(String source, String symbol) {
            this.source = source;
            this.symbol = symbol;
        }

        @Override
        public boolean header(List<String> fields) {
            if (!Columns.isHeader(fields)) {
                return false;
            }
            at = Columns.map(source, fields, Columns.TRADES);
            columns = fields.size();
            return true;
        }

        @Override
        public ReplayEvent row(String line, List<String> f) throws BadValue {
            if (f.size() != columns) {
                throw columnCount(columns, f);
            }
            long ms = times.millis(f.get(at[0]));
            return ReplayEvent.trade(symbol, ms, Fields.price(f.get(at[1])), Fields.volume(f.get(at[2])));
        }
    }

    /** OHLCV bars; the header is required and names the columns (see {@link Columns#BARS}). */
    static final class BarRows implements Rows {
        private final String source;
        private final String symbol;
        private final Timestamps times = new Timestamps();
        private int[] at;
        private int columns;

        BarRows(String source, String symbol) {
            this.source = source;
            this.symbol = symbol;
        }

        @Override
        public boolean header(List<String> fields) {
            if (!Columns.isHeader(fields)) {
                throw new ReplayFileException(source + ": no header line; bars CSV names its columns in a header ("
                        + "a time column such as endTime, timestamp or date, and open, high, low, close, volume), "
                        + "first line is " + Printable.of(String.join(",", fields), ReplayLimits.MAX_QUOTED));
            }
            at = Columns.map(source, fields, Columns.BARS);
            columns = fields.size();
            return true;
        }

        @Override
        public ReplayEvent row(String line, List<String> f) throws BadValue {
            if (f.size() != columns) {
                throw columnCount(columns, f);
            }
            String[] t = new String[at.length];
            for (int k = 0; k < at.length; k++) {
                t[k] = f.get(at[k]);
            }
            return Bars.event(symbol, times, t);
        }
    }
}
