package memesnipe.kit.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Fixed-point arithmetic at scale 10^8, the scale of every {@code *_e8} field on the wire.
 * Products and quotients are computed exactly and rounded toward zero; overflow throws.
 */
public final class Fixed {
    /** 10^8: the value 1.0 at scale e8. */
    public static final long ONE = 100_000_000L;
    private static final BigInteger BIG_ONE = BigInteger.valueOf(ONE);
    /** |a| below this: a * 10^8 fits in a long. */
    private static final long FAST_DIV_LIMIT = Long.MAX_VALUE / ONE;

    private Fixed() {
    }

    /** a * b / 10^8, e.g. price_e8 x qty_e8 = notional_e8. */
    public static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo / ONE;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BIG_ONE).longValueExact();
    }

    /** a * 10^8 / b, e.g. notional_e8 / price_e8 = qty_e8. */
    public static long div(long a, long b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (a > -FAST_DIV_LIMIT && a < FAST_DIV_LIMIT) { // not Math.abs: abs(Long.MIN_VALUE) is negative
            return a * ONE / b;
        }
        return BigInteger.valueOf(a).multiply(BIG_ONE).divide(BigInteger.valueOf(b)).longValueExact();
    }

    /** value x bps / 10000, e.g. a fee of 10 bps on a notional. */
    public static long bps(long value, long bps) {
        return mul(value, Math.multiplyExact(bps, ONE / 10_000));
    }

    /** a + b, throwing ArithmeticException instead of wrapping around (quantities, cash, exposures). */
    public static long add(long a, long b) {
        return Math.addExact(a, b);
    }

    /** a - b, throwing ArithmeticException instead of wrapping around. */
    public static long sub(long a, long b) {
        return Math.subtractExact(a, b);
    }

    /** Parses a decimal string such as "123.45" into scale e8; more than 8 decimals is an error. */
    public static long parse(String decimal) {
        try {
            return new BigDecimal(decimal.trim()).setScale(8, RoundingMode.UNNECESSARY)
                    .unscaledValue().longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal with at most 8 places: '" + decimal + "'");
        }
    }

    /** Formats a scale e8 value as a plain decimal string without trailing zeros ("123.45"). */
    public static String format(long e8) {
        if (e8 == Long.MIN_VALUE) {
            return BigDecimal.valueOf(e8, 8).stripTrailingZeros().toPlainString();
        }
        long abs = Math.abs(e8);
        long whole = abs / ONE;
        long frac = abs % ONE;
        StringBuilder sb = new StringBuilder(24);
        if (e8 < 0) {
            sb.append('-');
        }
        sb.append(whole);
        if (frac != 0) {
            String digits = Long.toString(frac + ONE).substring(1); // zero-padded to 8 digits
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(digits, 0, end);
        }
        return sb.toString();
    }

    /** For indicator math and display only: never feed the result back into money. */
    public static double toDouble(long e8) {
        return e8 / (double) ONE;
    }

    /** Rounds a double to scale e8 (e.g. a simulated price); NaN and infinities are rejected. */
    public static long fromDouble(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not finite: " + value);
        }
        return Math.round(value * ONE);
    }

    /** a / b as a percentage string with 2 decimals, for display ("3.25"). */
    public static String pct(long a, long b) {
        if (b == 0) {
            return "0.00";
        }
        return BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(b), 2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
