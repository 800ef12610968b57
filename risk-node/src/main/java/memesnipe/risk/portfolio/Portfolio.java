package memesnipe.risk.portfolio;

import memesnipe.kit.money.Fixed;
import memesnipe.risk.engine.FillEvent;
import memesnipe.risk.engine.Side;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cash, positions and marks. Positions are the sum of fills, always; equity is cash plus every
 * position marked at the latest price (at its cost when the symbol has no mark yet).
 */
public final class Portfolio {
    /** Latest price of a symbol and when it was observed. */
    public record Mark(long priceE8, long timeMs) {
    }

    private long cashE8;
    private final Map<String, Position> positions = new LinkedHashMap<>();
    private final Map<String, Mark> marks = new HashMap<>();
    private final Map<String, Long> realizedByStrategy = new HashMap<>();
    private String fillLogId = "";
    private long lastFillSeq;
    private long fillCount;
    private long overSoldFills;

    public Portfolio(long initialCashE8) {
        this.cashE8 = initialCashE8;
    }

    /**
     * Applies a fill once: within one fill log, fills at or below the last applied sequence number are ignored
     * (returns false); a fill from a new log starts that log's numbering.
     */
    public boolean apply(FillEvent fill) {
        if (!fill.logId().equals(fillLogId)) {
            fillLogId = fill.logId();
            lastFillSeq = 0;
        }
        if (fill.seq() <= lastFillSeq) {
            return false;
        }
        lastFillSeq = fill.seq();
        fillCount++;
        Position p = positions.computeIfAbsent(key(fill.strategy(), fill.symbol()),
                k -> new Position(fill.strategy(), fill.symbol()));
        long notional = Fixed.mul(fill.qtyE8(), fill.priceE8());
        if (fill.side() == Side.BUY) {
            cashE8 -= notional + fill.feeE8();
            p.buy(fill.qtyE8(), notional);
            realizedByStrategy.merge(fill.strategy(), -fill.feeE8(), Long::sum);
        } else {
            long sold = Math.min(fill.qtyE8(), p.qtyE8());
            if (sold < fill.qtyE8()) {
                overSoldFills++; // a sell of more than was held: never credit cash for what was not there
            }
            long soldNotional = sold == fill.qtyE8() ? notional : Fixed.mul(sold, fill.priceE8());
            cashE8 += soldNotional - fill.feeE8();
            long released = p.sell(sold);
            realizedByStrategy.merge(fill.strategy(), soldNotional - released - fill.feeE8(), Long::sum);
        }
        if (p.qtyE8() == 0) {
            positions.remove(key(fill.strategy(), fill.symbol()));
        }
        return true;
    }

    public void mark(String symbol, long priceE8, long timeMs) {
        marks.put(symbol, new Mark(priceE8, timeMs));
    }

    public Mark markOf(String symbol) {
        return marks.get(symbol);
    }

    public long cashE8() {
        return cashE8;
    }

    /** Cash plus every position at its mark. */
    public long equityE8() {
        long equity = cashE8;
        for (Position p : positions.values()) {
            equity += valueE8(p);
        }
        return equity;
    }

    /** A position's value at its mark (at cost when unmarked). */
    public long valueE8(Position p) {
        Mark m = marks.get(p.symbol());
        return m == null ? p.costE8() : Fixed.mul(p.qtyE8(), m.priceE8());
    }

    /** Marked value of everything a strategy holds. */
    public long exposureE8(String strategy) {
        long sum = 0;
        for (Position p : positions.values()) {
            if (p.strategy().equals(strategy)) {
                sum += valueE8(p);
            }
        }
        return sum;
    }

    /** Marked value of everything held in a symbol, across strategies. */
    public long symbolExposureE8(String symbol) {
        long sum = 0;
        for (Position p : positions.values()) {
            if (p.symbol().equals(symbol)) {
                sum += valueE8(p);
            }
        }
        return sum;
    }

    public long grossExposureE8() {
        long sum = 0;
        for (Position p : positions.values()) {
            sum += valueE8(p);
        }
        return sum;
    }

    /** Realised P&L (after fees) plus unrealised P&L of one strategy. */
    public long strategyPnlE8(String strategy) {
        long pnl = realizedByStrategy.getOrDefault(strategy, 0L);
        for (Position p : positions.values()) {
            if (p.strategy().equals(strategy)) {
                pnl += valueE8(p) - p.costE8();
            }
        }
        return pnl;
    }

    public long qtyE8(String strategy, String symbol) {
        Position p = positions.get(key(strategy, symbol));
        return p == null ? 0 : p.qtyE8();
    }

    public Position position(String strategy, String symbol) {
        return positions.get(key(strategy, symbol));
    }

    public Collection<Position> positions() {
        return List.copyOf(positions.values());
    }

    public int openPositions() {
        return positions.size();
    }

    /** Symbols currently held by any strategy. */
    public List<String> heldSymbols() {
        List<String> out = new ArrayList<>();
        for (Position p : positions.values()) {
            if (!out.contains(p.symbol())) {
                out.add(p.symbol());
            }
        }
        return out;
    }

    /** Sell fills that were larger than the position they sold (a ledger anomaly; should stay 0). */
    public long overSoldFills() {
        return overSoldFills;
    }

    /** Strategies that have realised P&L or fees on record. */
    public java.util.Set<String> strategiesWithPnl() {
        return java.util.Set.copyOf(realizedByStrategy.keySet());
    }

    /** The executor fill log the last applied fill came from. */
    public String fillLogId() {
        return fillLogId;
    }

    public long lastFillSeq() {
        return lastFillSeq;
    }

    public long fillCount() {
        return fillCount;
    }

    private static String key(String strategy, String symbol) {
        return strategy + '\u0000' + symbol;
    }
}
