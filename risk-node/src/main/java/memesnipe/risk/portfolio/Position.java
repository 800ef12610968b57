package memesnipe.risk.portfolio;

/**
 * One strategy's holding in one symbol, built only from fills. Cost basis is the quote spent on the
 * quantity still held (reduced pro rata on sells), so unrealised P&L = qty x mark - cost.
 */
public final class Position {
    private final String strategy;
    private final String symbol;
    private long qtyE8;
    private long costE8;

    Position(String strategy, String symbol) {
        this.strategy = strategy;
        this.symbol = symbol;
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

    /** Average entry price (e8), 0 when flat. */
    public long averagePriceE8() {
        return qtyE8 == 0 ? 0 : memesnipe.kit.money.Fixed.div(costE8, qtyE8);
    }

    /** Adds bought quantity at a total cost; returns nothing realised. */
    void buy(long qty, long notional) {
        qtyE8 += qty;
        costE8 += notional;
    }

    /** Removes sold quantity; returns the cost basis released (to compute realised P&L). */
    long sell(long qty) {
        long sold = Math.min(qty, qtyE8);
        long released = qtyE8 == 0 ? 0 : (sold == qtyE8 ? costE8 : mulDivFloor(costE8, sold, qtyE8));
        qtyE8 -= sold;
        costE8 -= released;
        return released;
    }

    private static long mulDivFloor(long a, long b, long c) {
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                .divide(java.math.BigInteger.valueOf(c)).longValueExact();
    }
}
