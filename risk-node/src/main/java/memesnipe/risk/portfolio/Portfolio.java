package memesnipe.risk.portfolio;

import memesnipe.model.money.AmountOverflow;
import memesnipe.model.money.Fixed;
import memesnipe.model.FillEvent;
import memesnipe.model.Side;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cash, positions and marks. Positions are the sum of fills, always; equity is cash plus every
 * position marked at the latest price (at its cost when the symbol has no mark yet). Every figure is exact: a fill
 * whose figures do not fit is refused whole ({@link UnbookableFill}), and a valuation that does not fit (e.g. at an
 * absurd mark) is reported as an {@link AmountOverflow}, never wrapped around.
 */
public final class Portfolio {
    /** Latest price of a symbol (USD per lot of 10^lotExponent units) and when it was observed. */
    public record Mark(long priceE8, long timeMs, int lotExponent) {
    }

    /** Client order ids of the most recent fills kept in memory to skip repeats (the ledger keeps them all). */
    public static final int REMEMBERED_FILL_IDS = 50_000;

    /**
     * A symbol's latest price, updated in place (a tick allocates nothing), and the positions open in it in opening
     * order; each of those positions refers to it, so valuing the book needs no lookup.
     */
    static final class Quote {
        boolean marked;
        long priceE8;
        long timeMs;
        int lotExponent;
        final List<Position> holders = new ArrayList<>(2);
        final List<Position> holdersView = Collections.unmodifiableList(holders);
    }

    /** What a strategy that booked a fill has: its realised P&L and its open positions in opening order. */
    private static final class Account {
        long realizedE8;
        final List<Position> positions = new ArrayList<>(2);
    }

