package memesnipe.strategy.core;

import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.RugFlag;
import memesnipe.model.event.RugRule;
import memesnipe.model.event.TokenRisk;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rug-pull sniffer, per token, long only: holds tokens whose risk report is clean and whose price shows short-term
 * momentum, and leaves a token at once when its {@link TokenRisk} facts flag it as a rug risk by {@link RugRule#DEFAULT}
 * (the rule risk applies too: risk then also flattens every strategy's position in the token and refuses entries in it).
 *
 * <p>A token's report is its latest fact (by event time); it is clean when the mint authority is revoked, the top-10
 * holders hold less than {@code cleanMaxTop10Bps} (default 3,000: 30 %) and no LP was removed, and it counts only
 * while at most {@code maxReportAge} (default 60 s) older than the tick (a silent source is no report). Prices are
 * sampled once per second (the second's last price); with {@code r} the return over {@code lookback} (default 60 s,
 * once that much history exists):
 * <ul>
 *   <li>ENTER_LONG on a tick when flat, the token not flagged (a flag holds for the rule's hold time, 24 h, whatever
 *   calmer facts follow), its report clean and fresh, and {@code r >= entryReturn} (default +0.2 %);</li>
 *   <li>EXIT_LONG at once when a fact flags the token (priced on the last tick seen, see {@link EventExits}), and on a
 *   tick once the position is {@code maxHold} old (default 30 min).</li>
 * </ul>
 * No entry within {@code coolDown} (default 5 s) of the token's previous signal. Entries carry a stop-loss of 500 bps,
 * no take-profit and no trailing stop by default.
 */
public final class RugPullSniffer implements Strategy {
    public static final String NAME = "rug_pull_sniffer";

    /** Tunable parameters; durations in milliseconds, returns as fractions (0.002 = 0.2 %). */
    public record Params(int cleanMaxTop10Bps, long maxReportAgeMs, long lookbackMs, double entryReturn, long maxHoldMs,
                         long coolDownMs, ExitBps exits) {
        public Params {
            if (cleanMaxTop10Bps < 0 || cleanMaxTop10Bps > 10_000 || maxReportAgeMs <= 0 || lookbackMs < SAMPLE_MS
                    || maxHoldMs <= 0 || coolDownMs < 0) {
                throw new IllegalArgumentException("need a concentration within 0..10000 bps, a positive report age "
                        + "and holding time, a lookback of at least 1 s and a cool-down >= 0");
            }
        }

        public static Params defaults() {
            return new Params(3_000, 60_000, 60_000, 0.002, 1_800_000, 5_000, new ExitBps(500, 0, 0));
        }
    }

    private static final long SAMPLE_MS = 1_000;
    private final Params p;
    private final int lookbackSamples;
    private final Arming arming;
    private final EventExits eventExits = new EventExits();
    private final Map<String, Token> tokens = new HashMap<>();

    /** What the strategy knows of one token. */
    private static final class Token {
        final SampleWindow prices;
        long reportMs = Long.MIN_VALUE;
        boolean clean;
        RugFlag flag;
        long enteredMs;

        Token(int samples) {
            prices = new SampleWindow(SAMPLE_MS, samples);
        }
    }

    public RugPullSniffer(Params params) {
        this.p = params;
        this.lookbackSamples = (int) (params.lookbackMs() / SAMPLE_MS);
        this.arming = new Arming(params.coolDownMs());
    }

    public RugPullSniffer() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        String symbol = tick.symbol();
        Token k = token(symbol);
        boolean exitDue = eventExits.onTick(tick);
        long now = tick.eventTimeMs();
        k.prices.add(now, tick.price());
        if (arming.isLong(symbol)) {
            if (exitDue) {
                RugFlag flag = k.flag;
                arming.exited(symbol, now);
                return List.of(Signal.exit(NAME, tick, () -> "flagged as a rug risk: " + flag.describe()));
            }
            long held = now - k.enteredMs;
            if (held >= p.maxHoldMs()) {
                arming.exited(symbol, now);
                eventExits.cancel(symbol);
                return List.of(Signal.exit(NAME, tick, () -> String.format(Locale.ROOT, "held %d s >= %d s",
                        held / 1000, p.maxHoldMs() / 1000)));
            }
            return List.of();
        }
        if (!k.clean || (k.flag != null && k.flag.holdsAt(now)) || now - k.reportMs > p.maxReportAgeMs()
                || k.prices.size() < lookbackSamples || arming.coolingDown(symbol, now)) {
            return List.of();
        }
        double r = tick.price() / k.prices.ago(lookbackSamples) - 1;
        if (r < p.entryReturn()) {
            return List.of();
        }
        arming.entered(symbol, now);
        eventExits.entered(tick);
        k.enteredMs = now;
        long reportAge = now - k.reportMs;
        return List.of(Signal.enter(NAME, tick, () -> String.format(Locale.ROOT,
                "clean risk report %d s old; %d s return %.3f%% >= %.3f%%", reportAge / 1000, p.lookbackMs() / 1000,
                r * 100, p.entryReturn() * 100), p.exits()));
    }

    @Override
    public List<Signal> onEvent(MarketSignal event) {
        if (!(event instanceof TokenRisk fact)) {
            return List.of();
        }
        String symbol = fact.symbol();
        Token k = token(symbol);
        if (fact.eventTimeMs() >= k.reportMs) {
            k.reportMs = fact.eventTimeMs();
            k.clean = !fact.mintAuthorityActive() && fact.top10HoldersBps() < p.cleanMaxTop10Bps()
                    && fact.lpRemovedBps() == 0;
        }
        Optional<RugFlag> raised = RugRule.DEFAULT.flag(fact);
        if (raised.isEmpty()) {
            return List.of();
        }
        RugFlag flag = raised.get();
        if (k.flag == null || flag.untilMs() >= k.flag.untilMs()) {
            k.flag = flag;
        }
        if (!arming.isLong(symbol)) {
            return List.of();
        }
        Tick at = eventExits.exitTick(symbol);
        if (at == null) {
            return List.of(); // on the token's next tick
        }
        arming.exited(symbol, at.eventTimeMs());
        return List.of(Signal.exit(NAME, at, () -> "flagged as a rug risk: " + flag.describe()));
    }

    @Override
    public void onRejected(String symbol) {
        arming.rejected(symbol);
        eventExits.cancel(symbol);
    }

    private Token token(String symbol) {
        Token k = tokens.get(symbol); // not computeIfAbsent: its lambda would be made on every tick
        if (k == null) {
            k = new Token(lookbackSamples + 1);
            tokens.put(symbol, k);
        }
        return k;
    }
}
