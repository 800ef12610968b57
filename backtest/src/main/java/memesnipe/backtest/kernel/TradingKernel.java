package memesnipe.backtest.kernel;

import memesnipe.executor.venue.PaperPricing;
import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.validation.RejectReason;
import memesnipe.gateway.validation.TickValidator;
import memesnipe.gateway.validation.ValidationLimits;
import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.money.Lot;
import memesnipe.model.regime.Regime;
import memesnipe.model.regime.VolatilityRegime;
import memesnipe.model.time.ManualClock;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.Transition;
import memesnipe.risk.engine.RiskEngine;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import memesnipe.strategy.core.Strategies;
import memesnipe.strategy.core.Strategy;
import memesnipe.strategy.core.StrategyEngine;
import memesnipe.strategy.core.Tick;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole trading pipeline on one thread with a simulated clock, built from the very classes each node runs for
 * its own stage: the gateway's validator, the strategy engine, the risk engine (breaker and limits included) and the
 * paper venue's pricing (fees and slippage). Time is the event time of the data: the clock is set from each event,
 * and risk's timer runs exactly when risk says an evaluation can change something ({@link #nextDueMs()}: a held
 * price turning stale, a retry, the breaker's cool-down or ramp, a new trading day). Deterministic: the
 * same events and settings give the same fills, id for id. One owner, not thread-safe.
 */
public final class TradingKernel {
    /** The caller risk sees for the strategies' intents (live: the strategy node's certificate subject). */
    public static final String STRATEGY_CALLER = "CN=strategy";
    /** The fill log the kernel's fills number in. */
    public static final String FILL_LOG = "kernel";

    /** What the kernel reports as it runs (the backtest records them; all have defaults that ignore). */
    public interface Listener {
        default void rejected(FeedEvent event, RejectReason reason) {
        }

        default void accepted(Tick tick) {
        }

        default void acceptedSignal(MarketSignal signal, long seq) {
        }

        default void decided(Intent intent, Decision decision) {
        }

        default void filled(FillEvent fill, Purpose purpose) {
        }

        default void orderRejected(OrderRequest order, String reason) {
        }

        default void breaker(Transition transition) {
        }
    }

    private final KernelSettings settings;
    private final ManualClock clock;
    private final Listener listener;
    private final TickValidator validator;
    private final StrategyEngine strategies;
    private final RiskEngine risk;
    private final PaperPricing venue;
    private final VolatilityRegime volatility = new VolatilityRegime();
    private long seq;
    private long fillSeq;

    public TradingKernel(KernelSettings settings, long startMs, Listener listener) {
        this(settings, startMs, listener, named(settings.strategies(), settings.strategyParams()));
    }

    /** A kernel running these strategy instances (e.g. with parameters other than the defaults). */
    public TradingKernel(KernelSettings settings, long startMs, Listener listener, List<Strategy> running) {
        this.settings = settings;
        this.listener = listener;
        this.clock = new ManualClock(startMs);
        // 1. validate: the gateway's checks (stale, future, non-positive, deviation, liquidity), per lot of the symbol
        this.validator = new TickValidator(settings.validation(), settings.lots());
        // 2. strategies: the strategy node's engine, its client order ids derived under the run's id key; each tick
        //    carries the market's volatility regime, counted once per accepted tick (risk counts its own, the same)
        this.strategies = new StrategyEngine(running, settings.entryNotionalE8(), settings.idKey());
        // 3. risk: the risk node's engine with its breaker, limits and execution-quality window
        this.risk = new RiskEngine(settings.riskLimits(), settings.thresholds(), ExecutionQuality.Limits.defaults(),
                settings.capitalE8(), startMs, listener::breaker)
                .knownStrategies(running.stream().map(Strategy::name).collect(java.util.stream.Collectors.toSet()));
        // 4. venue: the paper venue's pricing (the mark of the event an order was decided on + slippage, fee on the
        //    notional, the participation cap against that event's traded volume), its marks timed by this clock
        this.venue = new PaperPricing(settings.slippageBps(), settings.feeBps(), settings.maxMarkAgeMs(),
                settings.participationBps(), clock);
        // 5. fills go back to risk (positions, breaker) in execute(); 6. denials back to the strategies in submit();
        // 7. timers: risk's evaluations, when its core says one is due (runTimersUntil)
    }

    /** Fresh strategies with default parameters, by name. */
    public static List<Strategy> named(List<String> names) {
        return named(names, java.util.Map.of());
    }

    /** Fresh strategies by name, each with the parameters given for it replacing its defaults. */
    public static List<Strategy> named(List<String> names, java.util.Map<String, java.util.Map<String, String>> params) {
        List<Strategy> out = new ArrayList<>();
        for (String name : names) {
            out.add(Strategies.create(name, params.getOrDefault(name, java.util.Map.of()))
                    .orElseThrow(() -> new IllegalArgumentException("unknown strategy " + name)));
        }
        return out;
    }

