package memesnipe.kit.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;

/**
 * Loads the JDK's TLS defaults on the calling (main) thread before any verticle starts.
 *
 * <p>The first TLS connection a JVM makes initialises Vert.x's default cipher-suite list, which initialises a JDK
 * {@link SSLContext} and with it parses the whole default trust store. Done lazily, that happens on an event loop,
 * and every other event loop that opens a TLS connection meanwhile waits on the same class-initialisation lock. On a
 * busy two-core machine this once held all five nodes' event loops for more than seven seconds at start-up. Calling
 * {@link #warm()} first moves that cost to a thread that is allowed to block.
 */
public final class TlsWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(TlsWarmup.class);
    private static final String VERTX_CIPHER_SUITES = "io.vertx.core.spi.tls.DefaultJDKCipherSuite";

    private TlsWarmup() {
    }

    /** Idempotent and cheap after the first call; never throws (a failure only means the cost stays lazy). */
    public static void warm() {
        try {
            SSLContext.getInstance("TLS").init(null, null, null);
            Class.forName(VERTX_CIPHER_SUITES, true, TlsWarmup.class.getClassLoader());
        } catch (Exception | LinkageError e) {
            LOG.debug("TLS warm-up skipped: {}", e.toString());
        }
    }
}
