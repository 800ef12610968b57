package memesnipe.strategy.core;

import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes every tick to every strategy and turns their signals into order intents: ENTER_LONG →
 * BUY/ENTRY for the configured notional, EXIT_LONG → SELL/EXIT (notional 0: the risk node closes
 * the strategy's whole position). Each intent's client order id is derived from the strategy,
 * symbol, gateway stream and tick sequence number, so a re-sent intent is the same order.
 */
public final class StrategyEngine {
    private final Map<String, Strategy> strategies = new LinkedHashMap<>();
    private final long entryNotionalE8;

    public StrategyEngine(List<Strategy> strategies, long entryNotionalE8) {
        if (entryNotionalE8 <= 0) {
            throw new IllegalArgumentException("entry notional must be > 0");
        }
        for (Strategy s : strategies) {
            if (this.strategies.put(s.name(), s) != null) {
                throw new IllegalArgumentException("strategy listed twice: " + s.name());
            }
        }
        this.entryNotionalE8 = entryNotionalE8;
    }

    /** Names of the strategies, in routing order. */
    public List<String> strategyNames() {
        return List.copyOf(strategies.keySet());
    }

    /** Feeds one tick of gateway stream {@code streamId} to every strategy; returns the intents. */
    public List<OrderIntent> onTick(String streamId, Tick tick) {
        List<OrderIntent> out = new ArrayList<>(0);
        for (Strategy s : strategies.values()) {
            for (Signal signal : s.onTick(tick)) {
                out.add(toIntent(streamId, signal));
            }
        }
        return out;
    }

    /** An entry intent was denied or dropped: the strategy is flat in the symbol again. */
    public void onEntryRejected(String strategy, String symbol) {
        Strategy s = strategies.get(strategy);
        if (s != null) {
            s.onRejected(symbol);
        }
    }

    OrderIntent toIntent(String streamId, Signal signal) {
        boolean entry = signal.kind() == Signal.Kind.ENTER_LONG;
        return OrderIntent.newBuilder()
                .setClientOrderId(clientOrderId(signal.strategy(), signal.symbol(), streamId, signal.seq()))
                .setStrategy(signal.strategy())
                .setSymbol(signal.symbol())
                .setSide(entry ? Side.BUY : Side.SELL)
                .setPurpose(entry ? OrderPurpose.ENTRY : OrderPurpose.EXIT)
                .setNotionalE8(entry ? entryNotionalE8 : 0)
                .setDecisionPriceE8(signal.priceE8())
                .setDecisionSeq(signal.seq())
                .setDecisionIngestTimeMs(signal.ingestTimeMs())
                .setStopLossBps(signal.stopLossBps())
                .setTakeProfitBps(signal.takeProfitBps())
                .setTrailingStopBps(signal.trailingStopBps())
                .build();
    }

    /**
     * {@code <strategy≤16>-<symbol≤12>-<stream id, first 8>-<seq>}, at most 59 characters of
     * [A-Za-z0-9._:-] (other characters become '.'), e.g. "momentum.5m-SOL-3f2a9c1b-1234".
     */
    public static String clientOrderId(String strategy, String symbol, String streamId, long seq) {
        return clean(strategy, 16) + "-" + clean(symbol, 12) + "-" + clean(streamId, 8) + "-"
                + Long.toUnsignedString(seq);
    }

    private static String clean(String text, int max) {
        String t = text.length() > max ? text.substring(0, max) : text;
        StringBuilder b = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == ':' || c == '-';
            b.append(ok ? c : '.');
        }
        return b.length() == 0 ? "x" : b.toString();
    }
}
