package memesnipe.kit.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TLS-terminating relay in front of a real plaintext server, so tests can run clients over TLS against the
 * shared local PostgreSQL and Redis (which have no certificates of their own). For PostgreSQL it speaks the
 * protocol's TLS negotiation: the client's 8-byte SSLRequest (int32 length 8, int32 code 80877103) is answered
 * with 'S' and the socket upgraded to TLS (a GSSENCRequest gets 'N', as from a server without GSSAPI); anything
 * else first (a plaintext StartupMessage) is counted and the connection closed, so a client that did not use TLS
 * fails. For Redis it is TLS from the first byte. The decrypted bytes are piped both ways to 127.0.0.1:targetPort.
 * Counters tell a test what happened on the wire. Vert.x NetServer and NetClient; test code only.
 */
public final class TlsProxy implements AutoCloseable {
    /** PostgreSQL's SSLRequest code (1234 in the high 16 bits, 5679 in the low). */
    public static final int SSL_REQUEST = 80877103;
    /** PostgreSQL's GSSENCRequest code. */
    public static final int GSSENC_REQUEST = 80877104;

    private final NetServer server;
    private final NetClient client;
    private final String host;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sslRequests = new AtomicInteger();
    private final AtomicInteger tlsSessions = new AtomicInteger();
    private final AtomicInteger handshakeFailures = new AtomicInteger();
    private final AtomicInteger plaintextRefused = new AtomicInteger();

    private TlsProxy(NetServer server, NetClient client, String host) {
        this.server = server;
        this.client = client;
        this.host = host;
    }

    /** A relay on a free port of host (a loopback address) speaking PostgreSQL's SSLRequest negotiation. */
    public static TlsProxy postgres(Vertx vertx, String host, int targetPort, PemKeyCertOptions cert) throws Exception {
        ServerSSLOptions tls = new ServerSSLOptions().setKeyCertOptions(cert);
        NetServer server = vertx.createNetServer(new NetServerOptions());
        TlsProxy p = new TlsProxy(server, vertx.createNetClient(), host);
        server.connectHandler(socket -> p.negotiate(socket, tls, targetPort));
        server.listen(0, host).await(10, TimeUnit.SECONDS);
        return p;
    }

    /** A relay on a free port of host (a loopback address) that is TLS from the first byte, as rediss:// expects. */
    public static TlsProxy redis(Vertx vertx, String host, int targetPort, PemKeyCertOptions cert) throws Exception {
        NetServer server = vertx.createNetServer(new NetServerOptions().setSsl(true).setKeyCertOptions(cert));
        TlsProxy p = new TlsProxy(server, vertx.createNetClient(), host);
        server.exceptionHandler(err -> p.handshakeFailures.incrementAndGet()); // errors before a connection: TLS
        server.connectHandler(socket -> {
            socket.pause();
            if (socket.isSsl()) {
                p.tlsSessions.incrementAndGet();
            }
            p.relay(socket, targetPort);
        });
        server.listen(0, host).await(10, TimeUnit.SECONDS);
        return p;
    }

    private void negotiate(NetSocket socket, ServerSSLOptions tls, int targetPort) {
        open.add(socket);
        socket.closeHandler(v -> open.remove(socket));
        Buffer[] head = {Buffer.buffer()};
        socket.handler(data -> {
            Buffer h = head[0].appendBuffer(data);
            if (h.length() < 8) {
                return;
            }
            int length = h.getInt(0);
            int code = h.getInt(4);
            if (length == 8 && code == GSSENC_REQUEST && h.length() == 8) {
                head[0] = Buffer.buffer(); // the client goes on with an SSLRequest or a StartupMessage
                socket.write(Buffer.buffer("N"));
            } else if (length == 8 && code == SSL_REQUEST && h.length() == 8) {
                sslRequests.incrementAndGet();
                socket.handler(null);
                socket.pause();
                // 'S' is written and only then the TLS handler installed (no race with the client's ClientHello)
                socket.upgradeToSsl(tls, null, Buffer.buffer("S"))
                        .onSuccess(v -> {
                            tlsSessions.incrementAndGet();
                            relay(socket, targetPort);
                        })
                        .onFailure(err -> {
                            handshakeFailures.incrementAndGet();
                            socket.close();
                        });
            } else {
                plaintextRefused.incrementAndGet();
                socket.close();
            }
        });
    }

    /** Pipes the (paused) client socket to a new plaintext connection to the real server, both ways. */
    private void relay(NetSocket socket, int targetPort) {
        open.add(socket);
        Future<NetSocket> target = client.connect(targetPort, "127.0.0.1");
        target.onSuccess(backend -> {
            open.add(backend);
            backend.closeHandler(v -> {
                open.remove(backend);
                socket.close();
            });
            socket.closeHandler(v -> {
                open.remove(socket);
                backend.close();
            });
            socket.pipeTo(backend);
            backend.pipeTo(socket);
        }).onFailure(err -> socket.close());
    }

    public int port() {
        return server.actualPort();
    }

    /** The address the relay listens on. */
    public String host() {
        return host;
    }

    /** PostgreSQL SSLRequests received (a client asking for TLS before anything else). */
    public int sslRequests() {
        return sslRequests.get();
    }

    /** Connections that completed a TLS handshake and were relayed. */
    public int tlsSessions() {
        return tlsSessions.get();
    }

    /** TLS handshakes that failed (a client that refused the certificate, say). */
    public int handshakeFailures() {
        return handshakeFailures.get();
    }

    /** PostgreSQL connections that started in plaintext (closed unanswered). */
    public int plaintextRefused() {
        return plaintextRefused.get();
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
        for (NetSocket s : open) {
            s.close();
        }
        client.close().await(10, TimeUnit.SECONDS);
    }
}
