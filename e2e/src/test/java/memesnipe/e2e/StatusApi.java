package memesnipe.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Reads the gateway's REST status API the way a user's dashboard would. */
final class StatusApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final int port;

    StatusApi(int port) {
        this.port = port;
    }

    /** The status document, or null when the gateway does not answer. */
    JsonObject status() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/status")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** A whole-number portfolio field (fills, openPositions), -1 when unknown. */
    long portfolio(String field) {
        JsonObject s = status();
        if (s == null || s.getJsonObject("portfolio") == null || s.getJsonObject("portfolio").getValue(field) == null) {
            return -1;
        }
        return s.getJsonObject("portfolio").getLong(field);
    }

    String tier() {
        JsonObject s = status();
        return s == null ? null : s.getJsonObject("breaker").getString("tier");
    }

    /** Whether the status API reports the node serving; null when unknown. */
    Boolean serving(String node) {
        JsonObject s = status();
        if (s == null) {
            return null;
        }
        JsonArray nodes = s.getJsonArray("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            if (node.equals(nodes.getJsonObject(i).getString("name"))) {
                return nodes.getJsonObject(i).getBoolean("serving");
            }
        }
        return null;
    }

    /** Polls until the condition holds; fails with the last status and the given context otherwise. */
    void await(String what, Duration within, Supplier<Boolean> condition, Supplier<String> context)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + within + ": " + what + "\nstatus: " + status() + context.get());
    }
}
