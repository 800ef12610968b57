package memesnipe.backtest.report;

import memesnipe.model.text.Printable;

/** Escaping of text that goes into the HTML report. */
public final class Html {
    /** Characters of a text value kept in the report (the rest is replaced by a count). */
    static final int MAX_TEXT = 500;

    private Html() {
    }

    /**
     * The text made safe as element content or a quoted attribute value: control and invisible characters are
     * written as visible escapes ({@link Printable}), and {@code & < > " '} as character references.
     */
    public static String escape(String text) {
        String printable = Printable.of(text, MAX_TEXT);
        StringBuilder out = new StringBuilder(printable.length() + 16);
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
