package memesnipe.gateway.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;

/**
 * GET /api/v1/events: the status document as server-sent events, one every {@code everyMs} and one at once, for the
 * live dashboard. At most {@code maxClients} streams are open (more get 503 with a reason); a client that does not
 * read is skipped while its write queue is full, never buffered without bound. Event-loop only.
 */
public final class LiveStatus {
    private final Vertx vertx;
    private final Supplier<JsonObject> status;
    private final int maxClients;
    private final long everyMs;
    private int clients;

    public LiveStatus(Vertx vertx, Supplier<JsonObject> status, int maxClients, long everyMs, MeterRegistry metrics) {
        this.vertx = vertx;
        this.status = status;
        this.maxClients = maxClients;
        this.everyMs = everyMs;
        Gauge.builder("memesnipe_gateway_live_status_clients", this, l -> l.clients)
                .description("live dashboard streams (GET /api/v1/events) open now").register(metrics);
    }

    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (clients >= maxClients) {
            response.setStatusCode(503).putHeader("content-type", "text/plain; charset=utf-8")
                    .end("at most " + maxClients + " live status streams are served at once\n");
            return;
        }
        clients++;
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-content-type-options", "nosniff");
        long timer = vertx.setPeriodic(0, everyMs, id -> {
            if (!response.closed() && !response.writeQueueFull()) {
                response.write("data: " + status.get().encode() + "\n\n");
            }
        });
        response.closeHandler(v -> {
            vertx.cancelTimer(timer);
            clients--;
        });
    }

    /** Streams open now. */
    public int clients() {
        return clients;
    }
}
