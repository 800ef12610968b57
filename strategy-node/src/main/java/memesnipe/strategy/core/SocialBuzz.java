package memesnipe.strategy.core;

import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.SocialMentions;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Social buzz: buys a burst of positive social mentions of a symbol, long only.
 *
 * <p>Per symbol and source the strategy keeps a baseline of mentions per minute: an exponential mean of the source's
 * reports ({@link SocialMentions}) with weight {@code 2 / (baselineReports + 1)} (default 30 reports), usable once
 * {@code minReports} (default 10) are in. A report older than the source's previous one is ignored. A report is a
 * burst when, against the baseline before it,
 * <ul>
 *   <li>its mentions per minute are at least {@code burstRatio} (default 3) times the baseline and at least
 *   {@code minPerMinute} (default 10), and</li>
 *   <li>its sentiment is at least {@code minSentiment} (default +0.3).</li>
 * </ul>
 * A burst is priced on the symbol's next tick: ENTER_LONG when flat, not cooling down, and the report is at most
 * {@code maxAgeMs} (default 60 s) older than that tick (an older count is stale: dropped). While long, EXIT_LONG on
 * the first tick at or after entry + {@code holdMs} (default 10 minutes: the time stop), or on the first tick after a
 * report of the symbol (any source, any age: leaving is never the risky move) whose sentiment is below
 * {@code exitSentiment} (default −0.2); such a report also cancels a burst not yet entered. No entry for a symbol
 * within {@code coolDown} (default 60 s) of its previous signal (exits do not wait; a burst waits, if still fresh).
 * Entries carry stop-loss 300 bps, no take-profit, no trailing stop by default.
 */
public final class SocialBuzz implements Strategy {
    public static final String NAME = "social_buzz";
    private static final long NONE = Long.MIN_VALUE;

    /** Tunable parameters; durations in milliseconds, sentiments as fractions in [-1, 1]. */
    public record Params(double burstRatio, double minPerMinute, double minSentiment, int baselineReports,
                         int minReports, long maxAgeMs, long holdMs, double exitSentiment, long coolDownMs,
                         ExitBps exits) {
        public Params {
            if (!(burstRatio > 1) || !(minPerMinute >= 0) || baselineReports < 1 || minReports < 1 || maxAgeMs < 0
                    || holdMs <= 0 || coolDownMs < 0 || !(minSentiment >= -1 && minSentiment <= 1)
                    || !(exitSentiment >= -1 && exitSentiment < minSentiment)) {
                throw new IllegalArgumentException("need burst ratio > 1, min per minute >= 0, baseline and min reports"
                        + " >= 1, non-negative ages and cool-down, a positive hold, and -1 <= exit sentiment < min"
                        + " sentiment <= 1");
            }
        }

        public static Params defaults() {
            return new Params(3.0, 10, 0.3, 30, 10, 60_000, 600_000, -0.2, 60_000, new ExitBps(300, 0, 0));
        }

        public Params withBurst(double ratio, long hold) {
            return new Params(ratio, minPerMinute, minSentiment, baselineReports, minReports, maxAgeMs, hold,
                    exitSentiment, coolDownMs, exits);
        }
    }

    private final Params p;
    private final Arming arming;
    /** Baselines by symbol and source ("symbol\0source"). */
    private final Map<String, Baseline> baselines = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();

    /** A source's mentions per minute, smoothed. */
    private static final class Baseline {
        double perMinute;
        int reports;
        long lastEventMs = NONE;
    }

    /** What a symbol's next tick acts on: a burst to enter, a sentiment turn to exit, and the time stop. */
    private static final class Pending {
        long burstAtMs = NONE;
        double burstPerMinute;
        double burstBaseline;
        double burstSentiment;
        boolean turnedNegative;
        double negativeSentiment;
        long enteredAtMs;
    }

    public SocialBuzz(Params params) {
        this.p = params;
        this.arming = new Arming(params.coolDownMs());
    }

    public SocialBuzz() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onEvent(MarketSignal event) {
        if (!(event instanceof SocialMentions m)) {
            return List.of();
        }
        Baseline b = baselines.computeIfAbsent(m.symbol() + '\u0000' + m.source(), k -> new Baseline());
        if (b.lastEventMs != NONE && m.eventTimeMs() < b.lastEventMs) {
            return List.of(); // out of order: the baseline has moved past it
        }
        b.lastEventMs = m.eventTimeMs();
        Pending s = pending.computeIfAbsent(m.symbol(), k -> new Pending());
        double perMinute = m.perMinute();
        if (m.sentiment() < p.exitSentiment()) {
            s.burstAtMs = NONE;
            s.turnedNegative = true;
            s.negativeSentiment = m.sentiment();
        } else if (b.reports >= p.minReports() && perMinute >= p.minPerMinute()
                && perMinute >= p.burstRatio() * b.perMinute && m.sentiment() >= p.minSentiment()) {
            s.burstAtMs = m.eventTimeMs();
            s.burstPerMinute = perMinute;
            s.burstBaseline = b.perMinute;
            s.burstSentiment = m.sentiment();
        }
        double weight = b.reports == 0 ? 1 : 2.0 / (p.baselineReports() + 1);
        b.perMinute += weight * (perMinute - b.perMinute);
        b.reports++;
        return List.of(); // signals are priced on the symbol's next tick
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        Pending s = pending.get(tick.symbol());
        if (s == null) {
            return List.of(); // no report of this symbol yet
        }
        String symbol = tick.symbol();
        long now = tick.eventTimeMs();
        if (arming.isLong(symbol)) {
            long held = now - s.enteredAtMs;
            if (s.turnedNegative || held >= p.holdMs()) {
                boolean turned = s.turnedNegative;
                double sentiment = s.negativeSentiment;
                s.turnedNegative = false;
                arming.exited(symbol, now);
                return List.of(Signal.exit(NAME, tick, () -> turned
                        ? String.format(Locale.ROOT, "sentiment turned to %.2f < %.2f", sentiment, p.exitSentiment())
                        : String.format(Locale.ROOT, "time stop: held %d s >= %d s", held / 1000, p.holdMs() / 1000)));
            }
            return List.of();
        }
        s.turnedNegative = false; // a turn while flat has nothing to exit
        if (s.burstAtMs == NONE || arming.coolingDown(symbol, now)) {
            return List.of();
        }
        long age = now - s.burstAtMs;
        s.burstAtMs = NONE; // acted on or dropped: one tick decides
        if (age > p.maxAgeMs()) {
            return List.of();
        }
        double perMinute = s.burstPerMinute;
        double baseline = s.burstBaseline;
        double sentiment = s.burstSentiment;
        s.enteredAtMs = now;
        arming.entered(symbol, now);
        return List.of(Signal.enter(NAME, tick, () -> String.format(Locale.ROOT,
                "%.1f mentions/min >= %.1f x baseline %.1f, sentiment %.2f >= %.2f, count %d ms old",
                perMinute, p.burstRatio(), baseline, sentiment, p.minSentiment(), age), p.exits()));
    }

    @Override
    public void onRejected(String symbol) {
        arming.rejected(symbol);
    }
}
