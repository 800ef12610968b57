package memesnipe.performance;

import memesnipe.model.FillEvent;
import memesnipe.model.Side;
import memesnipe.model.money.Fixed;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the fills of long-only positions into closed round trips: a position of one strategy in one symbol opens
 * with its first buy, and closes when sells bring it back to zero; the trade's prices are the average bought and
 * sold, its fees those of every fill, and its net P&amp;L sold - bought - fees. A sell without a buy before it (e.g.
 * a position opened before the fills began) closes no trade. One owner, not thread-safe.
 */
public final class RoundTrips {
    /** A position being built by fills, until it is flat again. */
    private static final class Open {
        long entryTimeMs;
        long qty;
        long bought;
        long sold;
        long boughtQty;
        long soldQty;
        long fees;
    }

    private final Map<String, Open> open = new HashMap<>();

    /** Adds a fill; returns the trade it closes, if it closes one. */
    public Optional<ClosedTrade> add(FillEvent fill) {
        String key = fill.strategy() + '\u0000' + fill.symbol();
        Open o = open.computeIfAbsent(key, k -> {
            Open n = new Open();
            n.entryTimeMs = fill.timeMs();
            return n;
        });
        long notional = Fixed.mul(fill.qtyE8(), fill.priceE8());
        o.fees = Fixed.add(o.fees, fill.feeE8());
        if (fill.side() == Side.BUY) {
            o.qty = Fixed.add(o.qty, fill.qtyE8());
            o.bought = Fixed.add(o.bought, notional);
            o.boughtQty = Fixed.add(o.boughtQty, fill.qtyE8());
        } else {
            o.qty = Fixed.sub(o.qty, fill.qtyE8());
            o.sold = Fixed.add(o.sold, notional);
            o.soldQty = Fixed.add(o.soldQty, fill.qtyE8());
        }
        if (o.qty > 0) {
            return Optional.empty();
        }
        open.remove(key);
        if (o.boughtQty == 0 || o.soldQty == 0) {
            return Optional.empty();
        }
        return Optional.of(new ClosedTrade(fill.symbol(), fill.strategy(), o.entryTimeMs, Fixed.div(o.bought, o.boughtQty),
                fill.timeMs(), Fixed.div(o.sold, o.soldQty), o.boughtQty, o.fees,
                Fixed.sub(Fixed.sub(o.sold, o.bought), o.fees)));
    }
}
