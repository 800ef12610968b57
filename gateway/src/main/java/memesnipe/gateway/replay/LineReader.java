package memesnipe.gateway.replay;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (ended by LF, CRLF or CR) without ever holding more than {@link ReplayLimits#MAX_LINE_CHARS}
 * characters of one: a longer line is consumed to its end and reported as too long. Drops a leading byte order
 * mark. Counts lines from 1.
 */
final class LineReader {
    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int len;
    private long number;
    private boolean tooLong;
    private boolean first = true;

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line's text (null when it was too long), after {@link #next()} returned true. */
    String text() {
        return tooLong ? null : line.toString();
    }

    /** Whether the current line was longer than the limit. */
    boolean tooLong() {
        return tooLong;
    }

    /** The current line's 1-based number. */
    long number() {
        return number;
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        line.setLength(0);
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (any) {
                        number++;
                        return true;
                    }
                    return false;
                }
            }
            char c = buf[pos++];
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    continue;
                }
            }
            any = true;
            if (c == '\n') {
                number++;
                return true;
            }
            if (c == '\r') {
                if (pos == len) {
                    len = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                    }
                }
                if (pos < len && buf[pos] == '\n') {
                    pos++;
                }
                number++;
                return true;
            }
            if (!tooLong) {
                if (line.length() >= maxChars) {
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }
    }
}
