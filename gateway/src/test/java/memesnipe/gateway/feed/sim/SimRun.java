package memesnipe.gateway.feed.sim;

import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.validation.TickValidator;
import memesnipe.gateway.validation.ValidationLimits;
import memesnipe.model.event.MarketSignal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A simulator run for a while, polled every second: its events, signals, and each symbol's log price by time. */
final class SimRun {
    static final long T0 = 1_700_000_000_000L;
    final List<FeedEvent> events = new ArrayList<>();
    final List<MarketSignal> signals = new ArrayList<>();
    private final Map<String, Map<Long, Double>> logPrices = new HashMap<>();
    /** Events the gateway's validator refused (arriving at their event time). */
    final List<String> refused = new ArrayList<>();

    SimRun(ScenarioFeed feed, long durationMs) {
        TickValidator validator = new TickValidator(ValidationLimits.DEFAULTS);
        for (long t = T0; t <= T0 + durationMs; t += 1_000) {
            for (FeedEvent e : feed.next(t, Integer.MAX_VALUE)) {
                events.add(e);
                Optional<?> problem = validator.validate(e, t);
                problem.ifPresent(r -> refused.add(r + " " + e));
                if (e instanceof RawSignal s) {
                    signals.add(s.signal());
                } else {
                    RawTick tick = (RawTick) e;
                    logPrices.computeIfAbsent(tick.symbol(), k -> new HashMap<>()).put(tick.eventTimeMs(),
                            Math.log(tick.price()));
                }
            }
        }
    }

    /** The symbol's log price at a step's time. */
    double logPrice(String symbol, long timeMs) {
        Double p = logPrices.get(symbol).get(timeMs);
        if (p == null) {
            throw new IllegalArgumentException("no " + symbol + " tick at " + timeMs);
        }
        return p;
    }

    /** The symbol's price at a step's time, USD per unit. */
    double price(String symbol, long timeMs) {
        return Math.exp(logPrice(symbol, timeMs));
    }

    /** The signals of one kind, in order. */
    <T extends MarketSignal> List<T> of(Class<T> kind) {
        return signals.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The log return of the symbol from one step's time to another's. */
    double move(String symbol, long fromMs, long toMs) {
        return logPrice(symbol, toMs) - logPrice(symbol, fromMs);
    }

    /** How much more the symbol moved in this run than in another of the same seed (the same noise): the drifts. */
    double driftOver(SimRun other, String symbol, long fromMs, long toMs) {
        return move(symbol, fromMs, toMs) - other.move(symbol, fromMs, toMs);
    }
}
