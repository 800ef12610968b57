package memesnipe.kit.http;

import memesnipe.kit.config.ConfigReader;

/**
 * How long an HTTP client of a node (gRPC, /health, /metrics, the REST API) may take, read once with the node's
 * other basics. Keys: http-header-timeout-ms, http-idle-timeout-ms.
 *
 * @param headerTimeoutMs a new connection must finish its TLS handshake and send its first request's headers within
 *                        this; on HTTP/1.x every later request's headers too, counted from the end of the previous
 *                        exchange; and a request that is not a stream must be wholly received within this of its
 *                        headers
 * @param idleTimeoutMs   an HTTP/2 connection with no call or stream open is closed after this
 */
public record HttpLimits(long headerTimeoutMs, long idleTimeoutMs) {
    public static final String HEADER_TIMEOUT_KEY = "http-header-timeout-ms";
    public static final long HEADER_TIMEOUT_DEFAULT = 10_000;
    public static final String IDLE_TIMEOUT_KEY = "http-idle-timeout-ms";
    public static final long IDLE_TIMEOUT_DEFAULT = 120_000;
    public static final HttpLimits DEFAULTS = new HttpLimits(HEADER_TIMEOUT_DEFAULT, IDLE_TIMEOUT_DEFAULT);

    public HttpLimits {
        if (headerTimeoutMs < 1 || idleTimeoutMs < 1) {
            throw new IllegalArgumentException("HTTP timeouts must be positive");
        }
    }

    public static HttpLimits read(ConfigReader r) {
        long header = r.longValue(HEADER_TIMEOUT_KEY, HEADER_TIMEOUT_DEFAULT, 100, 600_000,
                "ms a client has for the TLS handshake and a request's headers (and a non-streaming request's body); "
                        + "slower connections are closed");
        long idle = r.longValue(IDLE_TIMEOUT_KEY, IDLE_TIMEOUT_DEFAULT, 100, 86_400_000,
                "ms an HTTP/2 connection with no call or stream open is kept");
        return new HttpLimits(header, idle);
    }
}
