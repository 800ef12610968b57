package memesnipe.gateway.feed.sim;

import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;

import java.util.List;

/**
 * Dev wallets draining their tokens into exchanges (the dev_wallet_drain scenario): three tokens (TOAD, MEOW, BORK,
 * each 0.0006 volatility per square root of a second) on a 1 s step.
 *
 * <p>Each token repeats a cycle: idle for a random time (exponential, mean {@code meanIdle}, 10 min by default, at
 * least 3 min), then its dev wallet, holding a uniform {@code minHolding..maxHolding} share of supply (1,200..3,000
 * bps), sells it in chunks: DEV&rarr;EXCHANGE {@link WalletTransfer}s of {@code minChunk..maxChunk} bps (300..700)
 * every {@code minGap..maxGap} (30..120 s), each with the dev's remaining share. The chunk that would leave less than
 * {@code 50 + maxResidual} bps instead sells down to a residual of 0..{@code maxResidual} bps (0..40): the dev is
 * drained. With probability {@code abort} (25 %) the dev stops after one or two chunks with supply left (a drain
 * that never completes). Every chunk moves the price down by {@code dropPerBps} of log price per bps sold (0.004 %:
 * a 500 bps chunk is −2 %) over the {@code drop} time after it (30 s). In both regimes: the same transfers, the same
 * drops. Planted: a completed drain is followed, once its last drop is over, by a rebound of {@code rebound} log
 * return (+6 %) over {@code reboundTime} (20 min). Not planted: no rebound. The next idle time starts when the
 * rebound time is over (or at the drop's end after an aborted drain). Unrelated whale transfers (UNKNOWN&rarr;
 * EXCHANGE, 5..50 bps, about one every 2 minutes per token) occur in both regimes and move nothing.
 */
public final class DevWalletSim extends ScenarioFeed {
    /** Largest remaining share (bps) the simulated drained dev keeps; the strategy's default drained level is 50. */
    private static final int DRAINED_BPS = 50;
    /** The shortest idle time between two drains of a token. */
    private static final long MIN_IDLE_MS = 180_000;
    /** Tokens moved per bps of supply, base units at scale 10^8 (a supply of 10^9 tokens). */
    private static final long AMOUNT_E8_PER_BPS = 10_000_000_000_000L;

    /** The model's figures (shares in bps of supply, durations in ms, price moves in log return). */
    public record Model(long meanIdleMs, int minHoldingBps, int maxHoldingBps, int minChunkBps, int maxChunkBps,
                        long minGapMs, long maxGapMs, int maxResidualBps, double abort, double dropPerBps,
                        long dropMs, double rebound, long reboundMs) {
        public Model {
            if (meanIdleMs <= 0 || minHoldingBps <= DRAINED_BPS + maxResidualBps || maxHoldingBps < minHoldingBps
                    || maxHoldingBps > 10_000 || minChunkBps <= 0 || maxChunkBps < minChunkBps || minGapMs < dropMs
                    || maxGapMs < minGapMs || maxResidualBps < 0 || maxResidualBps > DRAINED_BPS || abort < 0
                    || abort > 1 || dropPerBps < 0 || dropMs <= 0 || reboundMs <= 0) {
                throw new IllegalArgumentException("dev wallet model out of range: " + this);
            }
        }

        public static Model defaults() {
            return new Model(600_000, 1_200, 3_000, 300, 700, 30_000, 120_000, 40, 0.25, 0.00004, 30_000, 0.06,
                    1_200_000);
        }
    }

    /** The symbols simulated. */
    public static final List<String> SYMBOLS = List.of("TOAD", "MEOW", "BORK");

    /** Where a token is in its cycle; each phase ends at the token's next action time. */
    private enum Phase { IDLE, SELLING, LAST_DROP, REBOUND }

