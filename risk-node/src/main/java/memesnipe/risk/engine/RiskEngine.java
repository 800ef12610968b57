package memesnipe.risk.engine;

import memesnipe.model.Side;
import memesnipe.model.Purpose;
import memesnipe.model.Verdict;
import memesnipe.model.DenyReason;
import memesnipe.model.Decision;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.FillEvent;
import memesnipe.model.event.RugFlag;
import memesnipe.model.event.RugRule;
import memesnipe.model.event.TokenRisk;

import memesnipe.model.text.Printable;
import memesnipe.model.money.AmountOverflow;
import memesnipe.model.money.Fixed;
import memesnipe.model.regime.VolatilityRegime;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.CircuitBreaker;
import memesnipe.risk.breaker.Conditions;
import memesnipe.model.Tier;
import memesnipe.risk.breaker.Transition;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.limits.TokenBucket;
import memesnipe.risk.portfolio.Portfolio;
import memesnipe.risk.portfolio.Position;
import memesnipe.risk.promotion.StrategyPipeline;
import memesnipe.risk.quality.ExecutionQuality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The risk decision core (pure: state + event + time in, decisions and orders out). Owns the portfolio
 * view, the breaker, the limits and the orders in flight. Exits are never throttled or blocked; entries
 * pass the breaker, the strategy suspension, the rate throttle, market-data freshness and every cap.
 *
 * <p>Every amount is computed exactly ({@link Fixed}); none of its methods lets an {@link AmountOverflow} out. An
 * intent whose figures do not fit is DENIED with AMOUNT_OUT_OF_RANGE and the figures; a fill that cannot be booked,
 * or a valuation that does not fit (e.g. a position at an absurd mark), holds the breaker at CRITICAL with the
 * figures as its reason (no new risk, exits still allowed) until an operator resets it.
 */
public final class RiskEngine {
    /** Decisions kept in memory to answer a repeated client order id; older ones are looked up in the ledger. */
    public static final int MAX_REMEMBERED_DECISIONS = 20_000;
    /** The caller risk's own exits are decided for (stop-loss, take-profit, flatten...). */
    public static final String OWN_CALLER = "risk";
    /** The caller of {@link #submit(Intent, long)}: one in-process caller (tests, benchmarks, backtests). */
    public static final String LOCAL_CALLER = "local";
    /** Exit pieces of one position in flight at once; the rest of a large exit follows as they fill. */
    public static final int MAX_EXIT_PIECES_IN_FLIGHT = 32;

    private final RiskLimits limits;
    private final long initialCapitalE8;
    private final long strategyAllocationE8;
    private final Portfolio portfolio;
    private final CircuitBreaker breaker;
    private final ExecutionQuality quality;
    /** The market's volatility regime from every tick (the same rule and ticks as the strategies'): the breaker's. */
    private final VolatilityRegime volatility = new VolatilityRegime();
    private final TokenBucket entryBucket;
    private final DecisionMemory decisions = new DecisionMemory(MAX_REMEMBERED_DECISIONS);
    /** The strategies the deployment runs; null until set (then any well-formed name is taken). */
    private java.util.Set<String> knownStrategies;
    private final Map<String, OrderRequest> inFlight = new LinkedHashMap<>();
    private final Map<String, ExitPlan> pendingPlans = new HashMap<>();
    private final Map<String, ExitPlan> plans = new HashMap<>();
    /** Per symbol, the gateway seq of the event behind its current mark (a holder, so a tick allocates nothing). */
    private final Map<String, long[]> markSeqs = new HashMap<>();
    private final Consumer<Transition> transitionListener;
    /** Positions (strategy, symbol) that must still be sold: a failed exit or the rest of a split one. */
    private final java.util.Set<String> owedExits = new java.util.HashSet<>();
    private final Map<String, Long> exitRetryAtMs = new HashMap<>();
    private final Map<String, Integer> exitFailures = new HashMap<>();
    /** Tokens flagged as rug risks, by symbol: their positions are flattened and entries in them denied until the end. */
    private final Map<String, RugFlag> tokenFlags = new HashMap<>();
    private String exitIdPrefix = "rx";
    private boolean ledgerConnected = true;
    private boolean ledgerAvailable = true;
    private String configMismatch = null;
    private boolean recovering;
    private final long startedMs;
    private Consumer<FillEvent> fillListener = f -> { };
    /** The promotion pipeline: where each strategy's intents go; null when it is off (every strategy trades live). */
    private StrategyPipeline pipeline;
    /** The traded volume of the tick being applied (lots, 1e8), for the shadow book's participation cap. */
    private long tickVolumeE8;
    private Consumer<ExecutionQuality.Sample> qualityListener = q -> { };
    private java.util.function.LongConsumer qualityCleared = t -> { };
    private long exitCounter;
    /** The last marked equity that fit a long (reported while the current one does not). */
    private long lastEquityE8;
    private long approved;
    private long denied;

    public RiskEngine(RiskLimits limits, BreakerThresholds thresholds, ExecutionQuality.Limits qualityLimits,
                      long initialCapitalE8, long nowMs, Consumer<Transition> transitionListener) {
        this(limits, thresholds, qualityLimits, initialCapitalE8, nowMs, transitionListener, null);
    }

    /** Builds an engine around a restored breaker (see {@link CircuitBreaker#restore}). */
    public static RiskEngine withBreaker(RiskLimits limits, CircuitBreaker breaker, ExecutionQuality.Limits qualityLimits,
                                         long initialCapitalE8, long nowMs, Consumer<Transition> listener) {
        return new RiskEngine(limits, breaker.thresholds(), qualityLimits, initialCapitalE8, nowMs, listener, breaker);
    }

    private RiskEngine(RiskLimits limits, BreakerThresholds thresholds,
                       ExecutionQuality.Limits qualityLimits, long initialCapitalE8, long nowMs,
                       Consumer<Transition> transitionListener, CircuitBreaker restored) {
        this.limits = limits;
        this.initialCapitalE8 = initialCapitalE8;
        this.strategyAllocationE8 = Fixed.bps(initialCapitalE8, limits.strategyCapBps());
        this.portfolio = new Portfolio(initialCapitalE8);
        this.breaker = restored != null ? restored : new CircuitBreaker(thresholds, initialCapitalE8, nowMs);
        this.quality = new ExecutionQuality(qualityLimits);
        this.entryBucket = new TokenBucket(limits.entriesPerSecond(), limits.entryBurst(), nowMs);
        this.transitionListener = transitionListener == null ? t -> { } : transitionListener;
        this.startedMs = nowMs;
        this.lastEquityE8 = initialCapitalE8;
    }

