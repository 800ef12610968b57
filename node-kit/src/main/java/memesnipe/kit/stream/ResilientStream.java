package memesnipe.kit.stream;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import memesnipe.model.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Keeps a server stream open: opens it, hands every item to the handler and, when the stream ends,
 * fails or cannot be opened, reopens it after an exponential backoff (initial → max, doubling).
 * The opener decides where to resume (e.g. after the last sequence number seen). Event-loop only.
 */
public final class ResilientStream<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientStream.class);

    private final Vertx vertx;
    private final String name;
    private final Supplier<Future<ReadStream<T>>> opener;
    private final Handler<T> handler;
    private final memesnipe.model.time.Backoff backoff;
    private int failures;
    private boolean connected;
    private boolean stopped;
    private ReadStream<T> current;
    private long reconnects;
    private Handler<Boolean> connectionListener = up -> { };

    public ResilientStream(Vertx vertx, String name, Supplier<Future<ReadStream<T>>> opener, Handler<T> handler,
                           long initialBackoffMs, long maxBackoffMs) {
        this.vertx = vertx;
        this.name = name;
        this.opener = opener;
        this.handler = handler;
        this.backoff = new memesnipe.model.time.Backoff(initialBackoffMs, maxBackoffMs);
    }

    /** Called with true when the stream opens and false when it is lost. */
    public ResilientStream<T> onConnection(Handler<Boolean> listener) {
        this.connectionListener = listener;
        return this;
    }

    public void start() {
        open();
    }

    public void stop() {
        stopped = true;
    }

    public boolean connected() {
        return connected;
    }

    /** How many times the stream was reopened after being lost. */
    public long reconnects() {
        return reconnects;
    }

    private void open() {
        if (stopped) {
            return;
        }
        opener.get().onComplete(ar -> {
            if (stopped) {
                return;
            }
            if (ar.failed()) {
                LOG.debug("{}: cannot open stream: {}", name, Printable.of(ar.cause().toString(), 200));
                retryLater();
                return;
            }
            ReadStream<T> stream = ar.result();
            current = stream;
            connected = true;
            failures = 0;
            connectionListener.handle(true);
            LOG.info("{}: stream open", name);
            stream.exceptionHandler(err -> lost(stream, err.toString()));
            stream.endHandler(v -> lost(stream, "ended"));
            stream.handler(handler);
            stream.resume();
        });
    }

    private void lost(ReadStream<T> stream, String why) {
        if (stream != current) {
            return;
        }
        current = null;
        if (connected) {
            connected = false;
            connectionListener.handle(false);
            LOG.warn("{}: stream lost ({}); reconnecting", name, Printable.of(why, 200));
        }
        reconnects++;
        retryLater();
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        vertx.setTimer(backoff.delayMs(++failures), id -> open());
    }
}
