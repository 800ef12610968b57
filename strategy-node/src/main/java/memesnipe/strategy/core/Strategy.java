package memesnipe.strategy.core;

import memesnipe.model.event.MarketSignal;

import java.util.List;

/**
 * A pure, long-only trading strategy: ticks and non-price market signals in, entry/exit signals out. It owns no money state,
 * only its own view of which symbols it is long in, derived from the signals it emitted.
 */
public interface Strategy {

    /** Stable name, e.g. "momentum_5m"; used in metrics, intents and client order ids. */
    String name();

    /** Updates the strategy's indicators with one tick and returns the signals it causes (often none). */
    List<Signal> onTick(Tick tick);

    /**
     * Updates the strategy with a non-price observation (social mentions, wallet transfers, ...); most strategies
     * ignore them. A signal it causes is priced on the symbol's last tick the strategy saw (it has none before the
     * symbol's first tick, and then should wait for one).
     */
    default List<Signal> onEvent(MarketSignal event) {
        return List.of();
    }

    /** The entry the strategy emitted for this symbol was not taken (denied, dropped): it is flat again. */
    void onRejected(String symbol);
}
