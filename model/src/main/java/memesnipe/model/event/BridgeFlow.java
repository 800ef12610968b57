package memesnipe.model.event;

/**
 * Value bridged from one chain to another over a window ending at the event time. The symbol is the destination
 * chain's native token, which the flow is read as demand for (e.g. "SOL" for flows into solana).
 *
 * @param asset the bridged asset, e.g. "USDC"
 * @param usdE8 value bridged, USD at scale 10^8, &gt; 0
 */
public record BridgeFlow(String symbol, long eventTimeMs, String sourceChain, String destinationChain, String asset,
                         long usdE8) implements MarketSignal {
    public static final String KIND = "bridge_flow";

    @Override
    public String kind() {
        return KIND;
    }
}
