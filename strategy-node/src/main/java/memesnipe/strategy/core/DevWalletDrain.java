package memesnipe.strategy.core;

import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A token's dev wallet selling to an exchange, per symbol, long only: out of the way while the dev sells, in for the
 * rebound once the dev has nothing left to sell.
 *
 * <p>Only {@link WalletTransfer}s from a {@link WalletLabel#DEV} wallet to an {@link WalletLabel#EXCHANGE} count
 * (other transfers are ignored); {@code senderRemainingBps} is what the dev holds after one. A <em>threat</em> is
 * such a transfer of at least {@code threatBps} of supply (default 100 bps = 1 %).
 * <ul>
 *   <li>A threat while long: EXIT_LONG at once, on the last tick seen.</li>
 *   <li>A threat starts a drain episode unless one is open. Its reference price is the symbol's last tick before
 *       that threat, if at most {@code refMaxAge} (default 60 s) older than it; else the episode has none and
 *       cannot lead to an entry (missing or stale price). The episode stays open while transfers follow each other
 *       within {@code quarantine} (default 15 min), each adding its share to the sold total; while it is open the
 *       symbol is quarantined: no entry.</li>
 *   <li>A transfer that leaves the dev at most {@code drainedBps} (default 50 bps) ends the episode: the overhang
 *       is gone, and the rebound entry is armed for {@code entryWindow} (default 5 min). A transfer that leaves the
 *       dev more drops an armed rebound.</li>
 *   <li>ENTER_LONG on a tick within the entry window when flat and its price is at least {@code minDrop} (default
 *       5 %) below the reference. A window that runs out without that drop lapses with no entry (a stale drain is
 *       not traded).</li>
 *   <li>EXIT_LONG on the first tick at least {@code hold} (default 20 min) after the entry (time stop).</li>
 * </ul>
 * No signal for a symbol within {@code coolDown} (default 3 s) of its previous one. Entries carry stop-loss
 * 500 bps and take-profit 1000 bps by default, no trailing stop.
 */
public final class DevWalletDrain implements Strategy {
    public static final String NAME = "dev_wallet_drain";

    /** Tunable parameters; shares in bps of supply, durations in milliseconds, the drop as a fraction (0.05 = 5 %). */
    public record Params(int threatBps, int drainedBps, double minDrop, long refMaxAgeMs, long quarantineMs,
                         long entryWindowMs, long holdMs, long coolDownMs, ExitBps exits) {
        public Params {
            if (threatBps <= 0 || drainedBps < 0 || minDrop < 0 || minDrop >= 1 || refMaxAgeMs <= 0
                    || quarantineMs <= 0 || entryWindowMs <= 0 || holdMs <= 0 || coolDownMs < 0) {
                throw new IllegalArgumentException("dev_wallet_drain parameters out of range: " + this);
            }
        }

        public static Params defaults() {
            return new Params(100, 50, 0.05, 60_000, 900_000, 300_000, 1_200_000, 3_000, new ExitBps(500, 1000, 0));
        }

        public Params withEntry(double minDrop, long holdMs) {
            return new Params(threatBps, drainedBps, minDrop, refMaxAgeMs, quarantineMs, entryWindowMs, holdMs,
                    coolDownMs, exits);
        }
    }

    /** A symbol's drain in progress: from its first threat until the dev is drained or its quarantine ends. */
    private static final class Episode {
        boolean open;
        double refPrice; // NaN: no fresh price before the first threat
        int soldBps;
        long lastTransferMs;
    }

    /** A completed drain arming the rebound entry, with its figures. */
    private record Drained(double refPrice, int soldBps, int remainingBps, long atMs) {
    }

    private final Params p;
    private final EventBook<Drained> book;
    private final Map<String, Episode> episodes = new HashMap<>();

    public DevWalletDrain(Params params) {
        this.p = params;
        this.book = new EventBook<>(NAME, params.coolDownMs());
    }

    public DevWalletDrain() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onEvent(MarketSignal event) {
        if (!(event instanceof WalletTransfer w) || w.from() != WalletLabel.DEV || w.to() != WalletLabel.EXCHANGE) {
            return List.of();
        }
        String symbol = w.symbol();
        long t = w.eventTimeMs();
        int moved = w.supplyBps();
        boolean threat = moved >= p.threatBps();
        int left = w.senderRemainingBps();
        if (left > p.drainedBps()) {
            book.disarm(symbol); // the dev holds supply again: the overhang is back
        }
        Episode e = episodes.get(symbol);
        boolean open = e != null && e.open && t - e.lastTransferMs <= p.quarantineMs();
        if (!open && !threat) {
            return List.of(); // a small transfer outside an episode starts nothing
        }
        if (!open) {
            if (e == null) {
                e = new Episode();
                episodes.put(symbol, e);
            }
            Tick before = book.last(symbol);
            e.open = true;
            e.refPrice = before != null && t - before.eventTimeMs() <= p.refMaxAgeMs() ? before.price() : Double.NaN;
            e.soldBps = 0;
        }
        e.soldBps += moved;
        e.lastTransferMs = t;
        if (left <= p.drainedBps()) {
            e.open = false; // the overhang is gone: the quarantine ends
            if (!Double.isNaN(e.refPrice)) {
                book.arm(symbol, t, new Drained(e.refPrice, e.soldBps, left, t));
            }
        }
        if (!threat) {
            return List.of();
        }
        return book.exitNow(symbol, t, () -> String.format(Locale.ROOT,
                "dev wallet moved %d bps of supply to an exchange (>= %d), %d bps left", moved, p.threatBps(), left));
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        book.saw(tick);
        if (book.isLong(tick.symbol())) {
            return book.exitIfHeld(tick, p.holdMs());
        }
        Drained d = book.armed(tick, p.entryWindowMs());
        if (d == null) {
            return List.of();
        }
        double drop = 1 - tick.price() / d.refPrice();
        if (drop < p.minDrop()) {
            return List.of();
        }
        long since = tick.eventTimeMs() - d.atMs();
        return book.enter(tick, () -> String.format(Locale.ROOT,
                "dev wallet drained (sold %d bps, %d bps left <= %d) %d s ago; price %.3f%% below %.8f before the "
                        + "drain (>= %.3f%%)", d.soldBps(), d.remainingBps(), p.drainedBps(), since / 1000, drop * 100,
                d.refPrice(), p.minDrop() * 100), p.exits());
    }

    @Override
    public void onRejected(String symbol) {
        book.rejected(symbol);
    }
}
