package memesnipe.gateway.replay;

import memesnipe.gateway.feed.Feed;
import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletTransfer;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays replay events back in file order, paced at {@code speed} times real time and re-timed to the caller's
 * clock: the first call's nowMs is the replay start, and an event of time t is due, and stamped, at
 * start + (t - t0) / speed, so the gateway's staleness check sees fresh events. Speed 0 means no pacing: each call
 * emits as many events as it is allowed, stamped nowMs. When the caller cannot take events as fast as they fall
 * due (its count per call is the cap), the replay is slowed down rather than letting events go stale or dropping
 * them: an event more than maxLagMs late moves the replay start on by the excess ({@link #slippedMs()}), so the
 * spacing of later events is kept. Ticks carry the file's liquidity when it has one (journal rows, JSON Lines trades),
 * else the configured one. A signal is re-timed as a tick is, and every time it holds (a token event's snapshot and
 * claim, a perp's next funding) moves with its event time, so its schedule stays as recorded. Pure and not
 * thread-safe: one owner.
 */
public final class ReplayFeed implements Feed {
    private final List<ReplayEvent> events;
    private final double speed;
    private final double liquidityUsd;
    private final long maxLagMs;
    private boolean started;
    private long startMs;
    private long t0;
    private int next;
    private long slippedMs;

    /** Progress as the status API shows it. */
    public record Progress(long emitted, long total, boolean done, long slippedMs) {
    }

    /**
     * @param events       in time order (as {@link ReplayFiles} returns them)
     * @param speed        multiple of real time, &gt; 0, or 0 for as fast as the caller takes them
     * @param liquidityUsd quoted liquidity of events whose file records none
     * @param maxLagMs     how late an event may be stamped before the replay is slowed down (keep it well below
     *                     the gateway's max-age-ms)
     */
    public ReplayFeed(List<ReplayEvent> events, double speed, double liquidityUsd, long maxLagMs) {
        if (!(speed >= 0) || Double.isInfinite(speed) || !(liquidityUsd >= 0) || maxLagMs < 0) {
            throw new IllegalArgumentException("need a finite speed >= 0, liquidity >= 0 and a lag >= 0");
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).eventTimeMs() < events.get(i - 1).eventTimeMs()) {
                throw new IllegalArgumentException("events out of time order at index " + i);
            }
        }
        this.events = List.copyOf(events);
        this.speed = speed;
        this.liquidityUsd = liquidityUsd;
        this.maxLagMs = maxLagMs;
    }

    @Override
    public List<FeedEvent> next(long nowMs, int count) {
        if (next >= events.size() || count <= 0) {
            return List.of();
        }
        if (!started) {
            started = true;
            startMs = nowMs;
            t0 = events.get(0).eventTimeMs();
        }
        List<FeedEvent> out = new ArrayList<>(Math.min(count, 64));
        while (out.size() < count && next < events.size()) {
            ReplayEvent e = events.get(next);
            long at = speed == 0 ? nowMs : due(e);
            if (at > nowMs) {
                break;
            }
            if (at < nowMs - maxLagMs) {
                long late = nowMs - maxLagMs - at;
                startMs += late;
                slippedMs += late;
                at += late;
            }
            if (e.isSignal()) {
                out.add(new RawSignal(shifted(e.signal(), at - e.eventTimeMs())));
            } else {
                double liquidity = e.liquidityUsd() != null ? e.liquidityUsd().doubleValue() : liquidityUsd;
                out.add(new RawTick(e.symbol(), e.priceDouble(), e.volumeDouble(), liquidity, at));
            }
            next++;
        }
        return out;
    }

    /** When an event is due on the caller's clock. */
    private long due(ReplayEvent e) {
        return startMs + (long) Math.floor((e.eventTimeMs() - t0) / speed);
    }

    /** The signal with its event time and every other time it holds moved by the same amount. */
    static MarketSignal shifted(MarketSignal s, long byMs) {
        if (byMs == 0) {
            return s;
        }
        long t = s.eventTimeMs() + byMs;
        if (s instanceof SocialMentions m) {
            return new SocialMentions(m.symbol(), t, m.mentions(), m.windowMs(), m.sentimentE4(), m.source());
        }
        if (s instanceof WalletTransfer w) {
            return new WalletTransfer(w.symbol(), t, w.chain(), w.from(), w.to(), w.amountE8(), w.supplyBps(),
                    w.senderRemainingBps());
        }
        if (s instanceof BridgeFlow b) {
            return new BridgeFlow(b.symbol(), t, b.sourceChain(), b.destinationChain(), b.asset(), b.usdE8());
        }
        if (s instanceof PoolChange p) {
            return new PoolChange(p.symbol(), t, p.pool(), p.venue(), p.liquidityChangeE8(), p.liquidityAfterE8(),
                    p.lpLock(), p.newPool());
        }
        if (s instanceof PerpFunding f) {
            return new PerpFunding(f.symbol(), t, f.perpMarkE8(), f.lotExponent(), f.fundingRateE8(),
                    f.nextFundingTimeMs() + byMs, f.fundingIntervalMs());
        }
        if (s instanceof TokenEvent e) {
            return new TokenEvent(e.symbol(), t, e.eventKind(), e.snapshotTimeMs() + byMs, e.claimTimeMs() + byMs);
        }
        TokenRisk r = (TokenRisk) s;
        return new TokenRisk(r.symbol(), t, r.mintAuthorityActive(), r.top10HoldersBps(), r.lpRemovedBps());
    }

    /** Events emitted so far. */
    public long emitted() {
        return next;
    }

    public int total() {
        return events.size();
    }

    /** Whether every event has been emitted. */
    public boolean done() {
        return next >= events.size();
    }

    /** How far the replay was slowed down because events could not be taken as fast as they fell due, ms. */
    public long slippedMs() {
        return slippedMs;
    }

    public Progress progress() {
        return new Progress(next, events.size(), done(), slippedMs);
    }
}