    private static final class Token {
        final String symbol;
        Phase phase = Phase.IDLE;
        long nextMs; // the next action: a drain's start, a chunk, the rebound's start or its end
        int holdingBps;
        int chunksBeforeAbort; // Integer.MAX_VALUE: the drain completes
        long nextWhaleMs;

        Token(String symbol) {
            this.symbol = symbol;
        }
    }

    private final boolean planted;
    private final Model m;
    private final Token[] tokens;
    private boolean started;

    public DevWalletSim(long seed, boolean planted) {
        this(seed, planted, Model.defaults());
    }

    public DevWalletSim(long seed, boolean planted, Model model) {
        super(seed, 1_000, List.of(new Asset("TOAD", 0.001, 0.0006), new Asset("MEOW", 0.02, 0.0006),
                new Asset("BORK", 0.5, 0.0006)));
        this.planted = planted;
        this.m = model;
        this.tokens = SYMBOLS.stream().map(Token::new).toArray(Token[]::new);
    }

    @Override
    protected void onStep(long timeMs) {
        if (!started) {
            started = true;
            for (Token k : tokens) {
                k.nextMs = timeMs + idle();
                k.nextWhaleMs = timeMs + whaleGap();
            }
        }
        for (Token k : tokens) {
            if (timeMs >= k.nextWhaleMs) {
                int bps = random.nextInt(5, 51);
                emit(new WalletTransfer(k.symbol, timeMs, "solana", WalletLabel.UNKNOWN, WalletLabel.EXCHANGE,
                        bps * AMOUNT_E8_PER_BPS, bps, random.nextInt(0, 200)));
                k.nextWhaleMs = timeMs + whaleGap();
            }
            if (timeMs >= k.nextMs) {
                act(k, timeMs);
            }
        }
    }

    private void act(Token k, long t) {
        switch (k.phase) {
            case IDLE -> {
                k.phase = Phase.SELLING;
                k.holdingBps = random.nextInt(m.minHoldingBps(), m.maxHoldingBps() + 1);
                k.chunksBeforeAbort = random.nextDouble() < m.abort() ? random.nextInt(1, 3) : Integer.MAX_VALUE;
                sellChunk(k, t);
            }
            case SELLING -> sellChunk(k, t);
            case LAST_DROP -> {
                if (planted) {
                    drift(k.symbol, m.rebound() / (m.reboundMs() / 1000.0), t + m.reboundMs());
                }
                k.phase = Phase.REBOUND;
                k.nextMs = t + m.reboundMs();
            }
            case REBOUND -> {
                k.phase = Phase.IDLE;
                k.nextMs = t + idle();
            }
        }
    }

    private void sellChunk(Token k, long t) {
        int chunk = random.nextInt(m.minChunkBps(), m.maxChunkBps() + 1);
        boolean last = k.holdingBps - chunk < DRAINED_BPS + m.maxResidualBps();
        if (last) {
            chunk = k.holdingBps - random.nextInt(0, m.maxResidualBps() + 1);
        }
        k.holdingBps -= chunk;
        emit(new WalletTransfer(k.symbol, t, "solana", WalletLabel.DEV, WalletLabel.EXCHANGE,
                chunk * AMOUNT_E8_PER_BPS, chunk, k.holdingBps));
        drift(k.symbol, -chunk * m.dropPerBps() / (m.dropMs() / 1000.0), t + m.dropMs());
        k.chunksBeforeAbort--;
        if (last) {
            k.phase = Phase.LAST_DROP;
            k.nextMs = t + m.dropMs();
        } else if (k.chunksBeforeAbort == 0) {
            k.phase = Phase.IDLE; // the dev stops selling with supply left
            k.nextMs = t + m.dropMs() + idle();
        } else {
            k.nextMs = t + random.nextLong(m.minGapMs(), m.maxGapMs() + 1);
        }
    }

    private long idle() {
        return Waits.exponential(random, m.meanIdleMs(), MIN_IDLE_MS);
    }

    private long whaleGap() {
        return random.nextLong(60_000, 180_001);
    }
}