    /** Prefix of the client order ids of risk's own exits; give each process run its own (e.g. random). */
    public RiskEngine exitIdPrefix(String prefix) {
        this.exitIdPrefix = prefix;
        return this;
    }

    /**
     * The strategies the deployment runs (risk's strategies setting): an intent from any other name is denied
     * UNKNOWN_STRATEGY (each strategy name has its own exposure cap, so an invented one is never traded). The node
     * always sets it; without it every well-formed name is taken.
     */
    public RiskEngine knownStrategies(java.util.Set<String> names) {
        this.knownStrategies = java.util.Set.copyOf(names);
        return this;
    }

    /** Whether the executor's fill stream is connected; without it positions may be stale, so entries are denied. */
    public void ledgerConnected(boolean connected) {
        this.ledgerConnected = connected;
    }

    /**
     * Why risk's settings do not agree with the executor's and signer's (one line), or null when they are known
     * to agree; while set, entries are denied CONFIG_MISMATCH (every order would fail downstream).
     */
    public void configMismatch(String problem) {
        this.configMismatch = problem;
    }

    /** Whether risk's own ledger takes writes; without it decisions and fills cannot be kept, so entries are denied. */
    public void ledgerAvailable(boolean available) {
        this.ledgerAvailable = available;
    }

    /** Called with every fill applied (once per fill), so the shell can write it to the ledger. */
    public RiskEngine onFillApplied(Consumer<FillEvent> listener) {
        this.fillListener = listener;
        return this;
    }

    /** Called with the time of a manual reset, which empties the quality window, so the shell can forget it too. */
    public RiskEngine onQualityCleared(java.util.function.LongConsumer listener) {
        this.qualityCleared = listener;
        return this;
    }

    /** Called with every execution-quality sample added to the window, so the shell can keep it. */
    public RiskEngine onQualitySample(Consumer<ExecutionQuality.Sample> listener) {
        this.qualityListener = listener;
        return this;
    }

    /**
     * Runs the promotion pipeline: each intent is decided by its strategy's stage (see {@link StrategyPipeline#route}),
     * SHADOW ones on its shadow book; without it every strategy trades live.
     */
    public RiskEngine promotion(StrategyPipeline pipeline) {
        this.pipeline = pipeline;
        return this;
    }

    /** The promotion pipeline, empty when it is off. */
    public Optional<StrategyPipeline> promotion() {
        return Optional.ofNullable(pipeline);
    }

    // ------------------------------------------------------------------ recovery after a restart

    /**
     * Enters recovery: the saved fills are being replayed. Until {@link #finishRecovery}, entries are denied
     * (RECOVERING), ticks only mark prices, and neither the breaker nor the limits are evaluated.
     */
    public void startRecovery() {
        recovering = true;
    }

    public boolean recovering() {
        return recovering;
    }

    /** Applies one fill read back from the ledger (in the order it was first applied), judging nothing. */
    public void replayFill(FillEvent fill) {
        try {
            if (!portfolio.replay(fill)) {
                return;
            }
        } catch (Portfolio.UnbookableFill e) {
            holdCritical(e.getMessage(), fill.timeMs());
            return;
        }
        String key = Position.key(fill.strategy(), fill.symbol());
        if (portfolio.qtyE8(fill.strategy(), fill.symbol()) == 0) {
            plans.remove(key);
        } else if (!plans.containsKey(key)) {
            plans.put(key, new ExitPlan(limits.defaultStopLossBps(), 0, 0, 0).withHigh(fill.priceE8()));
        }
    }

    /** Ends recovery: the fill stream resumes after (logId, seq); the breaker is judged again from now on. */
    public void finishRecovery(String logId, long seq) {
        portfolio.resumeAfter(logId, seq);
        recovering = false;
    }

    /** A last price read back at start (e.g. from the tick journal); kept only when no newer tick arrived. */
    public void restoreMark(String symbol, long priceE8, long eventTimeMs, int lotExponent) {
        portfolio.markIfNewer(symbol, priceE8, eventTimeMs, lotExponent);
    }

    /**
     * An exit approved before a restart whose outcome is unknown: held in flight again (so no second exit is
     * emitted for the same quantity) until its fill or its failure arrives.
     */
    public void restoreInFlight(OrderRequest order) {
        inFlight.putIfAbsent(order.clientOrderId(), order);
    }

    /**
     * A decision read back from the ledger for a repeated client order id, with the caller it was made for: answered
     * again to that caller, never re-decided; the id stays that caller's.
     */
    public void restoreDecision(String caller, Decision d) {
        decisions.remember(caller, d);
    }

    // ------------------------------------------------------------------ intents

    /** Decides on one intent of the {@link #LOCAL_CALLER}; see {@link #submit(String, Intent, long)}. */
    public Decision submit(Intent intent, long nowMs) {
        return submit(LOCAL_CALLER, intent, nowMs);
    }

    /**
     * Decides on one intent of a caller (the identity of its certificate). The same caller and client order id
     * always get the first decision back; an id first used by another caller (or by risk's own exits) is denied
     * ID_IN_USE, and that caller's decision is never shown. An intent from a strategy the deployment does not run is
     * denied UNKNOWN_STRATEGY. Throws IllegalArgumentException for a malformed intent.
     */
    public Decision submit(String caller, Intent intent, long nowMs) {
        DecisionMemory.Entry known = decisions.entry(intent.clientOrderId()); // find and owner in one lookup
        if (known != null && known.caller().equals(caller)) {
            return known.decision();
        }
        List<String> problems = intent.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (known != null) {
            denied++; // not remembered: the id stays its first caller's
            return deny(intent, DenyReason.ID_IN_USE, "client order id " + Printable.of(intent.clientOrderId())
                    + " is already used by another caller");
        }
        Decision d;
        if (knownStrategies != null && !knownStrategies.contains(intent.strategy())) {
            d = deny(intent, DenyReason.UNKNOWN_STRATEGY, "strategy '" + Printable.of(intent.strategy())
                    + "' is not one this deployment runs " + knownStrategies.stream().sorted().toList());
        } else {
            try {
                d = decide(caller, intent, nowMs);
            } catch (AmountOverflow e) {
                d = deny(intent, DenyReason.AMOUNT_OUT_OF_RANGE, "an amount is out of range: " + e.getMessage());
            }
        }
        decisions.remember(caller, d);
        d.order().ifPresent(o -> inFlight.put(o.clientOrderId(), o));
        if (d.approved()) {
            approved++;
        } else {
            denied++;
        }
        return d;
    }

