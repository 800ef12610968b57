package memesnipe.kit.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes what a slow or idle HTTP client holds open, within the {@link HttpLimits}: a TLS handshake or a request's
 * headers that take too long (slowloris), a request body that trickles in, a keep-alive HTTP/1.x connection that
 * sends nothing, and an HTTP/2 connection with no call open. A gRPC stream may stay open and quiet for as long as
 * it likes. Vert.x 5.0.7 has no bound on header time, and its idle timeout would also cut quiet gRPC streams, so
 * each connection is checked here on a timer of its own (on its own event loop), a few times per bound.
 *
 * <p>Use: {@link #options} on the server's options, {@link #opened} from the connection handler, and
 * {@link #request} for every request before it is handled.
 */
public final class SlowClientGuard {
    private final Vertx vertx;
    private final HttpLimits limits;
    private final long checkEveryMs;
    private final Map<HttpConnection, Conn> connections = new ConcurrentHashMap<>();
    private final Counter closed;

    public SlowClientGuard(Vertx vertx, HttpLimits limits, MeterRegistry metrics) {
        this.vertx = vertx;
        this.limits = limits;
        this.checkEveryMs = Math.max(25, Math.min(limits.headerTimeoutMs(), limits.idleTimeoutMs()) / 4);
        this.closed = Counter.builder("memesnipe_http_slow_or_idle_closed_total")
                .description("HTTP connections closed (or streams reset) for a slow handshake, request or idleness")
                .register(metrics);
    }

    /**
     * Bounds the TLS handshake by the header timeout, and turns off HTTP/2 over plain TCP (h2c): with it on (the
     * Vert.x 5.0.7 default) a plain connection reaches the connection handler only once a whole request has
     * arrived, so a slow client would never be seen. No client of a node uses h2c.
     */
    public HttpServerOptions options(HttpServerOptions options) {
        return options.setSslHandshakeTimeout(limits.headerTimeoutMs()).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setHttp2ClearTextEnabled(false);
    }

    /** Installs the guard on a server that has no connection handler of its own. */
    public HttpServer install(HttpServer server) {
        return server.connectionHandler(this::opened);
    }

    /** A connection was accepted (its TLS handshake is done): from now on it must send a request in time. */
    public void opened(HttpConnection connection) {
        Conn c = new Conn(connection, now());
        connections.put(connection, c);
        c.timer = vertx.setPeriodic(checkEveryMs, id -> c.check());
        connection.closeHandler(v -> forget(c));
    }

    /**
     * A request arrived (its headers are in).
     *
     * @param stream whether its body may legitimately stay open (a client-streaming gRPC call); any other request
     *               must be wholly received within the header timeout
     */
    public void request(HttpServerRequest request, boolean stream) {
        Conn c = connections.get(request.connection());
        if (c != null) {
            c.http2 = request.version() == HttpVersion.HTTP_2;
            c.open.add(new Exchange(request, stream, now()));
            c.idleSinceMs = -1;
        }
    }

    private void forget(Conn c) {
        connections.remove(c.connection);
        vertx.cancelTimer(c.timer);
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private record Exchange(HttpServerRequest request, boolean stream, long startMs) {
        boolean done() {
            return request.response().closed() || (request.response().ended() && request.isEnded());
        }
    }

    /** One connection's exchanges in progress and since when it has had none. Touched on its event loop only. */
    private final class Conn {
        final HttpConnection connection;
        final List<Exchange> open = new ArrayList<>();
        long idleSinceMs;
        long timer;
        boolean http2;

        Conn(HttpConnection connection, long openedMs) {
            this.connection = connection;
            this.idleSinceMs = openedMs;
        }

        void check() {
            long now = now();
            open.removeIf(Exchange::done);
            for (Exchange x : List.copyOf(open)) {
                if (!x.stream() && !x.request().isEnded() && now - x.startMs() > limits.headerTimeoutMs()) {
                    closed.increment();
                    if (http2) {
                        x.request().response().reset(); // the other calls on this connection go on
                        open.remove(x);
                    } else {
                        connection.close();
                        return;
                    }
                }
            }
            if (!open.isEmpty()) {
                return;
            }
            if (idleSinceMs < 0) {
                idleSinceMs = now;
            }
            // HTTP/1.x: a connection without a request in progress may be receiving a request's headers
            long bound = http2 ? limits.idleTimeoutMs() : limits.headerTimeoutMs();
            if (now - idleSinceMs > bound) {
                closed.increment();
                connection.close();
                forget(this);
            }
        }
    }
}
