package memesnipe.kit.grpc;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;

/**
 * A gRPC request on its way to the Vert.x gRPC server, with the prefix of every message checked first: a
 * message with the compressed flag set ends the call with UNIMPLEMENTED, and nothing more of the request
 * reaches Vert.x.
 *
 * <p>Vert.x 5.0.7 is not safe with such a message: with grpc-encoding gzip it inflates it with no bound on the
 * inflated size (max message size applies to the compressed frame only), and without a grpc-encoding header its
 * deframer throws "Handle me" on every later chunk while it keeps appending them to its buffer, so the call
 * hangs, the log fills and the heap grows with whatever the client sends. A request whose grpc-encoding is not
 * identity is refused by {@link NodeServer} before it gets here; this guard catches the flag on any request.
 */
final class CompressedMessageGuard extends HttpServerRequestWrapper {
    static final String REFUSAL = "compressed messages are not accepted; send grpc-encoding identity";
    private static final String UNIMPLEMENTED = "12";

    private final Runnable onRefused;
    private int prefixRead; // bytes of the current 5-byte message prefix seen so far
    private long length;
    private long payloadLeft;
    private boolean refused;
    private Handler<Throwable> exceptionHandler;

    CompressedMessageGuard(HttpServerRequest request, Runnable onRefused) {
        super((HttpServerRequestInternal) request);
        this.onRefused = onRefused;
    }

    @Override
    public HttpServerRequest handler(Handler<Buffer> handler) {
        delegate.handler(handler == null ? null : chunk -> {
            if (!refused && admits(chunk)) {
                handler.handle(chunk);
            }
        });
        return this;
    }

    @Override
    public HttpServerRequest exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        delegate.exceptionHandler(handler);
        return this;
    }

    @Override
    public HttpServerRequest endHandler(Handler<Void> handler) {
        delegate.endHandler(handler == null ? null : v -> {
            if (!refused) {
                handler.handle(v);
            }
        });
        return this;
    }

    /** Walks the message prefixes in a chunk (payloads are skipped unread); false once a message is compressed. */
    private boolean admits(Buffer chunk) {
        int i = 0;
        while (i < chunk.length()) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, chunk.length() - i);
                payloadLeft -= skip;
                i += skip;
                continue;
            }
            byte b = chunk.getByte(i++);
            // Exactly 1 is what Vert.x 5.0.7 reads as compressed (a base64 grpc-web-text body never holds that byte).
            if (prefixRead == 0 && b == 1) {
                refuse();
                return false;
            }
            length = prefixRead == 0 ? 0 : (length << 8) | (b & 0xFF);
            if (++prefixRead == 5) {
                payloadLeft = length;
                prefixRead = 0;
            }
        }
        return true;
    }

    /** Answers the client, then fails the request as Vert.x sees it, so the service learns that its call is over. */
    private void refuse() {
        refused = true;
        onRefused.run();
        answer(delegate.response());
        if (exceptionHandler != null) {
            exceptionHandler.handle(new IllegalStateException(REFUSAL));
        }
    }

    /** Ends a call with UNIMPLEMENTED: trailers-only when nothing was sent yet, otherwise in the trailers. */
    static void answer(HttpServerResponse response) {
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.putTrailer("grpc-status", UNIMPLEMENTED).putTrailer("grpc-message", REFUSAL).end();
        } else {
            response.putHeader("content-type", "application/grpc").putHeader("grpc-accept-encoding", "identity")
                    .putHeader("grpc-status", UNIMPLEMENTED).putHeader("grpc-message", REFUSAL).end();
        }
    }
}