    /** Decides on the book the strategy's stage routes the intent to (the portfolio when the pipeline is off). */
    private Decision decide(String caller, Intent in, long nowMs) {
        StrategyPipeline.Route route = pipeline == null ? StrategyPipeline.Route.LIVE : pipeline.route(in, portfolio);
        return switch (route) {
            case LIVE -> in.purpose() == Purpose.EXIT ? decideExit(in, nowMs) : decideEntry(in, nowMs);
            case NOT_PROMOTED -> deny(in, DenyReason.STRATEGY_NOT_PROMOTED, pipeline.whyNotPromoted(in.strategy()));
            case SHADOW -> {
                // an entry meets the live breaker, recovery, ledger and agreement checks first: as if it were live
                Decision refused = in.purpose() == Purpose.ENTRY ? entryRefusal(in, nowMs) : null;
                yield refused != null ? refused
                        : pipeline.shadow().submit(caller, in, breaker.sizeMultiplierPct(), breaker.tier(), nowMs);
            }
        };
    }

    private Decision decideExit(Intent in, long nowMs) {
        long held = portfolio.qtyE8(in.strategy(), in.symbol());
        long pendingExit = pendingExitQty(in.strategy(), in.symbol());
        long qty = Fixed.sub(held, pendingExit);
        if (qty <= 0) {
            DenyReason r = held > 0 ? DenyReason.DUPLICATE_IN_FLIGHT : DenyReason.NO_POSITION;
            return deny(in, r, held > 0 ? "an exit for the whole position is already in flight"
                    : "no " + in.symbol() + " position held by " + Printable.of(in.strategy()));
        }
        Position position = portfolio.position(in.strategy(), in.symbol());
        long fallback = in.decisionPriceE8() > 0 ? in.decisionPriceE8() : position.averagePriceE8();
        // the position's own lot: marks of another lot are refused while it is open, so priceFor is in that lot; the
        // intent's lot is not consulted (the exit's quantity is the position's), so no lot confusion blocks an exit
        long price = priceFor(in.symbol(), in.lotExponent() == position.lotExponent() ? fallback
                : position.averagePriceE8());
        long chunk = chunkQty(price);
        if (qty > chunk) {
            qty = chunk;
            owedExits.add(Position.key(in.strategy(), in.symbol())); // the rest follows in pieces
        }
        OrderRequest order = new OrderRequest(in.clientOrderId(), in.strategy(), in.symbol(), Side.SELL, Purpose.EXIT,
                qty, price, in.decisionSeq(), in.decisionIngestTimeMs(), nowMs, position.lotExponent());
        return new Decision(in.clientOrderId(), Verdict.APPROVED, DenyReason.NONE,
                "exit of " + Fixed.format(qty) + " " + in.symbol() + " approved (exits are never blocked)",
                Fixed.mul(qty, price), qty, breaker.tier(), equityE8(), exposureFigure(in.strategy()),
                Optional.of(order));
    }

    /**
     * The refusals of an entry before any sizing, on the live state: the breaker's tier, recovery, the fill stream and
     * the ledger, the settings' agreement, the strategy's suspension and a rug flag on the token (for a shadow entry
     * too); null when it may be sized.
     */
    private Decision entryRefusal(Intent in, long nowMs) {
        Tier tier = breaker.tier();
        if (tier == Tier.EMERGENCY) {
            return deny(in, DenyReason.BREAKER_HALTED, "breaker EMERGENCY (" + Printable.of(breaker.reason(), 240)
                    + "): only exits allowed");
        }
        if (tier == Tier.CRITICAL) {
            return deny(in, DenyReason.BREAKER_REDUCE_ONLY, "breaker CRITICAL (" + Printable.of(breaker.reason(), 240)
                    + "): reduce-only");
        }
        if (recovering) {
            return deny(in, DenyReason.RECOVERING, "risk is replaying its ledger after a start: entries wait until "
                    + "positions are rebuilt");
        }
        if (!ledgerConnected) {
            return deny(in, DenyReason.LEDGER_UNAVAILABLE, "the executor's fill stream is down: positions may be stale");
        }
        if (!ledgerAvailable) {
            return deny(in, DenyReason.LEDGER_UNAVAILABLE, "risk's ledger (PostgreSQL) is unreachable: no new risk "
                    + "until it is back");
        }
        if (configMismatch != null) {
            return deny(in, DenyReason.CONFIG_MISMATCH, configMismatch);
        }
        if (breaker.suspended(in.strategy())) {
            return deny(in, DenyReason.STRATEGY_SUSPENDED, Printable.of(in.strategy()) + " suspended: its drawdown reached "
                    + pctOf(breaker.thresholds().strategyDrawdownBps()));
        }
        RugFlag flag = tokenFlag(in.symbol(), nowMs);
        if (flag != null) {
            return deny(in, DenyReason.TOKEN_FLAGGED, in.symbol() + " is flagged as a rug risk (" + flag.describe()
                    + ", observed " + java.time.Instant.ofEpochMilli(flag.eventTimeMs()) + "): no entries "
                    + (flag.untilMs() == Long.MAX_VALUE ? "while this node runs"
                    : "until " + java.time.Instant.ofEpochMilli(flag.untilMs())));
        }
        return null;
    }

