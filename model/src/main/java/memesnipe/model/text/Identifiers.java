package memesnipe.model.text;

import java.util.regex.Pattern;

/**
 * The one definition of what an identifier on the wire may look like: every node checks untrusted client order
 * ids, symbols, strategy, venue and subscriber names against these patterns before using or logging them.
 */
public final class Identifiers {
    /** Idempotency key from intent to venue. */
    public static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** A market symbol, e.g. SOL. */
    public static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9._-]{1,24}");
    /** Strategy and venue names, e.g. momentum_5m, paper. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
    /** A market data subscriber's name (also a metric label). */
    public static final Pattern SUBSCRIBER = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private Identifiers() {
    }

    /** Whether the value is a {@link #SYMBOL} (the same rule, without a regex: it runs on every market event). */
    public static boolean isSymbol(String value) {
        if (value == null || value.isEmpty() || value.length() > 24) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static boolean valid(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