    private long cashE8;
    /** The client order ids of the last {@value #REMEMBERED_FILL_IDS} fills booked, the oldest forgotten first. */
    private final java.util.Set<String> appliedIds = Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_FILL_IDS;
        }
    });
    /** Open positions by {@link Position#key}; {@link #book} holds the same ones in opening order. */
    private final Map<String, Position> positions = new HashMap<>();
    private final List<Position> book = new ArrayList<>();
    private final List<Position> bookView = Collections.unmodifiableList(book);
    /** Every symbol marked or held so far (a mark refused or cleared for its lot leaves it unmarked). */
    private final Map<String, Quote> quotes = new HashMap<>();
    private final Map<String, Account> accounts = new HashMap<>();
    /** The strategies of {@link #accounts} in name order, copied when a strategy first books a fill. */
    private List<String> strategyNames = List.of();
    private String fillLogId = "";
    private long lastFillSeq;
    private long fillCount;
    private long overSoldFills;
    private long lotMismatchedMarks;

    public Portfolio(long initialCashE8) {
        this.cashE8 = initialCashE8;
    }

    /**
     * Applies a fill from the executor's fill stream once (see {@link #apply(FillEvent, boolean)}).
     */
    public boolean apply(FillEvent fill) {
        return apply(fill, true);
    }

    /**
     * Applies a fill at most once; returns false for a fill already applied. A fill is known by its client order
     * id (remembered for the last {@value #REMEMBERED_FILL_IDS} fills) and, within one fill log, by its sequence
     * number: on the stream, fills arrive in order, so one at or below the stream position is a repeat. Fills from
     * the stream advance that position (a fill from a new log starts that log's numbering); a fill carried in an
     * execution report may arrive before the stream delivers it, and then the stream's copy is skipped by its id.
     */
    public boolean apply(FillEvent fill, boolean fromStream) {
        boolean seenOnStream = fill.seq() > 0 && fill.logId().equals(fillLogId) && fill.seq() <= lastFillSeq;
        if (fromStream && !seenOnStream) {
            fillLogId = fill.logId();
            lastFillSeq = fill.seq();
        }
        if (seenOnStream || appliedIds.contains(fill.clientOrderId())) {
            return false;
        }
        book(fill);
        return true;
    }

    /**
     * Applies a fill read back from risk's own ledger at start (already known to be new there); the stream
     * position is set afterwards with {@link #resumeAfter}.
     */
    public boolean replay(FillEvent fill) {
        if (appliedIds.contains(fill.clientOrderId())) {
            return false;
        }
        book(fill);
        return true;
    }

    /** Sets the fill-stream position the stream resumes after (from the ledger, at start). */
    public void resumeAfter(String logId, long seq) {
        this.fillLogId = logId;
        this.lastFillSeq = seq;
    }

    /**
     * Books a fill whole or not at all: every new figure (cash, quantity, cost basis, realised P&L) is computed
     * exactly first and committed only when all of them fit. A fill that cannot be booked changes nothing.
     */
    private void book(FillEvent fill) {
        if (fill.qtyE8() <= 0 || fill.priceE8() <= 0 || fill.feeE8() < 0) {
            throw new UnbookableFill(fill, "quantity and price must be > 0 and the fee >= 0; got qty "
                    + Fixed.format(fill.qtyE8()) + ", price " + Fixed.format(fill.priceE8()) + ", fee "
                    + Fixed.format(fill.feeE8()));
        }
        String key = Position.key(fill.strategy(), fill.symbol());
        Position p = positions.get(key);
        if (p != null && p.lotExponent() != fill.lotExponent()) {
            throw new UnbookableFill(fill, "its lot_exponent " + fill.lotExponent() + " is not the position's "
                    + p.lotExponent() + " (a symbol's lot may not change while a position is open)");
        }
        Account account = accounts.get(fill.strategy());
        long heldQty = p == null ? 0 : p.qtyE8();
        long heldCost = p == null ? 0 : p.costE8();
        long cash;
        long qty;
        long cost;
        long realized;
        boolean overSold = false;
        try {
            long notional = Fixed.mul(fill.qtyE8(), fill.priceE8());
            if (fill.side() == Side.BUY) {
                cash = Fixed.sub(cashE8, Fixed.add(notional, fill.feeE8()));
                qty = Fixed.add(heldQty, fill.qtyE8());
                cost = Fixed.add(heldCost, notional);
                realized = -fill.feeE8();
            } else {
                long sold = Math.min(fill.qtyE8(), heldQty);
                overSold = sold < fill.qtyE8(); // a sell of more than was held: never credit cash for what was not there
                long soldNotional = sold == fill.qtyE8() ? notional : Fixed.mul(sold, fill.priceE8());
                long released = p == null ? 0 : p.releasedBy(sold);
                cash = Fixed.add(cashE8, Fixed.sub(soldNotional, fill.feeE8()));
                qty = heldQty - sold;
                cost = Fixed.sub(heldCost, released);
                realized = Fixed.sub(Fixed.sub(soldNotional, released), fill.feeE8());
            }
            realized = Fixed.add(account == null ? 0 : account.realizedE8, realized);
        } catch (AmountOverflow e) {
            throw new UnbookableFill(fill, e.getMessage());
        }
        appliedIds.add(fill.clientOrderId());
        fillCount++;
        if (overSold) {
            overSoldFills++;
        }
        cashE8 = cash;
        if (account == null) {
            account = new Account();
            accounts.put(fill.strategy(), account);
            strategyNames = accounts.keySet().stream().sorted().toList();
        }
        account.realizedE8 = realized;
        if (qty == 0) {
            if (p != null) {
                positions.remove(key);
                book.remove(p);
                account.positions.remove(p);
                p.quote().holders.remove(p);
            }
        } else {
            if (p == null) {
                Quote q = quotes.computeIfAbsent(fill.symbol(), k -> new Quote());
                p = new Position(fill.strategy(), fill.symbol(), fill.lotExponent(), q);
                positions.put(key, p);
                book.add(p);
                account.positions.add(p);
                q.holders.add(p);
            }
            p.set(qty, cost);
            if (p.quote().marked && p.quote().lotExponent != fill.lotExponent()) {
                p.quote().marked = false; // never value a position at a price of another lot: at cost until marked
            }
        }
    }

    /** A fill whose figures cannot be booked (amounts out of range or not positive); the portfolio is unchanged. */
    public static final class UnbookableFill extends RuntimeException {
        private final FillEvent fill;

        UnbookableFill(FillEvent fill, String why) {
            super("fill " + fill.clientOrderId() + " (" + fill.side() + " " + Fixed.format(fill.qtyE8()) + " "
                    + fill.symbol() + " @ " + Fixed.format(fill.priceE8()) + ") cannot be booked: " + why);
            this.fill = fill;
        }

        public FillEvent fill() {
            return fill;
        }
    }

    /** Marks a symbol traded in single units. */
    public void mark(String symbol, long priceE8, long timeMs) {
        mark(symbol, priceE8, timeMs, 0);
    }

    /**
     * Marks a symbol at a price per lot of 10^lotExponent units. Refused (false, counted) when a position in the
     * symbol counts another lot: its value would be off by a power of ten, so the old mark stays and ages instead
     * (entries then wait for fresh data; the lot must not change while positions are open).
     */
    public boolean mark(String symbol, long priceE8, long timeMs, int lotExponent) {
        Quote q = quotes.get(symbol);
        if (q == null) {
            q = new Quote();
            quotes.put(symbol, q);
        } else if (lotConflict(q, lotExponent)) {
            lotMismatchedMarks++;
            return false;
        }
        q.marked = true;
        q.priceE8 = priceE8;
        q.timeMs = timeMs;
        q.lotExponent = lotExponent;
        return true;
    }

    /** Marks a symbol only when it has no newer mark (e.g. a last price read back from the tick journal). */
    public void markIfNewer(String symbol, long priceE8, long timeMs, int lotExponent) {
        Quote q = quotes.get(symbol);
        if (q == null || !q.marked || q.timeMs < timeMs) {
            mark(symbol, priceE8, timeMs, lotExponent);
        }
    }

    private static boolean lotConflict(Quote q, int lotExponent) {
        for (int i = 0; i < q.holders.size(); i++) {
            if (q.holders.get(i).lotExponent() != lotExponent) {
                return true;
            }
        }
        return false;
    }

    /** Marks refused because a position in the symbol counts another lot (should stay 0). */
    public long lotMismatchedMarks() {
        return lotMismatchedMarks;
    }

    /** The symbol's latest price, or null when it has none (a copy: keep it if needed). */
    public Mark markOf(String symbol) {
        Quote q = quotes.get(symbol);
        return q == null || !q.marked ? null : new Mark(q.priceE8, q.timeMs, q.lotExponent);
    }

    /** When the position's symbol was last marked, Long.MIN_VALUE when it has no mark. */
    public long markTimeMs(Position p) {
        return p.quote().marked ? p.quote().timeMs : Long.MIN_VALUE;
    }

    public long cashE8() {
        return cashE8;
    }

    /** Cash plus every position at its mark ({@link AmountOverflow} when the sum does not fit). */
    public long equityE8() {
        long equity = cashE8;
        for (int i = 0; i < book.size(); i++) {
            equity = Fixed.add(equity, valueE8(book.get(i)));
        }
        return equity;
    }

    /** A position's value at its mark (at cost when unmarked); {@link AmountOverflow} when it does not fit. */
    public long valueE8(Position p) {
        Quote q = p.quote();
        return q.marked ? Fixed.mul(p.qtyE8(), q.priceE8) : p.costE8();
    }

    /** Marked value of everything a strategy holds. */
    public long exposureE8(String strategy) {
        long sum = 0;
        List<Position> held = positionsOf(strategy);
        for (int i = 0; i < held.size(); i++) {
            sum = Fixed.add(sum, valueE8(held.get(i)));
        }
        return sum;
    }

    /** Marked value of everything held in a symbol, across strategies. */
    public long symbolExposureE8(String symbol) {
        long sum = 0;
        List<Position> held = positionsIn(symbol);
        for (int i = 0; i < held.size(); i++) {
            sum = Fixed.add(sum, valueE8(held.get(i)));
        }
        return sum;
    }

    public long grossExposureE8() {
        long sum = 0;
        for (int i = 0; i < book.size(); i++) {
            sum = Fixed.add(sum, valueE8(book.get(i)));
        }
        return sum;
    }

    /** Realised P&L (after fees) plus unrealised P&L of one strategy. */
    public long strategyPnlE8(String strategy) {
        Account account = accounts.get(strategy);
        if (account == null) {
            return 0;
        }
        long pnl = account.realizedE8;
        for (int i = 0; i < account.positions.size(); i++) {
            Position p = account.positions.get(i);
            pnl = Fixed.add(pnl, Fixed.sub(valueE8(p), p.costE8()));
        }
        return pnl;
    }

    /** A strategy's open positions in opening order (live; not to be changed). */
    private List<Position> positionsOf(String strategy) {
        Account account = accounts.get(strategy);
        return account == null ? List.of() : account.positions;
    }

    public long qtyE8(String strategy, String symbol) {
        Position p = positions.get(Position.key(strategy, symbol));
        return p == null ? 0 : p.qtyE8();
    }

    public Position position(String strategy, String symbol) {
        return positions.get(Position.key(strategy, symbol));
    }

    /** The open positions in opening order, a copy. */
    public Collection<Position> positions() {
        return List.copyOf(book);
    }

    /**
     * The open positions in opening order, read-only and live (it changes as fills are booked): for loops that must
     * not allocate; iterate it by index and book nothing meanwhile.
     */
    public List<Position> book() {
        return bookView;
    }

    /** The open positions in a symbol in opening order, read-only and live, as {@link #book()}. */
    public List<Position> positionsIn(String symbol) {
        Quote q = quotes.get(symbol);
        return q == null ? List.of() : q.holdersView;
    }

    public int openPositions() {
        return book.size();
    }

    /** Whether every position of the strategy (or of every strategy, when null) has a mark. */
    public boolean marked(String strategy) {
        List<Position> held = strategy == null ? book : positionsOf(strategy);
        for (int i = 0; i < held.size(); i++) {
            if (!held.get(i).quote().marked) {
                return false;
            }
        }
        return true;
    }

    /** Sell fills that were larger than the position they sold (a ledger anomaly; should stay 0). */
    public long overSoldFills() {
        return overSoldFills;
    }

    /** Strategies that have realised P&L or fees on record, in name order (an immutable list). */
    public List<String> strategiesWithPnl() {
        return strategyNames;
    }

    /** The executor fill log of the fill stream's position. */
    public String fillLogId() {
        return fillLogId;
    }

    /** The fill stream's position: the last sequence number the stream delivered in {@link #fillLogId()}. */
    public long lastFillSeq() {
        return lastFillSeq;
    }

    public long fillCount() {
        return fillCount;
    }
}
