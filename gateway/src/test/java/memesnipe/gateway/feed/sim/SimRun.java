package memesnipe.gateway.feed.sim;

import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.model.event.MarketSignal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A simulator run for some simulated time: its signals in order, and each symbol's price at every step. */
final class SimRun {
    static final long T0 = 1_700_000_000_000L;

    final List<MarketSignal> signals = new ArrayList<>();
    private final Map<String, Map<Long, Double>> prices = new HashMap<>();

    SimRun(ScenarioFeed feed, long durationMs) {
        for (long t = T0; t <= T0 + durationMs; t += 60_000) {
            for (FeedEvent e : feed.next(t, Integer.MAX_VALUE)) {
                if (e instanceof RawSignal s) {
                    signals.add(s.signal());
                } else {
                    RawTick tick = (RawTick) e;
                    prices.computeIfAbsent(tick.symbol(), k -> new HashMap<>()).put(tick.eventTimeMs(), tick.price());
                }
            }
        }
    }

    /** The symbol's price at a step's time. */
    double price(String symbol, long timeMs) {
        Double p = prices.get(symbol).get(timeMs);
        if (p == null) {
            throw new IllegalArgumentException("no " + symbol + " tick at " + timeMs);
        }
        return p;
    }

    /** The log return of the symbol from one step's time to another's. */
    double logReturn(String symbol, long fromMs, long toMs) {
        return Math.log(price(symbol, toMs) / price(symbol, fromMs));
    }

    /** The signals of one kind, in order. */
    <T extends MarketSignal> List<T> of(Class<T> kind) {
        return signals.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** How much more the planted run's symbol rose from one time to another than the unplanted run's (same noise). */
    static double planted(SimRun planted, SimRun plain, String symbol, long fromMs, long toMs) {
        return planted.logReturn(symbol, fromMs, toMs) - plain.logReturn(symbol, fromMs, toMs);
    }
}
