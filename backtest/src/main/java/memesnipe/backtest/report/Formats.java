package memesnipe.backtest.report;

import memesnipe.model.money.Fixed;
import memesnipe.performance.ConfidenceInterval;
import memesnipe.performance.Figure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** How figures read in the console summary and the HTML report: one place, so both agree. */
final class Formats {
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** A fraction as a percentage with 2 decimals ("12.34 %"), or the special case in words. */
    static String percent(Figure f) {
        return figure(f, Formats::percent);
    }

    /** A ratio with 2 decimals ("1.84"), or the special case in words. */
    static String ratio(Figure f) {
        return figure(f, Formats::fixed2);
    }

    /** "[low, high]" with each bound as a percentage, or "n/a (why)". */
    static String percentCi(ConfidenceInterval ci) {
        return interval(ci, Formats::percent);
    }

    /** "[low, high]" with each bound as a ratio, or "n/a (why)". */
    static String ratioCi(ConfidenceInterval ci) {
        return interval(ci, Formats::fixed2);
    }

    private static String figure(Figure f, DoubleFunction<String> format) {
        if (f instanceof Figure.Value v) {
            return format.apply(v.value());
        }
        if (f instanceof Figure.Unbounded u) {
            return "unbounded (" + u.why() + ")";
        }
        return "n/a (" + ((Figure.NotAvailable) f).why() + ")";
    }

    private static String interval(ConfidenceInterval ci, DoubleFunction<String> format) {
        if (ci instanceof ConfidenceInterval.Range r) {
            return "[" + format.apply(r.low()) + ", " + format.apply(r.high()) + "]";
        }
        return "n/a (" + ((ConfidenceInterval.NotAvailable) ci).why() + ")";
    }

    static String percent(double fraction) {
        return fixed2(fraction * 100) + " %";
    }

    static String fixed2(double x) {
        String s = String.format(Locale.ROOT, "%.2f", x);
        return s.equals("-0.00") ? "0.00" : s;
    }

    /** A whole number without decimals ("8760"), anything else with 2 ("52.14"). */
    static String plain(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : fixed2(x);
    }

    /** An amount at scale e8, exactly ("1234.5"). */
    static String money(long e8) {
        return Fixed.format(e8);
    }

    /** An instant in UTC to the second ("2024-01-01T00:00:00Z"). */
    static String time(long ms) {
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, 1000)).toString();
    }

    /** An instant in UTC to the minute, for chart axes ("2024-01-01 00:00"). */
    static String minute(long ms) {
        return MINUTES.format(Instant.ofEpochMilli(ms));
    }

    /** A chart value with 2 decimals from 1 up, else 4 significant digits ("0.00001234"). */
    static String axis(double x) {
        if (Math.abs(x) >= 1 || x == 0) {
            return fixed2(x);
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
