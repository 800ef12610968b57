package memesnipe.risk.promotion;

import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.OrderRequest;
import memesnipe.model.money.Fixed;
import memesnipe.risk.engine.RiskEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * A market with an edge planted in it, second by second, and a strategy that trades it: each cycle the strategy
 * enters 100 USD of its symbol at 100, the price moves by the cycle's move over the next minute (a tick a second),
 * the strategy exits, and a flat minute follows. Orders risk approves for the venue are filled at their reference
 * price 50 ms after the decision's market event, as a venue would; the engine's timer runs every second.
 */
final class PlantedMarket {
    static final long HOLD_MS = 60_000;
    static final long FLAT_MS = 60_000;
    static final long LATENCY_MS = 50;

    final RiskEngine engine;
    long now;
    private long seq;
    private long fillSeq;
    private long ids;
    /** Every live fill, in order. */
    final List<FillEvent> fills = new ArrayList<>();
    /** Every decision on an intent of the strategy, in order. */
    final List<Decision> decisions = new ArrayList<>();

    PlantedMarket(RiskEngine engine, long startMs) {
        this.engine = engine;
        this.now = startMs;
    }

    /** One cycle of a strategy in its symbol, whose price moves by {@code move} (e.g. 0.01 for +1 %) while held. */
    void cycle(String strategy, String symbol, double move) {
        step(symbol, 100);
        decide(Pipelines.entry(strategy + "-e" + (++ids), strategy, symbol, 100, now - LATENCY_MS));
        for (int s = 1; s <= HOLD_MS / 1_000; s++) {
            second(symbol, 100 * (1 + move * s * 1_000 / HOLD_MS));
        }
        decide(Pipelines.exit(strategy + "-x" + (++ids), strategy, symbol, now - LATENCY_MS));
        for (int s = 1; s <= FLAT_MS / 1_000; s++) {
            second(symbol, 100);
        }
    }

    private void second(String symbol, double price) {
        now += 1_000;
        step(symbol, price);
        send(engine.onTimer(now));
    }

    private void step(String symbol, double price) {
        send(engine.onTick(symbol, Fixed.fromDouble(price), 0, ++seq, 0, now, now));
    }

    private void decide(memesnipe.model.Intent intent) {
        Decision d = engine.submit(intent, now);
        decisions.add(d);
        d.order().ifPresent(o -> send(List.of(o)));
    }

    private void send(List<OrderRequest> orders) {
        for (OrderRequest o : orders) {
            FillEvent f = new FillEvent("venue", ++fillSeq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(),
                    o.qtyE8(), o.referencePriceE8(), 0, now);
            fills.add(f);
            send(engine.onFill(f, now));
        }
    }
}
