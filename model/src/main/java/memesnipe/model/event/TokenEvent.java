package memesnipe.model.event;

/**
 * A scheduled token event (an airdrop's announcement, snapshot or claim opening) with its schedule:
 * snapshot &lt;= claim, and an announcement's snapshot lies after the event time.
 */
public record TokenEvent(String symbol, long eventTimeMs, TokenEventKind eventKind, long snapshotTimeMs,
                         long claimTimeMs) implements MarketSignal {
    public static final String KIND = "token_event";

    @Override
    public String kind() {
        return KIND;
    }
}
