package memesnipe.risk.breaker;

import memesnipe.model.Tier;
import memesnipe.model.regime.Regime;
import memesnipe.model.text.Printable;
import memesnipe.risk.breaker.BreakerThresholds.VolatilityScales;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tiered circuit breaker (pure). Escalates at once when a trigger is met; steps down one tier at
 * a time once the trigger has stayed clear for the cool-down, then ramps entry sizes back in steps.
 * EMERGENCY and manual trips hold until {@link #reset}. Drawdown is measured on the marked equity
 * curve from its peak; daily loss from the equity at the start of the trading day. Their thresholds are those of the
 * volatility regime each evaluation is given ({@link BreakerThresholds#inRegime}): a tier the regime's tighter
 * thresholds raise is an ordinary transition, and wider ones never lower the tier at once (it steps down after the
 * cool-down, then ramps, as always).
 */
public final class CircuitBreaker {
    private static final int MAX_TRANSITIONS = 1000;

    private final BreakerThresholds t;
    /** The thresholds in effect in each volatility regime (by ordinal), worked out once. */
    private final BreakerThresholds[] byRegime = new BreakerThresholds[Regime.values().length];
    /** Those of the regime of the last evaluation. */
    private BreakerThresholds effective;
    private Regime regime = Regime.UNKNOWN;
    private Tier tier = Tier.NORMAL;
    private String reason = "start";
    private long sinceMs;
    private long peakE8;
    private long dayStartE8;
    private long dayEpochDay = Long.MIN_VALUE;
    private long dayStartMs;
    private long nextDayStartMs;
    private boolean manualLatch;
    private int rampStep;
    private long rampSinceMs;
    private long clearSinceMs;
    private int lastDrawdownBps;
    private int lastDailyLossBps;
    private long lastEquityE8;
    private final Map<String, Long> strategyPeaks = new HashMap<>();
    private final Set<String> suspended = new TreeSet<>();
    private final Deque<Transition> transitions = new ArrayDeque<>();
    private long transitionSeq;

    public CircuitBreaker(BreakerThresholds thresholds, long initialEquityE8, long nowMs) {
        this.t = thresholds;
        for (Regime r : Regime.values()) {
            byRegime[r.ordinal()] = thresholds.inRegime(r);
        }
        this.effective = byRegime[regime.ordinal()];
        this.peakE8 = initialEquityE8;
        this.lastEquityE8 = initialEquityE8;
        this.sinceMs = nowMs;
        this.rampStep = thresholds.rampPct().size() - 1;
        rollDay(initialEquityE8, nowMs);
    }

    /**
     * Re-evaluates the tier from the marked equity and conditions at time now.
     * Returns the transition when the tier changed.
     */
    public Optional<Transition> evaluate(long equityE8, Conditions conditions, long nowMs) {
        rollDay(equityE8, nowMs);
        lastEquityE8 = equityE8;
        peakE8 = Math.max(peakE8, equityE8);
        lastDrawdownBps = lossBps(peakE8, equityE8);
        lastDailyLossBps = lossBps(dayStartE8, equityE8);
        advanceRamp(nowMs);
        regime = conditions.regime();
        effective = byRegime[regime.ordinal()];

        Tier target = targetTier(conditions);
        if (tier == Tier.EMERGENCY || manualLatch) {
            if (target.stricterThan(tier)) {
                return Optional.of(move(target, reason(target, conditions), nowMs));
            }
            return Optional.empty();
        }
        if (target.stricterThan(tier)) {
            clearSinceMs = 0;
            return Optional.of(move(target, reason(target, conditions), nowMs));
        }
        if (target == tier) {
            clearSinceMs = 0;
            return Optional.empty();
        }
        if (clearSinceMs == 0) {
            clearSinceMs = nowMs;
        }
        if (nowMs - clearSinceMs < t.cooldownMs()) {
            return Optional.empty();
        }
        Tier lower = Tier.values()[tier.ordinal() - 1];
        clearSinceMs = nowMs;
        rampStep = 0;
        rampSinceMs = nowMs;
        return Optional.of(move(lower, "cleared for " + t.cooldownMs() + " ms: " + reason(target, conditions), nowMs));
    }

    /** Characters of an operator's trip or reset reason kept in the breaker's reason (escaped: it is logged and shown). */
    static final int MAX_MANUAL_REASON = 200;

    /** A manual trip: moves to the tier (never to a less strict one) and holds there until reset. */
    public Optional<Transition> trip(Tier to, String why, long nowMs) {
        manualLatch = true;
        if (!to.stricterThan(tier)) {
            return Optional.empty();
        }
        return Optional.of(move(to, "manual trip: " + Printable.of(why, MAX_MANUAL_REASON), nowMs));
    }

    /**
     * An automatic trip that holds like a manual one until {@link #reset} (e.g. a figure the decisions rest on is out
     * of range): moves to the tier (never to a less strict one) with the reason as given.
     */
    public Optional<Transition> hold(Tier to, String why, long nowMs) {
        manualLatch = true;
        if (!to.stricterThan(tier)) {
            return Optional.empty();
        }
        return Optional.of(move(to, why, nowMs));
    }

    /**
     * A manual reset: back to NORMAL, with the equity peak and the day's start re-based at the current
     * equity (the operator acknowledges the loss), sizes ramped back from the first step, and every
     * strategy suspension lifted.
     */
    public Optional<Transition> reset(String why, long nowMs) {
        manualLatch = false;
        peakE8 = lastEquityE8;
        dayStartE8 = lastEquityE8;
        lastDrawdownBps = 0;
        lastDailyLossBps = 0;
        clearSinceMs = 0;
        rampStep = 0;
        rampSinceMs = nowMs;
        suspended.clear();
        strategyPeaks.clear();
        if (tier == Tier.NORMAL) {
            return Optional.empty();
        }
        return Optional.of(move(Tier.NORMAL, "manual reset: " + Printable.of(why, MAX_MANUAL_REASON), nowMs));
    }

    /**
     * Tracks one strategy's own equity (its capital allocation plus its P&L); a drawdown of at least
     * the strategy threshold from its own peak suspends it until a reset. Returns true when this call suspended it.
     */
    public boolean evaluateStrategy(String strategy, long strategyEquityE8) {
        Long previous = strategyPeaks.get(strategy);
        long peak = previous == null ? strategyEquityE8 : Math.max(previous, strategyEquityE8);
        if (previous == null || peak != previous) {
            strategyPeaks.put(strategy, peak); // boxed only when the peak moves (this runs on every tick)
        }
        if (!suspended.contains(strategy) && lossBps(peak, strategyEquityE8) >= t.strategyDrawdownBps()) {
            suspended.add(strategy);
            return true;
        }
        return false;
    }

    public boolean suspended(String strategy) {
        return suspended.contains(strategy);
    }

    /** Whether any strategy is suspended. */
    public boolean anySuspended() {
        return !suspended.isEmpty();
    }

    public Set<String> suspendedStrategies() {
        return Set.copyOf(suspended);
    }

    /** Entry size multiplier in percent: the ramp step, capped in WARNING, zero in CRITICAL and EMERGENCY. */
    public int sizeMultiplierPct() {
        int ramp = t.rampPct().get(rampStep);
        return switch (tier) {
            case NORMAL -> ramp;
            case WARNING -> Math.min(ramp, t.warningSizePct());
            case CRITICAL, EMERGENCY -> 0;
        };
    }

    public Tier tier() {
        return tier;
    }

    public String reason() {
        return reason;
    }

    public long sinceMs() {
        return sinceMs;
    }

    public long peakE8() {
        return peakE8;
    }

    public long dayStartE8() {
        return dayStartE8;
    }

    public int drawdownBps() {
        return lastDrawdownBps;
    }

    public int dailyLossBps() {
        return lastDailyLossBps;
    }

    /** The thresholds as configured (see {@link #effectiveThresholds()} for those in effect). */
    public BreakerThresholds thresholds() {
        return t;
    }

    /** The volatility regime of the last evaluation (UNKNOWN before the first). */
    public Regime regime() {
        return regime;
    }

    /** The thresholds in effect in that regime. */
    public BreakerThresholds effectiveThresholds() {
        return effective;
    }

    /** Recent transitions, oldest first (at most the last 1000). */
    public List<Transition> transitions() {
        return new ArrayList<>(transitions);
    }

    /** Exports the whole state as one record. */
    public BreakerRecord export() {
        return new BreakerRecord(tier.name(), reason, sinceMs, peakE8, dayStartE8, dayEpochDay, manualLatch,
                rampStep, rampSinceMs, clearSinceMs, Map.copyOf(strategyPeaks), Set.copyOf(suspended), transitionSeq);
    }

    /**
     * Rebuilds a breaker from an exported record. A missing, unknown or inconsistent record never yields
     * a laxer breaker: it starts in CRITICAL (latched until a manual reset).
     */
    public static CircuitBreaker restore(BreakerThresholds thresholds, BreakerRecord r, long equityE8, long nowMs) {
        Optional<String> problem = validate(r, thresholds);
        if (problem.isPresent()) {
            return strict(thresholds, "state not restorable (" + problem.get() + "): starting strict", equityE8, nowMs);
        }
        CircuitBreaker b = new CircuitBreaker(thresholds, equityE8, nowMs);
        b.tier = Tier.valueOf(r.tier());
        b.reason = r.reason();
        b.sinceMs = r.sinceMs();
        b.peakE8 = r.peakE8();
        b.dayStartE8 = r.dayStartE8();
        b.dayEpochDay = r.dayEpochDay();
        b.dayStartMs = Long.MAX_VALUE; // the saved day may not be today's: the next evaluation works it out
        b.nextDayStartMs = 0;
        b.manualLatch = r.manualLatch();
        b.rampStep = Math.min(r.rampStep(), thresholds.rampPct().size() - 1); // a longer ramp saved: its last step
        b.rampSinceMs = r.rampSinceMs();
        b.clearSinceMs = r.clearSinceMs();
        b.strategyPeaks.putAll(r.strategyPeaksE8());
        b.suspended.addAll(r.suspendedStrategies());
        b.transitionSeq = r.transitionSeq();
        return b;
    }

    /** A breaker that starts CRITICAL, latched until a manual reset, for a state that is missing or unknown. */
    public static CircuitBreaker strict(BreakerThresholds thresholds, String reason, long equityE8, long nowMs) {
        CircuitBreaker b = new CircuitBreaker(thresholds, equityE8, nowMs);
        b.manualLatch = true;
        b.move(Tier.CRITICAL, reason, nowMs);
        return b;
    }

    /** Puts back the transitions kept before a restart (oldest first), so watchers and status see the history. */
    public void restoreHistory(List<Transition> history) {
        for (Transition t : history) {
            transitions.addLast(t);
            if (transitions.size() > MAX_TRANSITIONS) {
                transitions.removeFirst();
            }
        }
    }

    /** Raises the equity peak to at least this (a peak read back from the equity curve); never lowers it. */
    public void raisePeak(long peakE8) {
        this.peakE8 = Math.max(this.peakE8, peakE8);
    }

    /** Records the current equity without judging it (before a manual reset re-bases at it). */
    public void noteEquity(long equityE8) {
        this.lastEquityE8 = equityE8;
    }

    private static Optional<String> validate(BreakerRecord r, BreakerThresholds t) {
        if (r == null) {
            return Optional.of("no record");
        }
        if (r.tier() == null || java.util.Arrays.stream(Tier.values()).noneMatch(x -> x.name().equals(r.tier()))) {
            return Optional.of("unknown tier " + r.tier());
        }
        if (r.peakE8() <= 0 || r.dayStartE8() <= 0) {
            return Optional.of("non-positive equity figures");
        }
        if (r.rampStep() < 0) {
            return Optional.of("ramp step out of range");
        }
        if (r.strategyPeaksE8() == null || r.suspendedStrategies() == null || r.reason() == null) {
            return Optional.of("missing fields");
        }
        return Optional.empty();
    }

    /** The strictest tier whose trigger is met now (the hot path: no strings). */
    private Tier targetTier(Conditions c) {
        if (lastDrawdownBps >= effective.emergencyDrawdownBps()) {
            return Tier.EMERGENCY;
        }
        if (lastDrawdownBps >= effective.criticalDrawdownBps() || lastDailyLossBps >= effective.criticalDailyLossBps()
                || c.heldMarketDataStale() || c.execQuality() == ExecQuality.BAD) {
            return Tier.CRITICAL;
        }
        if (lastDrawdownBps >= effective.warnDrawdownBps() || lastDailyLossBps >= effective.warnDailyLossBps()
                || c.execQuality() == ExecQuality.DEGRADED) {
            return Tier.WARNING;
        }
        return Tier.NORMAL;
    }

    /**
     * Why the target tier is what it is, with the figures; built only when the tier changes. A threshold the volatility
     * regime scales names the regime, the configured threshold and the scale.
     */
    private String reason(Tier target, Conditions c) {
        String dd = "drawdown " + pct(lastDrawdownBps);
        String dl = "daily loss " + pct(lastDailyLossBps);
        return switch (target) {
            case EMERGENCY -> dd + " >= " + limit(effective.emergencyDrawdownBps(), t.emergencyDrawdownBps());
            case CRITICAL -> lastDrawdownBps >= effective.criticalDrawdownBps()
                    ? dd + " >= " + limit(effective.criticalDrawdownBps(), t.criticalDrawdownBps())
                    : lastDailyLossBps >= effective.criticalDailyLossBps()
                    ? dl + " >= " + limit(effective.criticalDailyLossBps(), t.criticalDailyLossBps())
                    : c.heldMarketDataStale() ? "market data stale for a held symbol" : "execution quality bad";
            case WARNING -> lastDrawdownBps >= effective.warnDrawdownBps()
                    ? dd + " >= " + limit(effective.warnDrawdownBps(), t.warnDrawdownBps())
                    : lastDailyLossBps >= effective.warnDailyLossBps()
                    ? dl + " >= " + limit(effective.warnDailyLossBps(), t.warnDailyLossBps())
                    : "execution quality degraded";
            case NORMAL -> dd + ", " + dl + ": within limits" + regimeNote("thresholds");
        };
    }

    /** A threshold in effect, e.g. "2.40%", or "2.40% (LOW volatility: 3.00% x 80%)" when the regime scales it. */
    private String limit(int effectiveBps, int configuredBps) {
        return pct(effectiveBps) + regimeNote(pct(configuredBps));
    }

    /** " (REGIME volatility: what x scale%)" when the regime's scale is not 100 %, else nothing. */
    private String regimeNote(String what) {
        int scale = t.volatilityScales().pct(regime);
        return scale == VolatilityScales.DEFAULT_PCT ? "" : " (" + regime + " volatility: " + what + " x " + scale + "%)";
    }

    private Transition move(Tier to, String why, long nowMs) {
        Transition tr = new Transition(++transitionSeq, tier, to, why, lastDrawdownBps, lastDailyLossBps,
                lastEquityE8, peakE8, nowMs);
        tier = to;
        reason = why;
        sinceMs = nowMs;
        transitions.addLast(tr);
        if (transitions.size() > MAX_TRANSITIONS) {
            transitions.removeFirst();
        }
        return tr;
    }

    private void advanceRamp(long nowMs) {
        if (rampStep < t.rampPct().size() - 1 && tier.ordinal() <= Tier.WARNING.ordinal()
                && nowMs - rampSinceMs >= t.rampStepMs()) {
            rampStep++;
            rampSinceMs = nowMs;
        }
    }

    private void rollDay(long equityE8, long nowMs) {
        if (nowMs >= dayStartMs && nowMs < nextDayStartMs) {
            return; // within the day last seen (the zone's rules were applied when it began)
        }
        long day = Instant.ofEpochMilli(nowMs).atZone(t.tradingDayZone()).toLocalDate().toEpochDay();
        dayStartMs = java.time.LocalDate.ofEpochDay(day).atStartOfDay(t.tradingDayZone()).toInstant().toEpochMilli();
        nextDayStartMs = java.time.LocalDate.ofEpochDay(day + 1).atStartOfDay(t.tradingDayZone()).toInstant()
                .toEpochMilli();
        if (day != dayEpochDay) {
            dayEpochDay = day;
            dayStartE8 = equityE8;
        }
    }

    /**
     * The earliest time after {@code afterMs} at which {@link #evaluate} could change something with the same equity
     * and conditions: the next trading day (daily loss is measured afresh), the next ramp step, or the end of the
     * cool-down of a tier whose trigger has cleared; Long.MAX_VALUE when none is pending. Any new figure is evaluated
     * when it comes, so between such inputs an evaluation at any other time changes nothing.
     */
    public long nextDueMs(long afterMs) {
        long due = Long.MAX_VALUE;
        if (nextDayStartMs > afterMs) {
            due = nextDayStartMs;
        }
        if (rampStep < t.rampPct().size() - 1 && tier.ordinal() <= Tier.WARNING.ordinal()) {
            due = earliestAfter(due, rampSinceMs + t.rampStepMs(), afterMs);
        }
        if (tier != Tier.NORMAL && tier != Tier.EMERGENCY && !manualLatch && clearSinceMs != 0) {
            due = earliestAfter(due, clearSinceMs + t.cooldownMs(), afterMs);
        }
        return due;
    }

    /** The earlier of {@code due} and {@code candidate}, counting the candidate only when it is after {@code afterMs}. */
    public static long earliestAfter(long due, long candidate, long afterMs) {
        return candidate > afterMs && candidate < due ? candidate : due;
    }

    /**
     * Loss from a reference to a value, in basis points, floored at 0 (rounded down), computed exactly; a loss
     * beyond Integer.MAX_VALUE bps (a value far below zero) is reported as Integer.MAX_VALUE, above every threshold.
     */
    static int lossBps(long referenceE8, long valueE8) {
        if (referenceE8 <= 0 || valueE8 >= referenceE8) {
            return 0;
        }
        if (valueE8 >= 0 && referenceE8 - valueE8 <= Long.MAX_VALUE / 10_000) { // exact in a long (any real book)
            return (int) Math.min(Integer.MAX_VALUE, (referenceE8 - valueE8) * 10_000 / referenceE8);
        }
        java.math.BigInteger bps = java.math.BigInteger.valueOf(referenceE8).subtract(java.math.BigInteger.valueOf(valueE8))
                .multiply(java.math.BigInteger.valueOf(10_000)).divide(java.math.BigInteger.valueOf(referenceE8));
        return bps.min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }

    static String pct(int bps) {
        return memesnipe.model.money.Bps.pctSign(bps);
    }
}
