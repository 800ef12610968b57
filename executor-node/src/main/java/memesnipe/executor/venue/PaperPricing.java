package memesnipe.executor.venue;

import memesnipe.model.money.AmountOverflow;
import memesnipe.model.money.Fixed;
import memesnipe.model.money.Lot;
import memesnipe.model.time.Clock;
import memesnipe.model.Side;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The paper venue's pricing: a market order fills at once at the current mark price plus slippage:
 * BUY pays mark + mark x slippage_bps, SELL gets mark - mark x slippage_bps (the slippage amount is
 * rounded toward zero at scale 1e8); the fee is fee_bps of the fill notional (qty x fill price).
 * A buy needs a mark no older than maxMarkAgeMs ("NO_PRICE" otherwise); a sell (an exit: positions are long) is
 * filled at the last mark whatever its age, as a real venue fills a market sell at the market, so an exit is never
 * refused because the feed is late. Without any mark there is no price. Every figure is
 * exact: an order whose fill price, notional or fee does not fit a long cannot fill ({@link OutOfRange}).
 * With a participation cap (participationBps &gt; 0) an order fills at most that share of the volume traded in the
 * symbol's market event it fills at (see below), the rest is not filled (immediate-or-cancel); with no traded volume it does not fill
 * ("PARTICIPATION_CAP"). Without a cap (0, the default) every order fills whole.
 * <p><b>Which mark.</b> An order that names the gateway event it was decided on (its decision seq, &gt; 0) fills at
 * that event's price and against that event's volume, found among the symbol's last {@value #HISTORY} marks of the
 * current gateway stream: the fill does not depend on how many newer events reached the venue while the order was
 * being risk-checked, signed and journaled, which is what makes a live run and a backtest of the same recording fill
 * alike. The venue only ever uses marks it received itself; the seq chooses among them and carries no price. When
 * the named event is not among them (too old, not yet received, another stream, or a buy whose decided mark has
 * grown stale) the order fills at the latest mark, as an order without a seq does, and {@link #latestMarkFallbacks()}
 * counts it.
 * Pure (no I/O): marks are timed with the injected Clock. One owner. {@link PaperVenue} keeps the venue's
 * durable record of orders on top of it.
 */
public final class PaperPricing {
    private final long slippageBps;
    private final long feeBps;
    private final long maxMarkAgeMs;
    private final Clock clock;
    /** Marks kept per symbol for orders that name their deciding event. */
    public static final int HISTORY = 256;
    private final Map<String, RecentMarks> marks = new HashMap<>();
    private String streamId = "";
    private long latestMarkFallbacks;
    private final int participationBps;
    /** The reject reason's prefix when a participation cap leaves nothing to fill. */
    public static final String PARTICIPATION_CAP = "PARTICIPATION_CAP";
    /** The reject reason's prefix when an order's lot is not the market data's. */
    public static final String LOT_MISMATCH = "LOT_MISMATCH";

    /** One market event's figures; the slots are written over in place (a market event allocates nothing). */
    private static final class Mark {
        long seq;
        long priceE8;
        long receivedMs;
        int lotExponent;
        long volumeE8;

        long seq() {
            return seq;
        }

        long priceE8() {
            return priceE8;
        }

        long receivedMs() {
            return receivedMs;
        }

        int lotExponent() {
            return lotExponent;
        }

        long volumeE8() {
            return volumeE8;
        }
    }

    /**
     * One symbol's latest mark and its last {@value #HISTORY} marks of the current stream, by seq. A mark it returns
     * is valid until the next {@link #add}.
     */
    private static final class RecentMarks {
        private final Mark[] ring = new Mark[HISTORY];
        /** Ring slots holding a mark of the current stream, the newest at next - 1. */
        private int held;
        private int next;
        private final Mark latest = new Mark();
        private boolean hasLatest;

        void add(long seq, long priceE8, long receivedMs, int lotExponent, long volumeE8) {
            set(latest, seq, priceE8, receivedMs, lotExponent, volumeE8);
            hasLatest = true;
            if (seq > 0) {
                if (ring[next] == null) {
                    ring[next] = new Mark();
                }
                set(ring[next], seq, priceE8, receivedMs, lotExponent, volumeE8);
                next = (next + 1) % HISTORY;
                held = Math.min(held + 1, HISTORY);
            }
        }

        private static void set(Mark m, long seq, long priceE8, long receivedMs, int lotExponent, long volumeE8) {
            m.seq = seq;
            m.priceE8 = priceE8;
            m.receivedMs = receivedMs;
            m.lotExponent = lotExponent;
            m.volumeE8 = volumeE8;
        }

        Mark latest() {
            return hasLatest ? latest : null;
        }

        /** The mark of that seq, or null; newest first (an order is usually decided on a recent event). */
        Mark bySeq(long seq) {
            for (int i = 1; i <= held; i++) {
                Mark m = ring[Math.floorMod(next - i, HISTORY)];
                if (m.seq() == seq) {
                    return m;
                }
            }
            return null;
        }

        /** A new gateway stream restarts seqs: earlier seqs name other events now. The latest price stays. */
        void forgetSeqs() {
            held = 0;
            next = 0;
        }
    }

    /** The price of one market order, or why there is none. */
    public sealed interface Quote permits Priced, NoPrice, OutOfRange {
    }

    /** Fills qtyE8 (the whole order, or what the participation cap allows) at priceE8 for a fee of feeE8 (USD, 1e8). */
    public record Priced(long priceE8, long feeE8, long qtyE8) implements Quote {
    }

    /** Cannot fill, for the given reason (e.g. "NO_PRICE"). */
    public record NoPrice(String reason) implements Quote {
    }

    /** Cannot fill: a figure of the fill does not fit 64 bits at scale 1e8 (e.g. 9e10 units at a high price). */
    public record OutOfRange(String figures) implements Quote {
        /** The reject reason's prefix. */
        public static final String REASON = "AMOUNT_OUT_OF_RANGE";

        /** The reject reason: {@value #REASON} and the figures. */
        public String reason() {
            return REASON + ": " + figures;
        }
    }

    public PaperPricing(long slippageBps, long feeBps, long maxMarkAgeMs, Clock clock) {
        this(slippageBps, feeBps, maxMarkAgeMs, 0, clock);
    }

    /** With a participation cap: at most participationBps of the traded volume of the event an order fills at (0: none). */
    public PaperPricing(long slippageBps, long feeBps, long maxMarkAgeMs, int participationBps, Clock clock) {
        if (participationBps < 0 || participationBps > 10_000) {
            throw new IllegalArgumentException("participation must be within 0..10000 bps");
        }
        this.participationBps = participationBps;
        this.slippageBps = slippageBps;
        this.feeBps = feeBps;
        this.maxMarkAgeMs = maxMarkAgeMs;
        this.clock = clock;
    }

    /** Records the latest price of a symbol traded in single units. */
    public void mark(String symbol, long priceE8) {
        mark(symbol, priceE8, 0);
    }

    /** Records the latest price of a symbol (USD per lot of 10^lotExponent units), stamped with its arrival time. */
    public void mark(String symbol, long priceE8, int lotExponent) {
        mark(symbol, priceE8, lotExponent, 0);
    }

    /** As {@link #mark(String, long, int)}, with the volume (lots, 1e8) the event traded, for the participation cap. */
    public void mark(String symbol, long priceE8, int lotExponent, long volumeE8) {
        mark(symbol, priceE8, lotExponent, volumeE8, streamId, 0);
    }

    /**
     * As {@link #mark(String, long, int, long)}, for the gateway event of that stream and seq (&gt; 0), so that an
     * order decided on it fills at its price. A stream other than the last one's forgets the seqs seen so far.
     */
    public void mark(String symbol, long priceE8, int lotExponent, long volumeE8, String streamId, long seq) {
        if (priceE8 <= 0) {
            return;
        }
        if (!streamId.equals(this.streamId)) {
            this.streamId = streamId;
            marks.values().forEach(RecentMarks::forgetSeqs);
        }
        RecentMarks recent = marks.get(symbol);
        if (recent == null) {
            recent = new RecentMarks();
            marks.put(symbol, recent);
        }
        recent.add(seq, priceE8, clock.millis(), lotExponent, Math.max(0, volumeE8));
    }

    /** The symbols a buy could be priced for now (a mark no older than the maximum age), sorted. */
    public java.util.List<String> freshSymbols() {
        return marks.entrySet().stream().filter(e -> usable(e.getValue().latest(), Side.BUY)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** Orders that named their deciding event but filled at the latest mark (the event was not among the recent). */
    public long latestMarkFallbacks() {
        return latestMarkFallbacks;
    }

    /**
     * Empty when an order of the symbol in lots of 10^lotExponent units can be priced by the marks (or there is no
     * mark yet: {@link #hasPrice} answers that); otherwise the detail of the LOT_MISMATCH refusal.
     */
    public Optional<String> lotProblem(String symbol, int lotExponent) {
        Mark mark = latest(symbol);
        return mark == null ? Optional.empty() : Lot.mismatch(lotExponent, mark.lotExponent());
    }

    /** Whether a fresh price is known for the symbol (an order for it could fill now). */
    public boolean hasPrice(String symbol, Side side) {
        return usableMark(symbol, side) != null;
    }

    /** The mark an order on this side may fill at: for a buy only a fresh one, for a sell the last one. */
    private Mark usableMark(String symbol, Side side) {
        Mark mark = latest(symbol);
        return mark == null || !usable(mark, side) ? null : mark;
    }

    private boolean usable(Mark mark, Side side) {
        return side == Side.SELL || clock.millis() - mark.receivedMs() <= maxMarkAgeMs;
    }

    private Mark latest(String symbol) {
        RecentMarks recent = marks.get(symbol);
        return recent == null ? null : recent.latest();
    }

    /** The mark an order decided on that event fills at: that event's if known (and usable), else the latest. */
    private Mark markFor(String symbol, Side side, long decisionSeq) {
        Mark latest = usableMark(symbol, side);
        if (latest == null || decisionSeq <= 0 || latest.seq() == decisionSeq) {
            return latest;
        }
        Mark decided = marks.get(symbol).bySeq(decisionSeq);
        if (decided != null && usable(decided, side)) {
            return decided;
        }
        latestMarkFallbacks++;
        return latest;
    }

    /** Prices a market order of qtyE8 (> 0) of a symbol traded in single units now. */
    public Quote quote(String symbol, Side side, long qtyE8) {
        return quote(symbol, side, qtyE8, 0);
    }

    /** Prices a market order of qtyE8 lots (> 0) of 10^lotExponent units now (never at a price of another lot). */
    public Quote quote(String symbol, Side side, long qtyE8, int lotExponent) {
        return quote(symbol, side, qtyE8, lotExponent, 0);
    }

    /**
     * Prices a market order of qtyE8 lots (&gt; 0) decided on the gateway event decisionSeq of the current stream
     * (0: none named) at that event's mark (see the class comment), never at a price of another lot.
     */
    public Quote quote(String symbol, Side side, long qtyE8, int lotExponent, long decisionSeq) {
        Mark mark = markFor(symbol, side, decisionSeq);
        if (mark == null) {
            return new NoPrice("NO_PRICE");
        }
        Optional<String> lot = Lot.mismatch(lotExponent, mark.lotExponent());
        if (lot.isPresent()) {
            return new NoPrice(LOT_MISMATCH + ": " + lot.get());
        }
        try {
            long slippage = Fixed.bps(mark.priceE8(), slippageBps);
            long price = side == Side.BUY ? Fixed.add(mark.priceE8(), slippage) : Fixed.sub(mark.priceE8(), slippage);
            long filled = qtyE8;
            if (participationBps > 0) {
                filled = Math.min(qtyE8, Fixed.bps(mark.volumeE8(), participationBps));
                if (filled <= 0) {
                    return new NoPrice(PARTICIPATION_CAP + ": no volume traded in the event it fills at to take "
                            + Fixed.format(qtyE8) + " from (cap " + participationBps + " bps of it)");
                }
            }
            long fee = Fixed.bps(Fixed.mul(filled, price), feeBps);
            return new Priced(price, fee, filled);
        } catch (AmountOverflow e) {
            return new OutOfRange("a fill of " + Fixed.format(qtyE8) + " at " + Fixed.format(mark.priceE8()) + " (mark): "
                    + e.getMessage());
        }
    }
}
