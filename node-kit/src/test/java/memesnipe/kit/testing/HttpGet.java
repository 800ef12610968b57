package memesnipe.kit.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

import java.util.concurrent.TimeUnit;

/**
 * One HTTP GET from a test, with a client of its own that stays referenced until the body has arrived and is closed
 * afterwards. (Vert.x 5 closes an HTTP client once it is no longer referenced: a client created inline in a call chain
 * can be collected, and its pool closed, while its request is still in flight — "Pool closed".)
 */
public final class HttpGet {
    private HttpGet() {
    }

    /** The body of GET path on 127.0.0.1:port over plain HTTP. */
    public static String body(Vertx vertx, int port, String path) throws Exception {
        return body(vertx, new HttpClientOptions(), port, "127.0.0.1", path);
    }

    /** The body of GET path with these client options (TLS, trust) on host:port. */
    public static String body(Vertx vertx, HttpClientOptions options, int port, String host, String path) throws Exception {
        HttpClient client = vertx.createHttpClient(options);
        try {
            return client.request(HttpMethod.GET, port, host, path)
                    .compose(r -> r.send().compose(HttpClientResponse::body))
                    .await(10, TimeUnit.SECONDS).toString();
        } finally {
            client.close();
        }
    }
}
