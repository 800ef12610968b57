package memesnipe.gateway.replay;

import java.math.BigDecimal;

/** One OHLCV bar's fields as text into one replay event at the bar's end time, at its close, with its volume. */
final class Bars {
    private Bars() {
    }

    /**
     * @param t the texts of time, open, high, low, close and volume, in that order
     */
    static ReplayEvent event(String symbol, Timestamps times, String[] t) throws BadValue {
        long ms = times.millis(t[0]);
        BigDecimal open = Fields.price(t[1]);
        BigDecimal high = Fields.price(t[2]);
        BigDecimal low = Fields.price(t[3]);
        BigDecimal close = Fields.price(t[4]);
        BigDecimal volume = Fields.volume(t[5]);
        if (high.compareTo(low) < 0 || high.compareTo(open) < 0 || high.compareTo(close) < 0
                || low.compareTo(open) > 0 || low.compareTo(close) > 0) {
            throw new BadValue(RowRejectReason.BAD_BAR, "open " + open.toPlainString() + " high "
                    + high.toPlainString() + " low " + low.toPlainString() + " close " + close.toPlainString()
                    + ": high must be the largest and low the smallest");
        }
        return new ReplayEvent(symbol, ms, close, volume, new ReplayEvent.Bar(open, high, low, close), null);
    }
}
