package memesnipe.risk.portfolio;

import memesnipe.model.money.Fixed;

/**
 * One strategy's holding in one symbol, built only from fills. Cost basis is the quote spent on the
 * quantity still held (reduced pro rata on sells), so unrealised P&L = qty x mark - cost.
 */
public final class Position {
    private final String strategy;
    private final String symbol;
    private final int lotExponent;
    private final String key;
    private final Portfolio.Quote quote;
    private long qtyE8;
    private long costE8;

    Position(String strategy, String symbol, int lotExponent, Portfolio.Quote quote) {
        this.strategy = strategy;
        this.symbol = symbol;
        this.lotExponent = lotExponent;
        this.key = key(strategy, symbol);
        this.quote = quote;
    }

    /** The key of a (strategy, symbol) pair in maps kept per position: the two names joined by a NUL. */
    public static String key(String strategy, String symbol) {
        return strategy + '\u0000' + symbol;
    }

    /** This position's {@link #key(String, String)}. */
    public String key() {
        return key;
    }

    /** Its symbol's latest price, shared with the portfolio. */
    Portfolio.Quote quote() {
        return quote;
    }

    /** The lot its quantity counts (10^lotExponent units), the lot of the fills that built it. */
    public int lotExponent() {
        return lotExponent;
    }

    public String strategy() {
        return strategy;
    }

    public String symbol() {
        return symbol;
    }

    public long qtyE8() {
        return qtyE8;
    }

    public long costE8() {
        return costE8;
    }

    /** Average entry price (e8), 0 when flat; {@link memesnipe.model.money.AmountOverflow} when it does not fit. */
    public long averagePriceE8() {
        return qtyE8 == 0 ? 0 : Fixed.div(costE8, qtyE8);
    }

    /** The cost basis a sale of {@code sold} (at most the quantity held) releases: all of it, or its share. */
    long releasedBy(long sold) {
        return qtyE8 == 0 ? 0 : (sold == qtyE8 ? costE8 : Fixed.mulDiv(costE8, sold, qtyE8));
    }

    /** Sets the quantity and cost basis, computed exactly beforehand (so a fill is booked whole or not at all). */
    void set(long qtyE8, long costE8) {
        this.qtyE8 = qtyE8;
        this.costE8 = costE8;
    }
}
