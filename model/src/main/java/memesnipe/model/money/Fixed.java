package memesnipe.model.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Fixed-point arithmetic at scale 10^8, the scale of every {@code *_e8} field on the wire.
 * Products and quotients are computed exactly (at 128 bits where a product can exceed 64) and rounded toward
 * zero; a result that does not fit a long is reported as an {@link AmountOverflow} (an ArithmeticException carrying
 * the operation and its figures), never wrapped around or clamped.
 */
public final class Fixed {
    /** 10^8: the value 1.0 at scale e8. */
    public static final long ONE = 100_000_000L;
    private static final BigInteger BIG_ONE = BigInteger.valueOf(ONE);
    /** |a| below this: a * 10^8 fits in a long. */
    private static final long FAST_DIV_LIMIT = Long.MAX_VALUE / ONE;
    /** 10^0 .. 10^8. */
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, ONE};

    private Fixed() {
    }

    /** a * b / 10^8, e.g. price_e8 x qty_e8 = notional_e8; the product is taken at 128 bits before the division. */
    public static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo / ONE;
        }
        BigInteger r = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BIG_ONE);
        if (r.bitLength() > 63) {
            throw new AmountOverflow(AmountOverflow.Operation.MULTIPLY, r, a, b);
        }
        return r.longValue();
    }

    /** a * 10^8 / b, e.g. notional_e8 / price_e8 = qty_e8. */
    public static long div(long a, long b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (a > -FAST_DIV_LIMIT && a < FAST_DIV_LIMIT) { // not Math.abs: abs(Long.MIN_VALUE) is negative
            return a * ONE / b;
        }
        BigInteger r = BigInteger.valueOf(a).multiply(BIG_ONE).divide(BigInteger.valueOf(b));
        if (r.bitLength() > 63) {
            throw new AmountOverflow(AmountOverflow.Operation.DIVIDE, r, a, b);
        }
        return r.longValue();
    }

    /**
     * a * b / c on plain integers, rounded toward zero, with the product taken at 128 bits (e.g. a cost basis
     * released pro rata, cost x sold / held; a size scaled by a percentage, size x pct / 100).
     */
    public static long mulDiv(long a, long b, long c) {
        if (c == 0) {
            throw new ArithmeticException("division by zero");
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) && !(lo == Long.MIN_VALUE && c == -1)) {
            return lo / c;
        }
        BigInteger r = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c));
        if (r.bitLength() > 63) {
            throw new AmountOverflow(AmountOverflow.Operation.MULTIPLY_DIVIDE, r.toString(), a, b, c);
        }
        return r.longValue();
    }

    /** value x bps / 10000, e.g. a fee of 10 bps on a notional (rounded toward zero). */
    public static long bps(long value, long bps) {
        return mulDiv(value, bps, 10_000);
    }

    /** a + b, reporting {@link AmountOverflow} instead of wrapping around (quantities, cash, exposures). */
    public static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) { // both operands' sign differs from the result's: it wrapped
            throw new AmountOverflow(AmountOverflow.Operation.ADD,
                    BigInteger.valueOf(a).add(BigInteger.valueOf(b)), a, b);
        }
        return r;
    }

    /** a - b, reporting {@link AmountOverflow} instead of wrapping around. */
    public static long sub(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw new AmountOverflow(AmountOverflow.Operation.SUBTRACT,
                    BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)), a, b);
        }
        return r;
    }

    /**
     * Parses a decimal string such as "123.45" into scale e8; more than 8 decimals, or a value beyond
     * ±92233720368.54775807 (the range of a scale e8 long), is an error that says which.
     */
    public static long parse(String decimal) {
        BigDecimal d;
        try {
            d = new BigDecimal(decimal.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("not a decimal number: '" + decimal + "'");
        }
        if (d.signum() != 0 && d.precision() - d.scale() > 12) { // 12 integer digits or more: beyond any e8 long
            throw new IllegalArgumentException("out of range: '" + decimal + "' is beyond +-" + format(Long.MAX_VALUE));
        }
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() > 8) {
            throw new IllegalArgumentException("not a decimal with at most 8 places: '" + decimal + "'");
        }
        BigDecimal scaled = stripped.setScale(8, RoundingMode.UNNECESSARY);
        if (scaled.unscaledValue().bitLength() > 63) {
            throw new IllegalArgumentException("out of range: '" + decimal + "' is beyond +-" + format(Long.MAX_VALUE));
        }
        return scaled.unscaledValue().longValue();
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
            int places = 8;
            while (frac % 10 == 0) { // trailing zeros go
                frac /= 10;
                places--;
            }
            sb.append('.');
            for (long f = frac * 10; f < POW10[places]; f *= 10) { // leading zeros stay: 0.05 is .05
                sb.append('0');
            }
            sb.append(frac);
        }
        return sb.toString();
    }

    /** For indicator math and display only: never feed the result back into money. */
    public static double toDouble(long e8) {
        return e8 / (double) ONE;
    }

    /**
     * Rounds a double to scale e8 (e.g. a simulated price); NaN and infinities are rejected, and a value whose
     * scaled form does not fit a long is an {@link AmountOverflow} (never clamped to the largest long).
     */
    public static long fromDouble(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not finite: " + value);
        }
        double scaled = value * ONE;
        if (scaled >= 0x1p63 || scaled < -0x1p63) { // Math.round would clamp these to the largest long
            throw new AmountOverflow(AmountOverflow.Operation.CONVERT,
                    new BigDecimal(value).stripTrailingZeros().toPlainString());
        }
        return Math.round(scaled);
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
