package memesnipe.model.text;

import java.util.regex.Pattern;

/**
 * The one definition of what an identifier on the wire may look like: every node checks untrusted client order
 * ids, symbols, strategy, venue and subscriber names against these patterns before using or logging them.
 */
public final class Identifiers {
    /** Idempotency key from intent to venue. */
    public static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** An identifier from outside the system, such as a pool address: the same characters as a client order id. */
    public static final Pattern EXTERNAL_ID = CLIENT_ORDER_ID;
    /** A market symbol, e.g. SOL. */
    public static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9._-]{1,24}");
    /** Strategy and venue names, e.g. momentum_5m, paper. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
    /** A market data subscriber's name (also a metric label). */
    public static final Pattern SUBSCRIBER = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private Identifiers() {
    }

    /** Whether the value is a {@link #SYMBOL} (without a regex: it runs on every market event). */
    public static boolean isSymbol(String value) {
        return valid(SYMBOL, value);
    }

    /**
     * Whether the value matches the pattern in whole. The patterns above are checked without a regex, character by
     * character (they run on every intent, order and market event; IdentifiersTest holds each to its regex); any other
     * pattern with its regex.
     */
    public static boolean valid(Pattern pattern, String value) {
        if (value == null) {
            return false;
        }
        if (pattern == CLIENT_ORDER_ID) {
            return allOf(value, 64, true, "._:-");
        }
        if (pattern == SYMBOL) {
            return allOf(value, 24, true, "._-");
        }
        if (pattern == NAME) {
            return allOf(value, 64, false, "_");
        }
        if (pattern == SUBSCRIBER) {
            return allOf(value, 32, true, "._-");
        }
        return pattern.matcher(value).matches();
    }

    /** 1..maxLength characters, each a lower-case ASCII letter, a digit, an upper-case one if allowed, or punctuation. */
    private static boolean allOf(String value, int maxLength, boolean upperCase, String punctuation) {
        int n = value.length();
        if (n == 0 || n > maxLength) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (upperCase && c >= 'A' && c <= 'Z')
                    || punctuation.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
