package memesnipe.gateway.replay;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splitting a CSV line and reading its numbers, strictly and with bounded work. */
final class Fields {
    /** A plain decimal with an optional exponent; at most 40 digits each side and a 4-digit exponent. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d{1,40}(\\.\\d{0,40})?|\\.\\d{1,40})([eE][+-]?\\d{1,4})?");
    private static final int MAX_NUMBER_CHARS = 90;

    private Fields() {
    }

    /**
     * The comma-separated fields of a line, each trimmed; a field may be quoted ("a,b", with "" for a quote).
     * Null when the quoting is broken.
     */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return null;
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    return null;
                }
                out.add(f.toString());
            } else {
                while (i < n && line.charAt(i) != ',') {
                    f.append(line.charAt(i++));
                }
                out.add(f.toString().trim());
            }
            f.setLength(0);
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }

    /** The text as a decimal, or null when it is not a plain decimal number. */
    static BigDecimal decimal(String text) {
        if (text == null || text.length() > MAX_NUMBER_CHARS || !DECIMAL.matcher(text).matches()) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** A positive price that a double can carry. */
    static BigDecimal price(String text) throws BadValue {
        BigDecimal p = decimal(text);
        if (p == null) {
            throw new BadValue(RowRejectReason.BAD_PRICE, "price " + BadValue.quote(text) + " is not a number");
        }
        if (p.signum() <= 0) {
            throw new BadValue(RowRejectReason.BAD_PRICE, "price " + BadValue.quote(text) + " is not positive");
        }
        double d = p.doubleValue();
        if (!Double.isFinite(d) || d == 0 || d < Double.MIN_NORMAL) {
            throw new BadValue(RowRejectReason.BAD_PRICE, "price " + BadValue.quote(text) + " is out of range");
        }
        return p;
    }

    /** A volume of zero or more that a double can carry. */
    static BigDecimal volume(String text) throws BadValue {
        BigDecimal v = decimal(text);
        if (v == null) {
            throw new BadValue(RowRejectReason.BAD_VOLUME, "volume " + BadValue.quote(text) + " is not a number");
        }
        if (v.signum() < 0) {
            throw new BadValue(RowRejectReason.BAD_VOLUME, "volume " + BadValue.quote(text) + " is negative");
        }
        if (!Double.isFinite(v.doubleValue())) {
            throw new BadValue(RowRejectReason.BAD_VOLUME, "volume " + BadValue.quote(text) + " is out of range");
        }
        return v;
    }
}
