package memesnipe.gateway.feed.sim;

import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.model.event.MarketSignal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A simulator's events over a span of simulated time, with each symbol's ticks indexed by time for the tests. */
record SimTrace(List<FeedEvent> events) {

    /** Polls the feed at every multiple of pollMs from fromMs (inclusive) to toMs (exclusive). */
    static SimTrace of(ScenarioFeed feed, long fromMs, long toMs, long pollMs) {
        List<FeedEvent> out = new ArrayList<>();
        for (long t = fromMs; t < toMs; t += pollMs) {
            out.addAll(feed.next(t, Integer.MAX_VALUE));
        }
        return new SimTrace(out);
    }

    /** The symbol's ticks by event time. */
    TreeMap<Long, RawTick> ticks(String symbol) {
        return bySymbol().getOrDefault(symbol, new TreeMap<>());
    }

    /** Every symbol's ticks by event time. */
    Map<String, TreeMap<Long, RawTick>> bySymbol() {
        Map<String, TreeMap<Long, RawTick>> out = new java.util.HashMap<>();
        for (FeedEvent e : events) {
            if (e instanceof RawTick t) {
                out.computeIfAbsent(t.symbol(), k -> new TreeMap<>()).put(t.eventTimeMs(), t);
            }
        }
        return out;
    }

    /** The non-price signals, in order. */
    List<MarketSignal> signals() {
        return events.stream().filter(e -> e instanceof RawSignal).map(e -> ((RawSignal) e).signal()).toList();
    }

    /** The log price change of the symbol from its tick at fromMs to its tick at toMs. */
    static double logReturn(Map<Long, RawTick> ticks, long fromMs, long toMs) {
        return Math.log(ticks.get(toMs).price() / ticks.get(fromMs).price());
    }
}
