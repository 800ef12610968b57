package memesnipe.gateway.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * Several feeds as one, e.g. the simulated price feed with signal simulators beside it: each call asks the feeds in
 * order for what is still allowed of the count, so the earlier feeds (the simulators, which emit a few events per
 * step of their own time and keep the rest) are served first and the last one (the price feed) takes the remainder.
 * Nothing is lost: a feed keeps what it could not hand over. Not thread-safe: one owner.
 */
public final class CompositeFeed implements Feed {
    private final List<Feed> feeds;

    public CompositeFeed(List<Feed> feeds) {
        if (feeds.isEmpty()) {
            throw new IllegalArgumentException("at least one feed");
        }
        this.feeds = List.copyOf(feeds);
    }

    @Override
    public List<FeedEvent> next(long nowMs, int count) {
        List<FeedEvent> out = new ArrayList<>(Math.max(0, Math.min(count, 1024)));
        for (Feed f : feeds) {
            if (out.size() >= count) {
                break;
            }
            out.addAll(f.next(nowMs, count - out.size()));
        }
        return out;
    }
}
