package memesnipe.model.event;

/**
 * Perpetual futures mark and funding for a symbol; the basis is the perp mark against the spot price.
 *
 * @param perpMarkE8        perp mark, USD per lot of 10^lotExponent units at scale 10^8, &gt; 0
 * @param lotExponent       the symbol's lot (as its price ticks carry)
 * @param fundingRateE8     this interval's funding rate, a fraction at scale 10^8 (100,000 = 0.1 %); positive: longs
 *                          pay shorts; |rate| &lt;= 5 %
 * @param nextFundingTimeMs when this interval's funding is paid, after the event time and within one interval
 * @param fundingIntervalMs length of a funding interval, 60,000..86,400,000 ms
 */
public record PerpFunding(String symbol, long eventTimeMs, long perpMarkE8, int lotExponent, long fundingRateE8,
                          long nextFundingTimeMs, long fundingIntervalMs) implements MarketSignal {
    public static final String KIND = "perp_funding";
    /** Largest |funding rate| accepted, at scale 10^8 (5 %). */
    public static final long MAX_ABS_RATE_E8 = 5_000_000;

    @Override
    public String kind() {
        return KIND;
    }
}
