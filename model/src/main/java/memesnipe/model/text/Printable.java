package memesnipe.model.text;

/**
 * Makes untrusted text safe to log or to embed in a message: at most a fixed number of characters are kept (the
 * rest is replaced by a count), and every character that could start a new log line, hide or reorder text, or is
 * not a character at all (controls, U+0085, U+2028/U+2029, bidirectional and other format characters, lone
 * surrogates, private-use and unassigned code points) is written as a {@code \}{@code uXXXX} escape; a backslash is
 * doubled so an escape cannot be forged. The result is one line of printable text. Text that needs no change is
 * returned as it is, without copying.
 */
public final class Printable {
    /** Characters of the original kept by {@link #of(String)}. */
    public static final int MAX = 80;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    /** The text escaped and cut to {@link #MAX} characters; "null" for null. */
    public static String of(String untrusted) {
        return of(untrusted, MAX);
    }

    /** The text escaped and cut to {@code max} characters of the original; "null" for null. */
    public static String of(String untrusted, int max) {
        if (untrusted == null) {
            return "null";
        }
        int keep = Math.min(untrusted.length(), Math.max(0, max));
        if (keep < untrusted.length() && keep > 0 && Character.isHighSurrogate(untrusted.charAt(keep - 1))) {
            keep--; // never cut a surrogate pair in half
        }
        int first = firstUnsafe(untrusted, keep);
        if (first == keep && keep == untrusted.length()) {
            return untrusted;
        }
        StringBuilder out = new StringBuilder(keep + 16).append(untrusted, 0, first);
        for (int i = first; i < keep; ) {
            int cp = untrusted.codePointAt(i);
            int n = Character.charCount(cp);
            if (i + n > keep) {
                n = 1; // a high surrogate whose low half was cut off above: escaped alone
                cp = untrusted.charAt(i);
            }
            if (safe(cp)) {
                out.appendCodePoint(cp);
            } else if (cp == '\\') {
                out.append("\\\\");
            } else {
                for (int j = i; j < i + n; j++) {
                    escape(out, untrusted.charAt(j));
                }
            }
            i += n;
        }
        if (keep < untrusted.length()) {
            out.append("...(").append(untrusted.length()).append(" chars)");
        }
        return out.toString();
    }

    /**
     * Text that may have been built from parts already escaped (an exception message from a parser that quoted a
     * value with {@link #of}): returned as it is when it holds nothing unsafe but backslashes and fits in max, so
     * an escape is not escaped twice; otherwise escaped and cut like {@link #of(String, int)}.
     */
    public static String oneLine(String text, int max) {
        if (text == null || text.length() > max) {
            return of(text, max);
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp != '\\' && !safe(cp)) {
                return of(text, max);
            }
            i += Character.charCount(cp);
        }
        return text;
    }

    /** The index of the first character among the first {@code end} that must be escaped, or {@code end}. */
    private static int firstUnsafe(String s, int end) {
        for (int i = 0; i < end; ) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (i + n > end || !safe(cp)) {
                return i;
            }
            i += n;
        }
        return end;
    }

    private static boolean safe(int cp) {
        if (cp == '\\') {
            return false;
        }
        if (cp >= 0x20 && cp < 0x7F) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    private static void escape(StringBuilder out, char c) {
        out.append('\\').append('u').append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
