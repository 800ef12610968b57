package memesnipe.gateway;

import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.kit.event.SignalMessages;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.money.Fixed;
import memesnipe.model.money.Lot;
import memesnipe.v1.MarketEvent;

/**
 * Turns accepted ticks and signals into wire events with a gap-free per-stream sequence number (1, 2, 3, ...), priced per lot
 * of the symbol. The validator refused values that do not fit scale e8, so the conversions never clamp (they would
 * throw).
 */
public final class EventStamper {
    private final String streamId;
    private final LotExponents lots;
    private long seq;

    public EventStamper(String streamId) {
        this(streamId, LotExponents.NONE);
    }

    /** Events priced per lot of each symbol (see {@link LotExponents}). */
    public EventStamper(String streamId, LotExponents lots) {
        this.streamId = streamId;
        this.lots = lots;
    }

    /** The next event; call only for accepted ticks. */
    public MarketEvent stamp(RawTick t, long ingestTimeMs) {
        int lot = lots.of(t.symbol());
        return MarketEvent.newBuilder()
                .setSeq(++seq)
                .setStreamId(streamId)
                .setSymbol(t.symbol())
                .setPriceE8(Lot.priceE8(t.price(), lot))
                .setVolumeE8(Lot.qtyE8(t.volume(), lot))
                .setLiquidityE8(Fixed.fromDouble(t.liquidityUsd()))
                .setLotExponent(lot)
                .setEventTimeMs(t.eventTimeMs())
                .setIngestTimeMs(ingestTimeMs)
                .build();
    }

    /** The next event, for an accepted signal: numbered in the same sequence as ticks. */
    public MarketEvent stamp(MarketSignal signal, long ingestTimeMs) {
        MarketEvent.Builder e = MarketEvent.newBuilder()
                .setSeq(++seq)
                .setStreamId(streamId)
                .setSymbol(signal.symbol())
                .setEventTimeMs(signal.eventTimeMs())
                .setIngestTimeMs(ingestTimeMs);
        SignalMessages.write(signal, e);
        return e.build();
    }

    /** Either kind of accepted raw event. */
    public MarketEvent stamp(FeedEvent event, long ingestTimeMs) {
        return event instanceof RawTick t ? stamp(t, ingestTimeMs) : stamp(((RawSignal) event).signal(), ingestTimeMs);
    }

    public String streamId() {
        return streamId;
    }

    public long lastSeq() {
        return seq;
    }
}
