package memesnipe.strategy.node;

import memesnipe.kit.event.SignalMessages;
import memesnipe.model.Intent;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.regime.Regime;
import memesnipe.strategy.core.Tick;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;

/** Translates between the memesnipe.v1 protobuf messages and the strategy core's domain types: the node's one place. */
final class Wire {
    private Wire() {
    }

    /** The event as a strategy tick in the given volatility regime. */
    static Tick tick(MarketEvent e, Regime regime) {
        return Tick.of(e.getSymbol(), e.getPriceE8(), e.getSeq(), e.getEventTimeMs(), e.getIngestTimeMs(),
                e.getLotExponent(), e.getVolumeE8(), regime);
    }

    /** The non-price observation a wire event carries, or null (see {@link SignalMessages#read}). */
    static MarketSignal signal(MarketEvent e) {
        return SignalMessages.read(e);
    }

    static OrderIntent intent(Intent i) {
        return OrderIntent.newBuilder()
                .setClientOrderId(i.clientOrderId())
                .setStrategy(i.strategy())
                .setSymbol(i.symbol())
                .setSide(i.side() == Side.BUY ? memesnipe.v1.Side.BUY : memesnipe.v1.Side.SELL)
                .setPurpose(i.purpose() == Purpose.ENTRY ? OrderPurpose.ENTRY : OrderPurpose.EXIT)
                .setNotionalE8(i.notionalE8())
                .setDecisionPriceE8(i.decisionPriceE8())
                .setLotExponent(i.lotExponent())
                .setDecisionSeq(i.decisionSeq())
                .setDecisionIngestTimeMs(i.decisionIngestTimeMs())
                .setStopLossBps(i.stopLossBps())
                .setTakeProfitBps(i.takeProfitBps())
                .setTrailingStopBps(i.trailingStopBps())
                .build();
    }
}
