package memesnipe.model.money;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A symbol's lot: 10^exponent base units. Prices on the wire are USD per lot and quantities are lots, both at
 * scale 10^8 ({@link Fixed}), so a token priced far below 10^-8 USD with a supply of 10^15 or more keeps full
 * precision and fits 64 bits: at exponent 9, a token at 3e-11 USD is 0.03 USD per lot and 10^18 tokens are
 * 10^9 lots. Notional (lots x USD per lot) needs no conversion, so risk, venue and signer arithmetic is the same
 * at every exponent; only the edges that meet per-unit figures (a feed, a real venue, a display) convert here.
 */
public final class Lot {
    /** Largest exponent: a lot of 10^18 units. */
    public static final int MAX_EXPONENT = 18;
    /** 10^0 .. 10^18 as doubles (exact: every power of ten up to 10^22 is a double). */
    private static final double[] POW10 = new double[MAX_EXPONENT + 1];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i);
        }
    }

    private Lot() {
    }

    public static boolean valid(int exponent) {
        return exponent >= 0 && exponent <= MAX_EXPONENT;
    }

    /** Base units per lot, 10^exponent, as a double (for a feed's per-unit doubles). */
    public static double unitsPerLot(int exponent) {
        check(exponent);
        return POW10[exponent];
    }

    /** A per-unit price (USD per base unit) as USD per lot at scale e8, rounded half up; see {@link Fixed#fromDouble}. */
    public static long priceE8(double unitPrice, int exponent) {
        return Fixed.fromDouble(unitPrice * unitsPerLot(exponent));
    }

    /** A per-unit quantity (base units) as lots at scale e8, rounded half up; see {@link Fixed#fromDouble}. */
    public static long qtyE8(double units, int exponent) {
        return Fixed.fromDouble(units / unitsPerLot(exponent));
    }

    /** Lots at scale e8 as base units, exactly (for a venue that counts units, or a display). */
    public static BigDecimal units(long qtyE8, int exponent) {
        check(exponent);
        return BigDecimal.valueOf(qtyE8, 8).scaleByPowerOfTen(exponent).stripTrailingZeros();
    }

    /** USD per lot at scale e8 as USD per base unit, exactly. */
    public static BigDecimal unitPrice(long priceE8, int exponent) {
        check(exponent);
        return BigDecimal.valueOf(priceE8, 8).scaleByPowerOfTen(-exponent).stripTrailingZeros();
    }

    /**
     * Empty when an order's or intent's exponent is the one the market data gives for its symbol; otherwise the
     * detail every node reports with its refusal (LOT_MISMATCH), with both figures.
     */
    public static Optional<String> mismatch(int given, int market) {
        if (given == market) {
            return Optional.empty();
        }
        return Optional.of("lot_exponent " + given + " but the market data has " + market
                + " for the symbol (a lot of 10^" + market + " units)");
    }

    private static void check(int exponent) {
        if (!valid(exponent)) {
            throw new IllegalArgumentException("lot exponent " + exponent + " outside 0.." + MAX_EXPONENT);
        }
    }
}
