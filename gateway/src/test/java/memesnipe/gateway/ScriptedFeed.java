package memesnipe.gateway;

import memesnipe.gateway.feed.Feed;
import memesnipe.gateway.feed.RawTick;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test feed of exactly {@code total} ticks, released once {@link #go()} is called: every {@code badEvery}-th
 * tick is malformed (NaN price, negative volume or stale, in turn), the others are valid and fresh.
 */
final class ScriptedFeed implements Feed {
    private final int total;
    private final int badEvery;
    private final AtomicBoolean go = new AtomicBoolean();
    private int emitted;
    private volatile int bad;

    ScriptedFeed(int total, int badEvery) {
        this.total = total;
        this.badEvery = badEvery;
    }

    void go() {
        go.set(true);
    }

    /** Valid ticks the feed will have emitted when it is done. */
    int validTotal() {
        return badEvery <= 0 ? total : total - total / badEvery;
    }

    @Override
    public List<RawTick> next(long nowMs, int count) {
        List<RawTick> out = new ArrayList<>();
        if (!go.get()) {
            return out;
        }
        while (out.size() < count && emitted < total) {
            int i = ++emitted;
            String symbol = i % 2 == 0 ? "SOL" : "WIF";
            double price = 100 + (i % 10) * 0.25;
            if (badEvery > 0 && i % badEvery == 0) {
                bad++;
                switch ((i / badEvery) % 3) {
                    case 0 -> out.add(new RawTick(symbol, Double.NaN, 1, 50_000, nowMs));
                    case 1 -> out.add(new RawTick(symbol, price, -1, 50_000, nowMs));
                    default -> out.add(new RawTick(symbol, price, 1, 50_000, nowMs - 60_000));
                }
            } else {
                out.add(new RawTick(symbol, price, 1 + i % 7, 50_000, nowMs));
            }
        }
        return out;
    }
}