    private Decision decideEntry(Intent in, long nowMs) {
        Tier tier = breaker.tier();
        long equity = equityExact();
        Decision refused = entryRefusal(in, nowMs);
        if (refused != null) {
            return refused;
        }
        Portfolio.Mark mark = portfolio.markOf(in.symbol());
        if (mark == null || nowMs - mark.timeMs() > limits.markMaxAgeMs()) {
            return deny(in, DenyReason.NO_MARKET_DATA, mark == null ? "no price for " + in.symbol()
                    : in.symbol() + " price is " + (nowMs - mark.timeMs()) + " ms old (max " + limits.markMaxAgeMs() + ")");
        }
        Optional<String> lotProblem = memesnipe.model.money.Lot.mismatch(in.lotExponent(), mark.lotExponent());
        if (lotProblem.isPresent()) {
            return deny(in, DenyReason.LOT_MISMATCH, in.symbol() + ": the intent's " + lotProblem.get());
        }
        if (entryInFlight(in.strategy(), in.symbol())) {
            return deny(in, DenyReason.DUPLICATE_IN_FLIGHT, "an entry for " + Printable.of(in.strategy()) + "/" + in.symbol()
                    + " is still in flight");
        }
        boolean opensNew = portfolio.qtyE8(in.strategy(), in.symbol()) == 0;
        if (opensNew && portfolio.openPositions() + pendingNewPositions() >= limits.maxOpenPositions()) {
            return deny(in, DenyReason.MAX_POSITIONS, "open positions at the maximum of " + limits.maxOpenPositions());
        }
        if (!entryBucket.tryTake(nowMs)) {
            return deny(in, DenyReason.RATE_LIMITED, "entry rate above " + limits.entriesPerSecond() + "/s");
        }

        long size = in.notionalE8();
        DenyReason binding = DenyReason.NONE;
        StringBuilder why = new StringBuilder("asked " + Fixed.format(in.notionalE8()) + " USD");
        int multiplier = breaker.sizeMultiplierPct();
        if (multiplier < 100) {
            size = Fixed.mulDiv(size, multiplier, 100); // exact: size x multiplier may not fit a long
            binding = DenyReason.BREAKER_SIZE_SCALED;
            why.append("; x").append(multiplier).append("% (").append(tier).append(", ramp)");
        }
        long perTrade = Math.min(Fixed.bps(equity, limits.perTradeBps()), limits.maxOrderNotionalE8());
        if (size > perTrade) {
            size = perTrade;
            binding = DenyReason.PER_TRADE_CAP;
            why.append("; per-trade cap ").append(Fixed.format(perTrade));
        }
        long strategyExposure = Fixed.add(portfolio.exposureE8(in.strategy()), pendingEntryNotional(in.strategy(), null));
        long strategyRoom = Fixed.sub(Fixed.bps(equity, limits.strategyCapBps()), strategyExposure);
        if (size > strategyRoom) {
            size = Math.max(0, strategyRoom);
            binding = DenyReason.STRATEGY_CAP;
            why.append("; strategy room ").append(Fixed.format(Math.max(0, strategyRoom)));
        }
        long symbolRoom = Fixed.sub(Fixed.sub(Fixed.bps(equity, limits.symbolCapBps()),
                portfolio.symbolExposureE8(in.symbol())), pendingEntryNotional(null, in.symbol()));
        if (size > symbolRoom) {
            size = Math.max(0, symbolRoom);
            binding = DenyReason.SYMBOL_CAP;
            why.append("; symbol room ").append(Fixed.format(Math.max(0, symbolRoom)));
        }
        long grossRoom = Fixed.sub(Fixed.sub(Fixed.bps(equity, limits.grossCapBps()), portfolio.grossExposureE8()),
                pendingEntryNotional(null, null));
        if (size > grossRoom) {
            size = Math.max(0, grossRoom);
            binding = DenyReason.GROSS_CAP;
            why.append("; gross room ").append(Fixed.format(Math.max(0, grossRoom)));
        }
        long qty = quantityFor(size, mark.priceE8());
        if (qty == limits.maxOrderQtyE8() && Fixed.mul(qty, mark.priceE8()) < size) {
            binding = DenyReason.ORDER_QTY_CAP;
            why.append("; quantity cap ").append(Fixed.format(qty));
        }
        long notional = Fixed.mul(qty, mark.priceE8()); // <= size: fits
        if (qty <= 0 || notional < limits.minNotionalE8()) {
            DenyReason r = binding == DenyReason.NONE || binding == DenyReason.BREAKER_SIZE_SCALED
                    ? DenyReason.BELOW_MIN_NOTIONAL : binding;
            return deny(in, r, why + "; " + Fixed.format(notional) + " USD is below the minimum of "
                    + Fixed.format(limits.minNotionalE8()));
        }
        Position held = portfolio.position(in.strategy(), in.symbol());
        try {
            // the fill must be bookable: the position's quantity and cost basis after it must fit
            Fixed.add(held == null ? 0 : held.qtyE8(), qty);
            Fixed.add(held == null ? 0 : held.costE8(), notional);
        } catch (AmountOverflow e) {
            return deny(in, DenyReason.AMOUNT_OUT_OF_RANGE, why + "; the " + in.symbol() + " position of "
                    + in.strategy() + " cannot take " + Fixed.format(qty) + " more: " + e.getMessage());
        }
        Verdict verdict = notional < in.notionalE8() && binding != DenyReason.NONE ? Verdict.RESIZED : Verdict.APPROVED;
        OrderRequest order = new OrderRequest(in.clientOrderId(), in.strategy(), in.symbol(), Side.BUY, Purpose.ENTRY,
                qty, mark.priceE8(), in.decisionSeq(), in.decisionIngestTimeMs(), nowMs, mark.lotExponent());
        int stop = in.stopLossBps() > 0 ? in.stopLossBps() : limits.defaultStopLossBps();
        pendingPlans.put(in.clientOrderId(), new ExitPlan(stop, in.takeProfitBps(), in.trailingStopBps(), 0));
        why.append("; approved ").append(Fixed.format(notional)).append(" USD = ").append(Fixed.format(qty))
                .append(" ").append(in.symbol()).append(" @ ").append(Fixed.format(mark.priceE8()));
        return new Decision(in.clientOrderId(), verdict, verdict == Verdict.RESIZED ? binding : DenyReason.NONE,
                why.toString(), notional, qty, tier, equity, strategyExposure, Optional.of(order));
    }

