package memesnipe.strategy.core;

import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Airdrop rotation, per token, long only: buys a token after its airdrop is announced (holders at the snapshot
 * qualify, which draws buyers) and sells it just before the snapshot, never holding into the claim opening (when the
 * airdropped tokens can be sold); its capital rotates to the next announced token.
 *
 * <p>From a token's AIRDROP_ANNOUNCED event (the latest announcement of a token replaces an earlier one):
 * <ul>
 *   <li>ENTER_LONG on a tick of the token at or after the announcement when flat in it, fewer than {@code maxHeld}
 *   tokens (default 3) are held, the snapshot is still at least {@code minTimeToSnapshot} away (default 10 min) and
 *   the announcement at most {@code maxAnnouncementAge} old (default 30 min: an older one is a stale source); once per
 *   announcement (again only after a rejected entry). While {@code maxHeld} tokens are held, later announcements wait
 *   and the first to tick once a slot frees takes it (the rotation);</li>
 *   <li>EXIT_LONG on the first tick at or after snapshot &minus; {@code exitLead} (default 60 s), and at the latest at
 *   once on the AIRDROP_SNAPSHOT or AIRDROP_CLAIM_OPEN event (priced on the last tick seen, see {@link EventExits}).</li>
 * </ul>
 * No signal within {@code coolDown} (default 5 s) of the token's previous one. Entries carry a stop-loss of 500 bps, no
 * take-profit and no trailing stop by default: the snapshot is the target.
 */
public final class AirdropRotation implements Strategy {
    public static final String NAME = "airdrop_rotation";

    /** Tunable parameters; durations in milliseconds. */
    public record Params(long minTimeToSnapshotMs, long exitLeadMs, long maxAnnouncementAgeMs, int maxHeld,
                         long coolDownMs, ExitBps exits) {
        public Params {
            if (minTimeToSnapshotMs <= exitLeadMs || exitLeadMs < 0 || maxAnnouncementAgeMs <= 0 || maxHeld < 1
                    || coolDownMs < 0) {
                throw new IllegalArgumentException("need 0 <= exit lead < min time to snapshot, a positive "
                        + "announcement age, at least one token held and a cool-down >= 0");
            }
        }

        public static Params defaults() {
            return new Params(600_000, 60_000, 1_800_000, 3, 5_000, new ExitBps(500, 0, 0));
        }
    }

    private final Params p;
    private final Arming arming;
    private final EventExits eventExits = new EventExits();
    /** The latest announced airdrop of each token, until its claim opens. */
    private final Map<String, Airdrop> airdrops = new HashMap<>();
    private int held;

    /** One announced airdrop: its schedule and whether the strategy took it. */
    private static final class Airdrop {
        final long announcedMs;
        final long snapshotMs;
        final long claimMs;
        boolean taken;

        Airdrop(TokenEvent e) {
            announcedMs = e.eventTimeMs();
            snapshotMs = e.snapshotTimeMs();
            claimMs = e.claimTimeMs();
        }
    }

    public AirdropRotation(Params params) {
        this.p = params;
        this.arming = new Arming(params.coolDownMs());
    }

    public AirdropRotation() {
        this(Params.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Signal> onTick(Tick tick) {
        String symbol = tick.symbol();
        boolean exitDue = eventExits.onTick(tick);
        Airdrop a = airdrops.get(symbol);
        long now = tick.eventTimeMs();
        if (arming.isLong(symbol)) {
            if (exitDue) {
                return exit(tick, () -> "the airdrop's snapshot or claim opening has come");
            }
            if (a == null || now >= a.snapshotMs - p.exitLeadMs()) {
                long toSnapshot = a == null ? 0 : a.snapshotMs - now;
                return exit(tick, () -> String.format(Locale.ROOT, "snapshot in %d s <= lead %d s", toSnapshot / 1000,
                        p.exitLeadMs() / 1000));
            }
            return List.of();
        }
        if (a == null || a.taken || now < a.announcedMs || held >= p.maxHeld() || arming.coolingDown(symbol, now)) {
            return List.of();
        }
        long toSnapshot = a.snapshotMs - now;
        long age = now - a.announcedMs;
        if (toSnapshot < p.minTimeToSnapshotMs() || age > p.maxAnnouncementAgeMs()) {
            return List.of();
        }
        a.taken = true;
        int heldNow = ++held;
        arming.entered(symbol, now);
        eventExits.entered(tick);
        return List.of(Signal.enter(NAME, tick, () -> String.format(Locale.ROOT,
                "airdrop announced %d s ago, snapshot in %d s >= %d s, %d of %d tokens held", age / 1000,
                toSnapshot / 1000, p.minTimeToSnapshotMs() / 1000, heldNow, p.maxHeld()), p.exits()));
    }

    @Override
    public List<Signal> onEvent(MarketSignal event) {
        if (!(event instanceof TokenEvent e)) {
            return List.of();
        }
        String symbol = e.symbol();
        if (e.eventKind() == TokenEventKind.AIRDROP_ANNOUNCED) {
            airdrops.put(symbol, new Airdrop(e));
            return List.of();
        }
        if (e.eventKind() == TokenEventKind.AIRDROP_CLAIM_OPEN) {
            airdrops.remove(symbol);
        }
        if (!arming.isLong(symbol)) {
            return List.of();
        }
        Tick at = eventExits.exitTick(symbol);
        if (at == null) {
            return List.of(); // on the token's next tick
        }
        TokenEventKind kind = e.eventKind();
        return exit(at, () -> kind == TokenEventKind.AIRDROP_SNAPSHOT ? "the airdrop's snapshot was taken"
                : "the airdrop's claims opened");
    }

    @Override
    public void onRejected(String symbol) {
        if (arming.isLong(symbol)) {
            held--;
            Airdrop a = airdrops.get(symbol);
            if (a != null) {
                a.taken = false; // it may try again after the cool-down
            }
        }
        arming.rejected(symbol);
        eventExits.cancel(symbol);
    }

    private List<Signal> exit(Tick tick, java.util.function.Supplier<String> reason) {
        arming.exited(tick.symbol(), tick.eventTimeMs());
        eventExits.cancel(tick.symbol());
        held--;
        return List.of(Signal.exit(NAME, tick, reason));
    }
}
