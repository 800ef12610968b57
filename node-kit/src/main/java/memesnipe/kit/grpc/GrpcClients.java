package memesnipe.kit.grpc;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.tls.TlsFiles;

/** Builds gRPC clients that speak HTTP/2 over TLS, trust only the deployment CA and present the node's certificate. */
public final class GrpcClients {
    private GrpcClients() {
    }

    public static GrpcClient create(Vertx vertx, TlsFiles tls) {
        return GrpcClient.client(vertx, options(tls.trustOptions()).setKeyCertOptions(tls.keyCertOptions()));
    }

    /**
     * A client that presents no certificate and trusts the deployment's CA (ca.pem): for what any TLS client may
     * call, such as health checks from probes.
     */
    public static GrpcClient anonymous(Vertx vertx, java.nio.file.Path caPem) {
        return GrpcClient.client(vertx, options(new io.vertx.core.net.PemTrustOptions().addCertPath(caPem.toString())));
    }

    private static HttpClientOptions options(io.vertx.core.net.TrustOptions trust) {
        HttpClientOptions http = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setSsl(true)
                .setUseAlpn(true)
                .setVerifyHost(true)
                .setTrustOptions(trust)
                .setInitialSettings(new io.vertx.core.http.Http2Settings().setInitialWindowSize(1 << 20))
                .setHttp2ConnectionWindowSize(4 << 20)
                .setConnectTimeout(2_000)
                .setSslHandshakeTimeout(5);
        http.setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
        return http;
    }
}
