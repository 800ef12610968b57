package memesnipe.gateway.replay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a file's timestamps as ms since the epoch. A number below {@value #SECONDS_BELOW} is seconds (it may have a
 * fraction, rounded half up to the millisecond), a larger one milliseconds: 10^11 s is in the year 5138 and
 * 10^11 ms in 1973, so no real date is ambiguous. The first numeric timestamp fixes the file's unit; a later one of
 * the other unit is rejected. Also accepted: ISO-8601 date-times with an offset (2023-03-13T18:04:59Z), without
 * one (read as UTC; a space may stand for the T) and plain dates (00:00 UTC of that day). Times must lie after
 * 1970-01-01T00:00Z and before year 10000.
 */
final class Timestamps {
    static final long SECONDS_BELOW = 100_000_000_000L;
    /** 9999-12-31T23:59:59.999Z. */
    static final long MAX_MS = 253_402_300_799_999L;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal SECONDS_LIMIT = BigDecimal.valueOf(SECONDS_BELOW);
    private static final int MAX_DATE_CHARS = 40;

    private Boolean seconds;

    /** The unit numeric timestamps were found in: "seconds", "milliseconds" or "none yet". */
    String unit() {
        return seconds == null ? "none yet" : seconds ? "seconds" : "milliseconds";
    }

    long millis(String text) throws BadValue {
        BigDecimal n = Fields.decimal(text);
        long ms;
        if (n != null) {
            boolean inSeconds = n.compareTo(SECONDS_LIMIT) < 0;
            if (seconds != null && seconds != inSeconds) {
                throw new BadValue(RowRejectReason.BAD_TIME, "timestamp " + BadValue.quote(text) + " looks like "
                        + (inSeconds ? "seconds" : "milliseconds") + " but the file's timestamps are in " + unit());
            }
            BigDecimal m = (inSeconds ? n.multiply(THOUSAND) : n).setScale(0, RoundingMode.HALF_UP);
            if (m.signum() <= 0 || m.compareTo(BigDecimal.valueOf(MAX_MS)) > 0) {
                throw new BadValue(RowRejectReason.BAD_TIME, "timestamp " + BadValue.quote(text)
                        + " is not between 1970 and 9999 (micro- and nanoseconds are not read)");
            }
            if (seconds == null) {
                seconds = inSeconds;
            }
            ms = m.longValueExact();
        } else {
            ms = iso(text);
        }
        return ms;
    }

    private static long iso(String text) throws BadValue {
        if (text != null && text.length() <= MAX_DATE_CHARS && !text.isEmpty() && Character.isDigit(text.charAt(0))) {
            String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11)
                    : text;
            long ms = -1;
            try {
                if (t.length() == 10) {
                    ms = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                } else if (t.endsWith("Z") || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) {
                    ms = OffsetDateTime.parse(t).toInstant().toEpochMilli();
                } else {
                    ms = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                ms = -1;
            }
            if (ms > 0 && ms <= MAX_MS) {
                return ms;
            }
        }
        throw new BadValue(RowRejectReason.BAD_TIME, "timestamp " + BadValue.quote(text)
                + " is neither seconds, milliseconds nor an ISO-8601 date after 1970");
    }
}