    private Decision deny(Intent in, DenyReason reason, String detail) {
        return new Decision(in.clientOrderId(), Verdict.DENIED, reason, detail, 0, 0, breaker.tier(),
                equityE8(), exposureFigure(in.strategy()), Optional.empty());
    }

    /** size / price, at most the per-order quantity (also when the exact quotient does not fit a long). */
    private long quantityFor(long notionalE8, long priceE8) {
        try {
            return Math.min(Fixed.div(notionalE8, priceE8), limits.maxOrderQtyE8());
        } catch (AmountOverflow e) {
            return limits.maxOrderQtyE8(); // the quotient is beyond any long, so beyond the cap
        }
    }

    // ------------------------------------------------------------------ market and fills

    /**
     * A validated tick: counts it in the volatility regime, marks the portfolio, re-evaluates the breaker (with the
     * thresholds of the regime) and fires exits. Returns exit orders to send.
     */
    public List<OrderRequest> onTick(String symbol, long priceE8, long eventTimeMs, long nowMs) {
        return onTick(symbol, priceE8, 0, eventTimeMs, nowMs);
    }

    /**
     * A validated tick priced per lot of 10^lotExponent units. A tick of another lot than a held position's is
     * refused by the portfolio (counted in {@link Portfolio#lotMismatchedMarks()}): it neither marks nor triggers.
     */
    public List<OrderRequest> onTick(String symbol, long priceE8, int lotExponent, long eventTimeMs, long nowMs) {
        return onTick(symbol, priceE8, lotExponent, 0, eventTimeMs, nowMs);
    }

    /**
     * As below, with the volume the event traded (lots, 1e8): the shadow book's paper fills take at most the
     * participation cap of it.
     */
    public List<OrderRequest> onTick(String symbol, long priceE8, int lotExponent, long seq, long volumeE8,
                                     long eventTimeMs, long nowMs) {
        tickVolumeE8 = volumeE8;
        try {
            return onTick(symbol, priceE8, lotExponent, seq, eventTimeMs, nowMs);
        } finally {
            tickVolumeE8 = 0;
        }
    }

    /**
     * As above, for the gateway event of that seq (&gt; 0): the exits risk emits for the symbol from now on name it
     * as their deciding event, so the paper venue fills them at its price (see the executor's PaperPricing).
     */
    public List<OrderRequest> onTick(String symbol, long priceE8, int lotExponent, long seq, long eventTimeMs,
                                     long nowMs) {
        volatility.onTick(symbol, priceE8, eventTimeMs); // every tick, as the strategy node counts them
        if (!portfolio.mark(symbol, priceE8, eventTimeMs, lotExponent)) {
            return recovering ? List.of() : evaluate(nowMs);
        }
        long[] markSeq = markSeqs.get(symbol);
        if (markSeq == null) {
            markSeq = new long[1];
            markSeqs.put(symbol, markSeq);
        }
        markSeq[0] = seq;
        if (recovering) {
            return List.of();
        }
        List<OrderRequest> exits = List.of();
        List<Position> held = portfolio.positionsIn(symbol); // live: exits below book nothing
        for (int i = 0; i < held.size(); i++) {
            Position p = held.get(i);
            ExitPlan plan = plans.get(p.key());
            if (plan == null) {
                continue;
            }
            ExitPlan raised = plan.withHigh(priceE8);
            if (raised != plan) {
                plans.put(p.key(), raised);
            }
            try {
                Optional<String> why = exitTrigger(p, raised, priceE8);
                if (why.isPresent()) {
                    exits = joined(exits, exitPosition(p, why.get(), nowMs));
                }
            } catch (AmountOverflow e) {
                holdCritical("amount out of range for the " + p.symbol() + " position of " + p.strategy() + ": "
                        + e.getMessage(), nowMs);
            }
        }
        if (pipeline != null) {
            pipeline.onTick(symbol, priceE8, lotExponent, seq, tickVolumeE8, eventTimeMs, nowMs);
        }
        return joined(exits, evaluate(nowMs));
    }

