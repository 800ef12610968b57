package memesnipe.executor.fills;

import io.vertx.core.streams.WriteStream;
import memesnipe.v1.Fill;

import java.util.function.Consumer;

/**
 * Streams a {@link FillLog} to one watcher from a position, respecting backpressure: when the
 * watcher's write queue is full it stops and resumes from its position on drain, so it never
 * skips a fill. Call {@link #pump()} whenever the log grows. Event-loop only.
 */
public final class FillWatcher {
    private final FillLog log;
    private final WriteStream<Fill> out;
    private final Consumer<FillWatcher> onClose;
    private long position;
    private boolean waitingForDrain;
    private boolean closed;

    /** Starts after afterSeq; onClose runs once when the watcher goes away. */
    public FillWatcher(FillLog log, WriteStream<Fill> out, long afterSeq, Consumer<FillWatcher> onClose) {
        this.log = log;
        this.out = out;
        this.position = afterSeq;
        this.onClose = onClose;
    }

    /** Writes every fill after the current position, until caught up or the queue is full. */
    public void pump() {
        while (!closed && !waitingForDrain && position < log.lastSeq()) {
            if (out.writeQueueFull()) {
                waitingForDrain = true;
                out.drainHandler(v -> {
                    waitingForDrain = false;
                    pump();
                });
                return;
            }
            position++;
            try {
                out.write(log.get(position)).onFailure(err -> close());
            } catch (RuntimeException gone) {
                // writing to a stream the watcher has reset throws: the watcher is gone, not the order flow
                close();
            }
        }
    }

    /** Stops writing (the watcher disconnected or the stream failed). */
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }

    /** Sequence number of the last fill written. */
    public long position() {
        return position;
    }
}
