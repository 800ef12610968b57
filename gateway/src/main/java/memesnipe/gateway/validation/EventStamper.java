package memesnipe.gateway.validation;

import memesnipe.gateway.feed.Tick;
import memesnipe.kit.money.Fixed;
import memesnipe.v1.MarketEvent;

/** Turns accepted ticks into wire events with a gap-free per-stream sequence number (1, 2, 3, ...). */
public final class EventStamper {
    private final String streamId;
    private long seq;

    public EventStamper(String streamId) {
        this.streamId = streamId;
    }

    /** The next event; call only for accepted ticks. */
    public MarketEvent stamp(Tick t, long ingestTimeMs) {
        return MarketEvent.newBuilder()
                .setSeq(++seq)
                .setStreamId(streamId)
                .setSymbol(t.symbol())
                .setPriceE8(toE8(t.price()))
                .setVolumeE8(toE8(t.volume()))
                .setLiquidityE8(toE8(t.liquidityUsd()))
                .setEventTimeMs(t.eventTimeMs())
                .setIngestTimeMs(ingestTimeMs)
                .build();
    }

    public String streamId() {
        return streamId;
    }

    public long lastSeq() {
        return seq;
    }

    /** Scale e8; the validator refused values that do not fit, so this never clamps (it would throw). */
    private static long toE8(double value) {
        return Fixed.fromDouble(value);
    }
}
