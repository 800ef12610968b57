package memesnipe.gateway.validation;

import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.model.event.MarketSignal;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks raw market events against {@link ValidationLimits} and counts the outcome per reason: ticks (price, volume,
 * liquidity, deviation) and signals (each kind's ranges, {@link SignalChecks}), both for symbol and event time. The deviation
 * check compares with the symbol's last accepted price; so that a genuine repricing cannot lock a symbol
 * out forever, {@value #REANCHOR_AFTER} consecutive deviating ticks that agree with each other re-anchor it.
 * Pure: time comes in as an argument. Not thread-safe: one owner.
 */
public final class TickValidator {
    /** Consecutive, mutually consistent deviating ticks after which the next one is accepted. */
    public static final int REANCHOR_AFTER = 5;
    /** Symbols as the rest of the system accepts them (see memesnipe.model.text.Identifiers). */

    private final ValidationLimits limits;
    private final LotExponents lots;
    private final Map<String, SymbolState> symbols = new HashMap<>();
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private long in;
    private long accepted;

    public TickValidator(ValidationLimits limits) {
        this(limits, LotExponents.NONE);
    }

    /** Range checks of price and volume are made per lot of the symbol, as the events will carry them. */
    public TickValidator(ValidationLimits limits, LotExponents lots) {
        this.limits = limits;
        this.lots = lots;
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, 0L);
        }
    }

    /** Empty when the tick is accepted (and becomes the symbol's reference price), else the reason. */
    public Optional<RejectReason> validate(RawTick tick, long nowMs) {
        return counted(check(tick, nowMs));
    }

    /** Empty when the signal is accepted, else the reason. */
    public Optional<RejectReason> validate(MarketSignal signal, long nowMs) {
        RejectReason reason = !memesnipe.model.text.Identifiers.isSymbol(signal.symbol()) ? RejectReason.INVALID_SYMBOL
                : timeProblem(signal.eventTimeMs(), nowMs);
        return counted(reason != null ? reason : SignalChecks.check(signal, lots));
    }

    /** Either kind of raw event. */
    public Optional<RejectReason> validate(FeedEvent event, long nowMs) {
        return event instanceof RawTick t ? validate(t, nowMs) : validate(((RawSignal) event).signal(), nowMs);
    }

    private Optional<RejectReason> counted(RejectReason reason) {
        in++;
        if (reason == null) {
            accepted++;
            return Optional.empty();
        }
        rejected.merge(reason, 1L, Long::sum);
        return Optional.of(reason);
    }

    private RejectReason check(RawTick t, long nowMs) {
        if (!memesnipe.model.text.Identifiers.isSymbol(t.symbol())) {
            return RejectReason.INVALID_SYMBOL;
        }
        if (!Double.isFinite(t.price())) {
            return RejectReason.NON_FINITE_PRICE;
        }
        double unitsPerLot = memesnipe.model.money.Lot.unitsPerLot(lots.of(t.symbol()));
        double lotPrice = t.price() * unitsPerLot;
        if (t.price() <= 0 || Math.round(lotPrice * 1e8) <= 0) {
            return RejectReason.NON_POSITIVE_PRICE;
        }
        if (!(t.volume() >= 0)) {
            return RejectReason.NEGATIVE_VOLUME;
        }
        if (!fitsE8(lotPrice) || !fitsE8(t.volume() / unitsPerLot) || !fitsE8(t.liquidityUsd())) {
            return RejectReason.AMOUNT_OUT_OF_RANGE; // at scale 1e8 it would not fit the wire's int64
        }
        RejectReason late = timeProblem(t.eventTimeMs(), nowMs);
        if (late != null) {
            return late;
        }
        if (!(t.liquidityUsd() >= limits.minLiquidityUsd())) {
            return RejectReason.LOW_LIQUIDITY;
        }
        return checkDeviation(symbols.computeIfAbsent(t.symbol(), s -> new SymbolState()), t.price());
    }

    /** STALE or FUTURE_TIMESTAMP for an event time too far from now, else null (compared without overflow). */
    private RejectReason timeProblem(long eventTimeMs, long nowMs) {
        if (eventTimeMs < nowMs && nowMs - eventTimeMs > limits.maxAgeMs() || eventTimeMs < 0) {
            return RejectReason.STALE;
        }
        if (eventTimeMs > nowMs && eventTimeMs - nowMs > limits.maxFutureMs()) {
            return RejectReason.FUTURE_TIMESTAMP;
        }
        return null;
    }

    /** Whether a value (or NaN, checked elsewhere) converts to scale e8 without leaving the long range. */
    private static boolean fitsE8(double value) {
        return !(Math.abs(value) * 1e8 >= 0x1p63);
    }

    private RejectReason checkDeviation(SymbolState s, double price) {
        if (s.lastAccepted == 0 || !deviates(s.lastAccepted, price)) {
            s.accept(price);
            return null;
        }
        s.streak = s.streak > 0 && !deviates(s.lastDeviating, price) ? s.streak + 1 : 1;
        s.lastDeviating = price;
        if (s.streak > REANCHOR_AFTER) {
            s.accept(price);
            return null;
        }
        return RejectReason.PRICE_DEVIATION;
    }

    private boolean deviates(double reference, double price) {
        return Math.abs(price - reference) * 100.0 > limits.maxDeviationPct() * reference;
    }

    public long eventsIn() {
        return in;
    }

    public long eventsAccepted() {
        return accepted;
    }

    public long eventsRejected() {
        return in - accepted;
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason);
    }

    /** Count per reason, every reason present. */
    public Map<RejectReason, Long> rejectedByReason() {
        return new EnumMap<>(rejected);
    }

    /** Per-symbol reference state for the deviation check. */
    private static final class SymbolState {
        double lastAccepted;
        double lastDeviating;
        int streak;

        void accept(double price) {
            lastAccepted = price;
            streak = 0;
        }
    }
}
