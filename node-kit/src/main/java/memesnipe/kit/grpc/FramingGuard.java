package memesnipe.kit.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;
import io.vertx.grpc.server.GrpcServerOptions;

import java.util.function.Consumer;

/**
 * A gRPC request on its way to the Vert.x gRPC server, checked message by message before Vert.x sees it. A
 * request that breaks the framing gets a gRPC status, trailers-only when nothing was sent yet, and nothing more of
 * it reaches Vert.x: a compressed message (UNIMPLEMENTED), a message flag other than 0 or 1, or a body that ends
 * inside a message (INTERNAL), a message above the size limit (RESOURCE_EXHAUSTED), and, for a method the server
 * knows, a message that is not a valid request of that method or a second request message for a method that takes
 * one (INVALID_ARGUMENT). The service learns that its call is over through the request's exception handler.
 *
 * <p>Vert.x 5.0.7 misbehaves on each of these, so they are refused in front of it: with grpc-encoding gzip it
 * inflates a message with no bound on the inflated size (max message size applies to the compressed frame only);
 * with the compressed flag and no grpc-encoding header its deframer throws "Handle me" on every later chunk while
 * it keeps buffering them; a body that ends inside a message is never answered; a message that does not parse is
 * answered with a bare stream reset; and a unary call carrying two messages is served (the last one) with OK. A
 * request whose grpc-encoding is not identity is refused by {@link NodeServer} before it gets here.
 */
final class FramingGuard extends HttpServerRequestWrapper {
    static final String COMPRESSED = "compressed messages are not accepted; send grpc-encoding identity";
    /** The largest message accepted: the limit the Vert.x gRPC server applies with default options. */
    static final long MAX_MESSAGE = GrpcServerOptions.DEFAULT_MAX_MESSAGE_SIZE;

    /** Why a request was refused (a metric label: a fixed set). */
    enum Problem {
        COMPRESSED("12"), BAD_FLAG("13"), TRUNCATED("13"), TOO_LARGE("8"), NOT_A_REQUEST("3"), MANY_REQUESTS("3");

        final String grpcStatus;

        Problem(String grpcStatus) {
            this.grpcStatus = grpcStatus;
        }
    }

    /** What the guard knows of a method: its request type, and whether it takes exactly one request message. */
    record Method(Descriptors.Descriptor input, boolean singleRequest) {
    }

    private final Method method;
    private final boolean binary;
    private final Consumer<Problem> onRefused;
    private int prefixRead; // bytes of the current 5-byte message prefix seen so far
    private long length;
    private long payloadLeft;
    private long messages;
    private Buffer collected; // the current message's bytes, when it is parsed before Vert.x sees it
    private boolean refused;
    private Handler<Throwable> exceptionHandler;

    /**
     * @param method  the method called, or null when the server does not know it (Vert.x answers UNIMPLEMENTED)
     * @param binary  whether the body is binary gRPC framing (everything but grpc-web-text, whose body is base64:
     *                there only the compressed flag is looked for, which base64 never holds)
     */
    FramingGuard(HttpServerRequest request, Method method, boolean binary, Consumer<Problem> onRefused) {
        super((HttpServerRequestInternal) request);
        this.method = binary ? method : null;
        this.binary = binary;
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
            if (!refused && binary && (prefixRead > 0 || payloadLeft > 0)) {
                refuse(Problem.TRUNCATED, "the request ended inside a message (its length prefix is longer than the body)");
            }
            if (!refused) {
                handler.handle(v);
            }
        });
        return this;
    }

    /**
     * Walks the messages in a chunk: prefixes are checked, payloads skipped or, for a known method, collected and
     * parsed once complete. False once the request is refused: then the chunk must not reach Vert.x.
     */
    private boolean admits(Buffer chunk) {
        int i = 0;
        while (i < chunk.length()) {
            if (payloadLeft > 0) {
                int take = (int) Math.min(payloadLeft, chunk.length() - i);
                if (collected != null) {
                    collected.appendBuffer(chunk, i, take);
                }
                payloadLeft -= take;
                i += take;
                if (payloadLeft == 0 && !complete()) {
                    return false;
                }
                continue;
            }
            byte b = chunk.getByte(i++);
            if (prefixRead == 0) {
                if (!startOfMessage(b)) {
                    return false;
                }
                length = 0;
            } else {
                length = (length << 8) | (b & 0xFF);
            }
            if (++prefixRead == 5) {
                prefixRead = 0;
                messages++;
                if (binary && length > MAX_MESSAGE) {
                    refuse(Problem.TOO_LARGE, "a message of " + length + " bytes is above the limit of " + MAX_MESSAGE);
                    return false;
                }
                payloadLeft = length;
                collected = method == null ? null : Buffer.buffer((int) Math.min(length, 4096));
                if (length == 0 && !complete()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Checks the flag byte that starts a message; false when the request is refused. */
    private boolean startOfMessage(byte flag) {
        // Exactly 1 is what Vert.x 5.0.7 reads as compressed (a base64 grpc-web-text body never holds that byte).
        if (flag == 1) {
            refuse(Problem.COMPRESSED, COMPRESSED);
            return false;
        }
        if (binary && flag != 0) {
            refuse(Problem.BAD_FLAG, "a message flag must be 0 or 1");
            return false;
        }
        if (method != null && method.singleRequest() && messages > 0) {
            refuse(Problem.MANY_REQUESTS, "this method takes one request message; a second one was sent");
            return false;
        }
        return true;
    }

    /** A message's last byte arrived: parses it as the method's request when the method is known. */
    private boolean complete() {
        Buffer message = collected;
        collected = null;
        if (message == null) {
            return true;
        }
        try {
            DynamicMessage.parseFrom(method.input(), message.getBytes());
            return true;
        } catch (InvalidProtocolBufferException e) {
            refuse(Problem.NOT_A_REQUEST, "the request message is not a valid " + method.input().getFullName());
            return false;
        }
    }

    /** Answers the client, then fails the request as Vert.x sees it, so the service learns that its call is over. */
    private void refuse(Problem problem, String message) {
        refused = true;
        collected = null;
        onRefused.accept(problem);
        answer(delegate.response(), problem, message);
        if (exceptionHandler != null) {
            exceptionHandler.handle(new IllegalStateException(message));
        }
    }

    /** Ends a call with the problem's status: trailers-only when nothing was sent yet, otherwise in the trailers. */
    static void answer(HttpServerResponse response, Problem problem, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.putTrailer("grpc-status", problem.grpcStatus).putTrailer("grpc-message", message).end();
        } else {
            response.putHeader("content-type", "application/grpc").putHeader("grpc-status", problem.grpcStatus)
                    .putHeader("grpc-message", message);
            if (problem == Problem.COMPRESSED) {
                response.putHeader("grpc-accept-encoding", "identity");
            }
            response.end();
        }
    }
}
