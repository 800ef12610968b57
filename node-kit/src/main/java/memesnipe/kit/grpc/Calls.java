package memesnipe.kit.grpc;

import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import memesnipe.kit.config.HostPort;

import java.util.concurrent.TimeUnit;

/** Client-side gRPC calls with a deadline, failing with {@link CallFailed} on a non-OK status. */
public final class Calls {
    private Calls() {
    }

    /** A non-OK gRPC status from a peer; the peer's status message is kept escaped and cut (it is logged). */
    public static final class CallFailed extends RuntimeException {
        /** Characters of a peer's status message kept. */
        static final int MAX_MESSAGE = 200;
        private final GrpcStatus status;

        public CallFailed(GrpcStatus status, String message) {
            super(status.name() + (message == null || message.isEmpty() ? ""
                    : ": " + memesnipe.model.text.Printable.of(message, MAX_MESSAGE)));
            this.status = status;
        }

        public GrpcStatus status() {
            return status;
        }
    }

    /** One request, one response, within timeoutMs. */
    public static <Req, Resp> Future<Resp> unary(GrpcClient client, HostPort peer, ServiceMethod<Resp, Req> method,
                                                 Req request, long timeoutMs) {
        return unary(client, peer, method, request, timeoutMs, java.util.Map.of());
    }

    /** One request carrying these metadata entries, one response, within timeoutMs. */
    public static <Req, Resp> Future<Resp> unary(GrpcClient client, HostPort peer, ServiceMethod<Resp, Req> method,
                                                 Req request, long timeoutMs, java.util.Map<String, String> metadata) {
        return client.request(peer.socketAddress(), method)
                .compose(req -> {
                    metadata.forEach((k, v) -> req.headers().set(k, v));
                    req.timeout(timeoutMs, TimeUnit.MILLISECONDS);
                    return req.send(request);
                })
                .compose(resp -> resp.last().compose(
                        msg -> Future.succeededFuture(msg),
                        err -> Future.failedFuture(statusError(resp, err))));
    }

    /**
     * Opens a server stream (no deadline); the returned stream ends or fails when the call does. It is
     * returned <b>paused</b>, so nothing is lost before the caller's handlers are in place: set them, then
     * call {@code resume()}. The pause is attached to the response before the request is written, so it
     * runs on the connection's event loop as the headers arrive, before any message, whichever thread
     * called this.
     */
    public static <Req, Resp> Future<ReadStream<Resp>> serverStream(GrpcClient client, HostPort peer,
                                                                    ServiceMethod<Resp, Req> method, Req request) {
        return client.request(peer.socketAddress(), method).compose(req -> {
            Future<ReadStream<Resp>> opened = req.response().compose(resp -> {
                resp.pause();
                if (resp.status() != null && resp.status() != GrpcStatus.OK) {
                    return Future.failedFuture(new CallFailed(resp.status(), resp.statusMessage()));
                }
                return Future.succeededFuture(resp);
            });
            req.end(request);
            return opened;
        });
    }

    private static Throwable statusError(GrpcClientResponse<?, ?> resp, Throwable err) {
        if (resp.status() != null && resp.status() != GrpcStatus.OK) {
            return new CallFailed(resp.status(), resp.statusMessage());
        }
        return err;
    }
}