    /**
     * The orders of a followed by those of b: a itself when b is empty, b itself when a is, else a mutable list (a,
     * when it is one already): most ticks emit no order, and then no list is made.
     */
    private static List<OrderRequest> joined(List<OrderRequest> a, List<OrderRequest> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<OrderRequest> both = a instanceof ArrayList<OrderRequest> ? a : new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /** A fill from the executor's fill stream (applied at most once). Returns exit orders to send. */
    public List<OrderRequest> onFill(FillEvent fill, long nowMs) {
        return onFill(fill, nowMs, true);
    }

    /**
     * A fill from the executor's fill stream, or (fromStream false) the fill carried in a FILLED execution report;
     * the same fill arriving both ways is applied once. Returns exit orders to send.
     */
    public List<OrderRequest> onFill(FillEvent fill, long nowMs, boolean fromStream) {
        try {
            if (!portfolio.apply(fill, fromStream)) {
                return List.of();
            }
        } catch (Portfolio.UnbookableFill e) {
            // positions can no longer be the sum of fills: no new risk until an operator looks (its order stays in
            // flight, so no second exit is sent for what it may have sold)
            holdCritical(e.getMessage(), nowMs);
            return evaluate(nowMs);
        }
        fillListener.accept(fill);
        OrderRequest order = inFlight.remove(fill.clientOrderId());
        if (order != null) {
            long latency = Math.max(0, fill.timeMs() - order.approvedTimeMs());
            int slippage = slippageBps(fill.priceE8(), order.referencePriceE8());
            qualityListener.accept(quality.filled(latency, slippage, nowMs));
        }
        if (pipeline != null) {
            pipeline.onLiveFill(fill, order);
        }
        String key = Position.key(fill.strategy(), fill.symbol());
        ExitPlan plan = pendingPlans.remove(fill.clientOrderId());
        if (fill.side() == Side.SELL) {
            exitFailures.remove(key);
            exitRetryAtMs.remove(key);
        }
        if (portfolio.qtyE8(fill.strategy(), fill.symbol()) == 0) {
            plans.remove(key);
            owedExits.remove(key);
        } else if (!plans.containsKey(key)) {
            // a position always has a stop, even when its entry's plan is unknown (e.g. fills replayed after a restart)
            ExitPlan p = plan != null ? plan : new ExitPlan(limits.defaultStopLossBps(), 0, 0, 0);
            plans.put(key, p.withHigh(fill.priceE8()));
        }
        return evaluate(nowMs);
    }

    /** The executor refused the order or it could not be delivered: release its reservation. */
    public List<OrderRequest> onOrderFailed(String clientOrderId, long nowMs) {
        OrderRequest order = inFlight.remove(clientOrderId);
        pendingPlans.remove(clientOrderId);
        if (order != null) {
            qualityListener.accept(quality.failed(Math.max(0, nowMs - order.approvedTimeMs()), nowMs));
            if (order.purpose() == Purpose.EXIT) {
                // risk owns finishing an exit: it is sent again, under a new id, after a growing pause
                String key = Position.key(order.strategy(), order.symbol());
                int failures = exitFailures.merge(key, 1, Integer::sum);
                exitRetryAtMs.put(key, nowMs + Math.min(5_000L, 250L << Math.min(failures - 1, 5)));
                owedExits.add(key);
            }
        }
        return evaluate(nowMs);
    }

    /** Periodic re-evaluation (so a silent feed still raises the breaker). Returns exit orders to send. */
    public List<OrderRequest> onTimer(long nowMs) {
        if (pipeline != null && !recovering) {
            pipeline.onTimer(nowMs, portfolio);
        }
        return evaluate(nowMs);
    }

    // ------------------------------------------------------------------ token flags

    /**
     * A validated token-risk fact: when {@link RugRule#DEFAULT} flags the token, as {@link #onTokenFlagged}; otherwise
     * nothing (a calmer fact never lifts a flag). Returns exit orders to send.
     */
    public List<OrderRequest> onTokenRisk(TokenRisk fact, long nowMs) {
        Optional<RugFlag> flag = RugRule.DEFAULT.flag(fact);
        return flag.isPresent() ? onTokenFlagged(flag.get(), nowMs) : List.of();
    }

    /**
     * A token flagged as a rug risk: every strategy's position in it is flattened at once (exits: never blocked by the
     * breaker or the rate limits; a position an entry in flight opens later is flattened when its fill arrives), and
     * entries in it are denied TOKEN_FLAGGED until the flag ends (the later end wins when flags overlap). Returns exit
     * orders to send (none while recovering: the first evaluation after the replay flattens).
     */
    public List<OrderRequest> onTokenFlagged(RugFlag flag, long nowMs) {
        RugFlag held = tokenFlags.get(flag.symbol());
        if (held == null || flag.untilMs() >= held.untilMs()) {
            tokenFlags.put(flag.symbol(), flag);
        }
        if (pipeline != null) {
            pipeline.shadow().onTokenFlagged(flag, nowMs); // shadow positions in the token are flattened too
        }
        return evaluate(nowMs);
    }

    /** The flag holding on a token at the given time, or null (an ended flag is kept, one per symbol, and ignored). */
    public RugFlag tokenFlag(String symbol, long nowMs) {
        RugFlag flag = tokenFlags.get(symbol);
        return flag != null && flag.holdsAt(nowMs) ? flag : null;
    }

    /**
     * The earliest time after {@code afterMs} at which {@link #onTimer} could change something when nothing else
     * happens before it: a held symbol's prices turning stale, a failed exit's retry, an execution-quality sample
     * ageing out, or the breaker's own clock (next trading day, ramp step, end of a cool-down); Long.MAX_VALUE when
     * none. Every tick, fill and decision evaluates at once, so these are the only moments a timer matters: the
     * backtest evaluates exactly then; the node also evaluates every evaluate-every-ms as a safety net, which changes
     * nothing between these moments.
     */
    public long nextDueMs(long afterMs) {
        if (recovering) {
            return Long.MAX_VALUE; // evaluations wait for the end of recovery, which evaluates
        }
        long due = breaker.nextDueMs(afterMs);
        due = CircuitBreaker.earliestAfter(due, quality.nextExpiryMs(), afterMs);
        if (pipeline != null) {
            due = CircuitBreaker.earliestAfter(due, pipeline.nextDueMs(afterMs), afterMs);
        }
        if (!exitRetryAtMs.isEmpty()) {
            for (long retryAt : exitRetryAtMs.values()) {
                due = CircuitBreaker.earliestAfter(due, retryAt, afterMs);
            }
        }
        List<Position> book = portfolio.book();
        for (int i = 0; i < book.size(); i++) { // a symbol held twice gives the same time twice
            long since = Math.max(portfolio.markTimeMs(book.get(i)), startedMs);
            due = CircuitBreaker.earliestAfter(due, since + limits.heldStaleMs() + 1, afterMs);
        }
        return due;
    }

    // ------------------------------------------------------------------ admin

    /** Manual trip; EMERGENCY flattens at once. Returns exit orders to send. */
    public List<OrderRequest> trip(Tier tier, String reason, long nowMs) {
        breaker.trip(tier, reason, nowMs).ifPresent(transitionListener);
        return evaluate(nowMs);
    }

    /** Manual reset to NORMAL (see {@link CircuitBreaker#reset}). */
    public void reset(String reason, long nowMs) {
        breaker.noteEquity(equityE8());
        quality.clear(); // the orders that raised it are history: judge quality afresh from the next ones
        qualityCleared.accept(nowMs);
        breaker.reset(reason, nowMs).ifPresent(transitionListener);
    }

    // ------------------------------------------------------------------ internals

    private List<OrderRequest> evaluate(long nowMs) {
        if (recovering) {
            return List.of(); // positions are not rebuilt yet: judging them now would raise spurious alarms
        }
        boolean flattenAll;
        try {
            flattenAll = judge(nowMs);
        } catch (AmountOverflow e) {
            holdCritical("amount out of range while valuing the portfolio: " + e.getMessage(), nowMs);
            flattenAll = breaker.tier() == Tier.EMERGENCY;
        }
        List<OrderRequest> exits = List.of();
        List<Position> book = portfolio.book(); // live: exits book nothing
        for (int i = 0; i < book.size(); i++) {
            Position p = book.get(i);
            try {
                if (flattenAll) {
                    String why = breaker.tier() == Tier.EMERGENCY ? "EMERGENCY flatten" : "portfolio stop";
                    exits = joined(exits, exitPosition(p, why, nowMs));
                } else if (breaker.suspended(p.strategy())) {
                    exits = joined(exits, exitPosition(p, "strategy suspended", nowMs));
                } else if (owedExits.contains(p.key())) {
                    exits = joined(exits, exitPosition(p, "completing an exit", nowMs));
                } else if (!tokenFlags.isEmpty()) {
                    RugFlag flag = tokenFlag(p.symbol(), nowMs);
                    if (flag != null) {
                        exits = joined(exits, exitPosition(p, "token flagged: " + flag.describe(), nowMs));
                    }
                }
            } catch (AmountOverflow e) {
                holdCritical("amount out of range for the " + p.symbol() + " position of " + p.strategy() + ": "
                        + e.getMessage(), nowMs);
            }
        }
        return exits;
    }

    /** Judges the breaker and every strategy on the marked figures; true when everything must be flattened. */
    private boolean judge(long nowMs) {
        long equity = equityExact();
        boolean stale = heldStale(nowMs);
        // After a start, a held symbol without any price yet is valued at cost, which is not its value: the breaker
        // keeps its restored tier until every held symbol is priced or the wait for prices itself raises it (stale).
        quality.expire(nowMs);
        if (stale || portfolio.marked(null)) {
            breaker.evaluate(equity, Conditions.of(stale, quality.verdict(), volatility.regime()), nowMs)
                    .ifPresent(transitionListener);
        }
        List<String> strategies = portfolio.strategiesWithPnl(); // every position came from a fill, which gave its
        for (int i = 0; i < strategies.size(); i++) {             // strategy a P&L entry; in name order
            String strategy = strategies.get(i);
            if (portfolio.marked(strategy)) {
                breaker.evaluateStrategy(strategy, Fixed.add(strategyAllocationE8, portfolio.strategyPnlE8(strategy)));
            }
        }
        return breaker.tier() == Tier.EMERGENCY
                || equity <= Fixed.sub(breaker.dayStartE8(), Fixed.bps(breaker.dayStartE8(), limits.portfolioStopBps()));
    }

    /**
     * Holds the breaker at CRITICAL (reduce-only; exits still go) until a manual reset, because a figure the
     * decisions rest on could not be computed; the reason carries the figures.
     */
    private void holdCritical(String why, long nowMs) {
        breaker.hold(Tier.CRITICAL, why, nowMs).ifPresent(transitionListener);
    }

    private Optional<String> exitTrigger(Position p, ExitPlan plan, long priceE8) {
        long avg = p.averagePriceE8();
        if (avg <= 0) {
            return Optional.empty();
        }
        if (plan.stopLossBps() > 0 && priceE8 <= avg - Fixed.bps(avg, plan.stopLossBps())) {
            return Optional.of("stop-loss " + pctOf(plan.stopLossBps()));
        }
        if (plan.takeProfitBps() > 0 && priceE8 >= Fixed.add(avg, Fixed.bps(avg, plan.takeProfitBps()))) {
            return Optional.of("take-profit " + pctOf(plan.takeProfitBps()));
        }
        if (plan.trailingStopBps() > 0 && plan.highWaterE8() > avg
                && priceE8 <= Fixed.sub(plan.highWaterE8(), Fixed.bps(plan.highWaterE8(), plan.trailingStopBps()))) {
            return Optional.of("trailing stop " + pctOf(plan.trailingStopBps()));
        }
        return Optional.empty();
    }

    /**
     * Emits exits for what is held and not already being sold, in pieces of at most the max order notional and
     * quantity, at most {@value #MAX_EXIT_PIECES_IN_FLIGHT} of them in flight per position (the rest is owed and
     * follows as pieces fill, so an absurd price or a huge position cannot make the list of pieces endless);
     * none when nothing is left to sell or a failed exit of this position is waiting for its retry time.
     */
    private List<OrderRequest> exitPosition(Position p, String why, long nowMs) {
        String key = p.key();
        long remaining = Fixed.sub(p.qtyE8(), pendingExitQty(p.strategy(), p.symbol()));
        if (remaining <= 0 || nowMs < exitRetryAtMs.getOrDefault(key, 0L)) {
            return List.of();
        }
        Portfolio.Mark mark = portfolio.markOf(p.symbol());
        long price = mark != null ? mark.priceE8() : p.averagePriceE8();
        long chunk = chunkQty(price);
        int room = MAX_EXIT_PIECES_IN_FLIGHT - exitPiecesInFlight(p.strategy(), p.symbol());
        long equity = equityE8();
        long exposure = exposureFigure(p.strategy());
        List<OrderRequest> out = new ArrayList<>();
        while (remaining > 0 && room-- > 0) {
            long qty = Math.min(remaining, chunk);
            remaining -= qty;
            String id = exitIdPrefix + "-" + (++exitCounter) + "-" + p.symbol();
            OrderRequest order = new OrderRequest(id.length() > 64 ? id.substring(0, 64) : id, p.strategy(),
                    p.symbol(), Side.SELL, Purpose.EXIT, qty, price, markSeq(p.symbol()), 0, nowMs, p.lotExponent());
            inFlight.put(order.clientOrderId(), order);
            decisions.remember(OWN_CALLER, new Decision(order.clientOrderId(), Verdict.APPROVED, DenyReason.NONE,
                    "risk exit: " + why, Fixed.mul(qty, price), qty, breaker.tier(), equity, exposure, Optional.of(order)));
            out.add(order);
        }
        if (remaining > 0) {
            owedExits.add(key); // the rest follows as pieces fill
        }
        return out;
    }

    /** The seq of the gateway event behind the symbol's current mark (0 when unknown, e.g. after a restart). */
    private long markSeq(String symbol) {
        long[] seq = markSeqs.get(symbol);
        return seq == null ? 0 : seq[0];
    }

    private int exitPiecesInFlight(String strategy, String symbol) {
        int n = 0;
        for (OrderRequest o : inFlight.values()) {
            if (o.purpose() == Purpose.EXIT && o.strategy().equals(strategy) && o.symbol().equals(symbol)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Largest quantity one order may carry at this price: within the per-order notional and quantity, and at least
     * one unit of e8, so exits always progress.
     */
    private long chunkQty(long priceE8) {
        return priceE8 <= 0 ? limits.maxOrderQtyE8() : Math.max(1, quantityFor(limits.maxOrderNotionalE8(), priceE8));
    }

    /** Slippage of a fill against the price at approval, bps, saturated at +-Integer.MAX_VALUE (far beyond BAD). */
    static int slippageBps(long fillPriceE8, long referencePriceE8) {
        if (referencePriceE8 <= 0) {
            return 0;
        }
        long diff = fillPriceE8 - referencePriceE8;
        if (((fillPriceE8 ^ referencePriceE8) & (fillPriceE8 ^ diff)) >= 0 
                && diff >= -Long.MAX_VALUE / 10_000 && diff <= Long.MAX_VALUE / 10_000) {
            long bps = diff * 10_000 / referencePriceE8; // exact in a long (any real price), truncated as below
            return (int) Math.max(-Integer.MAX_VALUE, Math.min(Integer.MAX_VALUE, bps));
        }
        java.math.BigInteger bps = java.math.BigInteger.valueOf(fillPriceE8)
                .subtract(java.math.BigInteger.valueOf(referencePriceE8)).multiply(java.math.BigInteger.valueOf(10_000))
                .divide(java.math.BigInteger.valueOf(referencePriceE8));
        return bps.max(java.math.BigInteger.valueOf(-Integer.MAX_VALUE))
                .min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }

    /** A held symbol without a tick for the held-stale time (counted from this engine's start at the earliest). */
    private boolean heldStale(long nowMs) {
        List<Position> book = portfolio.book();
        for (int i = 0; i < book.size(); i++) {
            long since = Math.max(portfolio.markTimeMs(book.get(i)), startedMs);
            if (nowMs - since > limits.heldStaleMs()) {
                return true;
            }
        }
        return false;
    }

    private long pendingExitQty(String strategy, String symbol) {
        long sum = 0;
        for (OrderRequest o : inFlight.values()) {
            if (o.purpose() == Purpose.EXIT && o.strategy().equals(strategy) && o.symbol().equals(symbol)) {
                sum = Fixed.add(sum, o.qtyE8());
            }
        }
        return sum;
    }

    private boolean entryInFlight(String strategy, String symbol) {
        for (OrderRequest o : inFlight.values()) {
            if (o.purpose() == Purpose.ENTRY && o.strategy().equals(strategy) && o.symbol().equals(symbol)) {
                return true;
            }
        }
        return false;
    }

    /** Notional of entries in flight, filtered by strategy and/or symbol when given. */
    private long pendingEntryNotional(String strategy, String symbol) {
        long sum = 0;
        for (OrderRequest o : inFlight.values()) {
            if (o.purpose() == Purpose.ENTRY && (strategy == null || o.strategy().equals(strategy))
                    && (symbol == null || o.symbol().equals(symbol))) {
                sum = Fixed.add(sum, Fixed.mul(o.qtyE8(), o.referencePriceE8()));
            }
        }
        return sum;
    }

    private int pendingNewPositions() {
        int n = 0;
        for (OrderRequest o : inFlight.values()) {
            if (o.purpose() == Purpose.ENTRY && portfolio.qtyE8(o.strategy(), o.symbol()) == 0) {
                n++;
            }
        }
        return n;
    }

    private long priceFor(String symbol, long fallbackE8) {
        Portfolio.Mark m = portfolio.markOf(symbol);
        return m != null ? m.priceE8() : fallbackE8;
    }

    private static String pctOf(int bps) {
        return memesnipe.model.money.Bps.pctSign(bps);
    }

    // ------------------------------------------------------------------ read-only views

    public Portfolio portfolio() {
        return portfolio;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public ExecutionQuality quality() {
        return quality;
    }

    /** The market's volatility regime as risk counts it (the breaker's thresholds follow it where configured). */
    public VolatilityRegime volatility() {
        return volatility;
    }

    public RiskLimits limits() {
        return limits;
    }

    public long initialCapitalE8() {
        return initialCapitalE8;
    }

    /**
     * The marked equity now; while it does not fit a long (a position at an absurd mark), the last equity that did
     * (the breaker is then held at CRITICAL with the figures as its reason).
     */
    public long equityE8() {
        try {
            return equityExact();
        } catch (AmountOverflow e) {
            return lastEquityE8;
        }
    }

    private long equityExact() {
        long equity = portfolio.equityE8();
        lastEquityE8 = equity;
        return equity;
    }

    /** A strategy's marked exposure (USD, 1e8); 0 while it does not fit a long. */
    public long strategyExposureE8(String strategy) {
        return exposureFigure(strategy);
    }

    /** The book's gross marked exposure (USD, 1e8); 0 while it does not fit a long. */
    public long grossExposureE8() {
        try {
            return portfolio.grossExposureE8();
        } catch (AmountOverflow e) {
            return 0;
        }
    }

    /** A strategy's marked exposure for a decision's figures; 0 while it does not fit (the detail says why). */
    private long exposureFigure(String strategy) {
        try {
            return portfolio.exposureE8(strategy);
        } catch (AmountOverflow e) {
            return 0;
        }
    }

    /** The remembered decision made for a caller under a client order id ({@link #OWN_CALLER} for risk's exits). */
    public Optional<Decision> decisionOf(String caller, String clientOrderId) {
        return decisions.find(caller, clientOrderId);
    }

    /**
     * Whether this client order id is remembered, for any caller: {@link #submit} then answers it at once (the
     * caller's first decision, or ID_IN_USE), without the ledger.
     */
    public boolean remembers(String clientOrderId) {
        return decisions.owner(clientOrderId).isPresent();
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    /** Orders approved but not yet filled or failed (for re-delivery after an executor outage). */
    public List<OrderRequest> inFlightOrders() {
        return List.copyOf(inFlight.values());
    }

    public long approvedCount() {
        return approved;
    }

    public long deniedCount() {
        return denied;
    }
}
