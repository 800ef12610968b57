package memesnipe.executor.fills;

import io.vertx.core.Future;
import io.vertx.core.streams.WriteStream;
import memesnipe.v1.Fill;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Streams the fill log to one watcher from a position, in sequence order and without gaps, respecting
 * backpressure: when the watcher's write queue is full it stops and resumes from its position on drain.
 * Recent fills come from memory; older ones are paged from durable storage (a page that cannot be read
 * now is retried later, never skipped). Call {@link #pump()} whenever the log grows. Event-loop only.
 */
public final class FillWatcher {
    /** Fills to page through when they are no longer in memory. */
    static final int PAGE = 500;
    static final long RETRY_MS = 1_000;

    /** Where the fills come from. */
    public interface Source {
        /** Sequence number of the newest durable fill. */
        long lastSeq();

        /** The fill with this sequence number if it is held in memory, else null. */
        Fill recent(long seq);

        /** Up to max durable fills with seq > afterSeq, in order (from the ledger or the write-ahead file). */
        Future<List<Fill>> page(long afterSeq, int max);
    }

    private final Source source;
    private final WriteStream<Fill> out;
    private final Consumer<FillWatcher> onClose;
    private final BiConsumer<Long, Runnable> later;
    private final ArrayDeque<Fill> paged = new ArrayDeque<>();
    private long position;
    private boolean waitingForDrain;
    private boolean fetching;
    private boolean closed;

    /** Starts after afterSeq; onClose runs once when the watcher goes away; later(ms, task) schedules a retry. */
    public FillWatcher(Source source, WriteStream<Fill> out, long afterSeq, Consumer<FillWatcher> onClose,
                       BiConsumer<Long, Runnable> later) {
        this.source = source;
        this.out = out;
        this.position = afterSeq;
        this.onClose = onClose;
        this.later = later;
    }

    /** Writes every fill after the current position, until caught up, the queue is full or a page is needed. */
    public void pump() {
        while (!closed && !waitingForDrain && !fetching && position < source.lastSeq()) {
            if (out.writeQueueFull()) {
                waitingForDrain = true;
                out.drainHandler(v -> {
                    waitingForDrain = false;
                    pump();
                });
                return;
            }
            Fill next = next();
            if (next == null) {
                fetch();
                return;
            }
            position = next.getSeq();
            try {
                out.write(next).onFailure(err -> close());
            } catch (RuntimeException gone) {
                // writing to a stream the watcher has reset throws: the watcher is gone, not the order flow
                close();
            }
        }
    }

    private Fill next() {
        while (!paged.isEmpty() && paged.peekFirst().getSeq() <= position) {
            paged.pollFirst();
        }
        if (!paged.isEmpty() && paged.peekFirst().getSeq() == position + 1) {
            return paged.pollFirst();
        }
        paged.clear();
        return source.recent(position + 1);
    }

    private void fetch() {
        fetching = true;
        long from = position;
        Future<List<Fill>> page;
        try {
            page = source.page(from, PAGE);
        } catch (RuntimeException e) {
            page = Future.failedFuture(e);
        }
        page.onComplete(ar -> {
            fetching = false;
            if (closed) {
                return;
            }
            if (ar.succeeded() && !ar.result().isEmpty() && ar.result().get(0).getSeq() == from + 1) {
                paged.addAll(ar.result());
                pump();
            } else {
                later.accept(RETRY_MS, this::pump); // storage unreachable now: the same position later, never a skip
            }
        });
    }

    /** Stops writing (the watcher disconnected or the stream failed). */
    public void close() {
        if (!closed) {
            closed = true;
            paged.clear();
            onClose.accept(this);
        }
    }

    /** Sequence number of the last fill written. */
    public long position() {
        return position;
    }
}