    /**
     * One raw market observation, a tick or a signal, as it arrives (in arrival order): timers due before its arrival,
     * then the pipeline, with the clock at its arrival (never moved back).
     */
    public void onArrival(Arrival arrival) {
        if (arrival.event() instanceof RawTick tick) {
            onTick(tick, arrival.atMs());
        } else {
            onSignal(((RawSignal) arrival.event()).signal(), arrival.atMs());
        }
    }

    /** As {@link #onArrival(Arrival)}, for a raw tick arriving at atMs. */
    public void onTick(RawTick raw, long atMs) {
        long now = advanceTo(atMs);
        Optional<RejectReason> rejected = validator.validate(raw, now);
        if (rejected.isPresent()) {
            listener.rejected(raw, rejected.get());
            return;
        }
        int lot = settings.lots().of(raw.symbol());
        long priceE8 = Lot.priceE8(raw.price(), lot);
        Regime regime = volatility.onTick(raw.symbol(), priceE8, raw.eventTimeMs()); // once per accepted tick
        Tick tick = Tick.of(raw.symbol(), priceE8, ++seq, raw.eventTimeMs(), now, lot, Lot.qtyE8(raw.volume(), lot),
                regime);
        listener.accepted(tick);
        venue.mark(raw.symbol(), priceE8, lot, tick.volumeE8(), settings.streamId(), tick.seq());
        execute(risk.onTick(raw.symbol(), priceE8, lot, tick.seq(), tick.volumeE8(), raw.eventTimeMs(), now)); // marks, stops
        List<Intent> intents = strategies.onTick(settings.streamId(), tick);
        for (int i = 0; i < intents.size(); i++) { // indexed: most ticks bring none, and then nothing is allocated
            submit(intents.get(i), now);
        }
    }

    /**
     * As {@link #onArrival(Arrival)}, for a non-price signal arriving at atMs: validated as the gateway does, numbered in
     * the same sequence as ticks, a token-risk fact to risk (a rug flag flattens the token), then to the strategies
     * (and their intents to risk).
     */
    public void onSignal(MarketSignal signal, long atMs) {
        long now = advanceTo(atMs);
        Optional<RejectReason> rejected = validator.validate(signal, now);
        if (rejected.isPresent()) {
            listener.rejected(new RawSignal(signal), rejected.get());
            return;
        }
        listener.acceptedSignal(signal, ++seq);
        if (signal instanceof TokenRisk fact) {
            execute(risk.onTokenRisk(fact, now)); // a rug flag: risk flattens the token and refuses entries in it first
        }
        List<Intent> intents = strategies.onEvent(settings.streamId(), signal);
        for (int i = 0; i < intents.size(); i++) {
            submit(intents.get(i), now);
        }
    }

    /** Runs the timers due before an arrival at atMs and sets the clock to it (never back); returns the time. */
    private long advanceTo(long atMs) {
        runTimersUntil(atMs);
        clock.set(Math.max(clock.millis(), atMs));
        return clock.millis();
    }

    /** Runs risk's timed evaluations due up to (and including) the given time, each at its own time. */
    public void runTimersUntil(long timeMs) {
        for (long due = nextDueMs(); due <= timeMs; due = nextDueMs()) {
            clock.set(due);
            execute(risk.onTimer(due));
        }
    }

    /** When risk's next timed evaluation is due (simulated time; Long.MAX_VALUE when none). */
    public long nextDueMs() {
        return risk.nextDueMs(clock.millis());
    }

    private void submit(Intent intent, long now) {
        Decision d = risk.submit(STRATEGY_CALLER, intent, now);
        listener.decided(intent, d);
        if (!d.approved()) {
            if (intent.purpose() == Purpose.ENTRY) {
                strategies.onEntryRejected(intent.strategy(), intent.symbol()); // 6. the strategy is flat again
            }
            return;
        }
        d.order().ifPresent(o -> execute(List.of(o)));
    }

    private void execute(List<OrderRequest> orders) {
        for (int i = 0; i < orders.size(); i++) {
            OrderRequest o = orders.get(i);
            long now = clock.millis();
            PaperPricing.Quote q = venue.quote(o.symbol(), o.side(), o.qtyE8(), o.lotExponent(), o.decisionSeq());
            if (q instanceof PaperPricing.Priced p) {
                FillEvent fill = new FillEvent(FILL_LOG, ++fillSeq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(),
                        p.qtyE8(), p.priceE8(), p.feeE8(), now, o.lotExponent());
                listener.filled(fill, o.purpose());
                execute(risk.onFill(fill, now));
            } else {
                String reason = q instanceof PaperPricing.NoPrice n ? n.reason() : ((PaperPricing.OutOfRange) q).reason();
                listener.orderRejected(o, reason);
                execute(risk.onOrderFailed(o.clientOrderId(), now));
            }
        }
    }

    public RiskEngine risk() {
        return risk;
    }

    /** The market's volatility regime as the strategies see it. */
    public VolatilityRegime volatility() {
        return volatility;
    }

    public long now() {
        return clock.millis();
    }

    public TickValidator validator() {
        return validator;
    }

    /** The validation limits and lots the kernel runs with. */
    public ValidationLimits validation() {
        return settings.validation();
    }

    public LotExponents lots() {
        return settings.lots();
    }
}
