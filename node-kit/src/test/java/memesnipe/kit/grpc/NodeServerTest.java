package memesnipe.kit.grpc;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.http.HttpLimits;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.testing.ReflectionProbe;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.NodeStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeServerTest {
    static Vertx vertx;
    static TestCerts certs;
    static NodeServer server;
    static HostPort address;
    static HttpClient rawGrpc;
    static NodeServer limited;
    static io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics = NodeMetrics.create("risk");

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        certs = TestCerts.create();
        server = NodeServer.builder(vertx, NodeName.RISK).listen("127.0.0.1", 0).tls(certs.of(NodeName.RISK))
                .metrics(metrics)
                .status(() -> Statuses.of("risk", 42, Map.of("fills", "7")).build())
                .build().start().await(10, TimeUnit.SECONDS);
        address = new HostPort("127.0.0.1", server.actualPort());
        // the first client connection of a JVM pays for setting up the DNS resolver (seconds on a cold machine)
        new PeerProbe(GrpcClients.create(vertx, certs.of(NodeName.GATEWAY))).serving(address, 15_000)
                .await(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void healthStatusAndReflection_overTls_answerARealClient() throws Exception {
        GrpcClient client = GrpcClients.create(vertx, certs.of(NodeName.GATEWAY));
        PeerProbe probe = new PeerProbe(client);
        assertThat(probe.serving(address, 2000).await(5, TimeUnit.SECONDS)).isTrue();
        NodeStatus status = probe.status(address, 2000).await(5, TimeUnit.SECONDS);
        assertThat(status.getName()).isEqualTo("risk");
        assertThat(status.getFactsMap()).containsEntry("fills", "7");
        assertThat(ReflectionProbe.listServices(client, address).await(5, TimeUnit.SECONDS))
                .contains("memesnipe.v1.Node", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
    }

    @Test
    void metricsEndpoint_servesPrometheusText_onTheSamePort() throws Exception {
        String body = memesnipe.kit.testing.HttpGet.body(vertx, new HttpClientOptions().setSsl(true)
                .setTrustOptions(certs.of(NodeName.RISK).trustOptions()), address.port(), "localhost", "/metrics");
        assertThat(body).contains("node=\"risk\"").contains("jvm_memory_used_bytes");
    }

    @Test
    void unreachablePeer_isReportedNotServing() throws Exception {
        PeerProbe probe = new PeerProbe(GrpcClients.create(vertx, certs.of(NodeName.GATEWAY)));
        assertThat(probe.serving(new HostPort("127.0.0.1", 1), 1000).await(15, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void portInUse_failsWithClearMessage() {
        var second = NodeServer.builder(vertx, NodeName.RISK).listen("127.0.0.1", address.port())
                .tls(certs.of(NodeName.RISK)).metrics(NodeMetrics.create("risk"))
                .status(() -> NodeStatus.getDefaultInstance()).build();
        assertThatThrownBy(() -> second.start().await(5, TimeUnit.SECONDS))
                .hasMessageContaining("port already in use");
    }

    @Test
    void gzipBomb_isRefusedWithUnimplemented_beforeItIsInflated_andTheNodeKeepsServing() throws Exception {
        // 250 MB of zeros gzip to about 250 KB: the classic decompression bomb
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(zipped)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 250; i++) {
                gz.write(zeros);
            }
        }
        byte[] body = zipped.toByteArray();
        var answer = rawGrpcClient().request(HttpMethod.POST, address.port(), "localhost", "/memesnipe.v1.Node/GetStatus")
                .compose(req -> req.putHeader("content-type", "application/grpc").putHeader("te", "trailers")
                        .putHeader("grpc-encoding", "gzip").send(message(1, body)))
                .compose(NodeServerTest::whole) // the whole answer, not only its headers
                .await(10, TimeUnit.SECONDS);
        assertThat(grpcStatus(answer)).isEqualTo("12");
        assertThat(answer.getHeader("grpc-message")).contains("compressed");
        assertStillServing();
    }

    @ParameterizedTest(name = "grpc-encoding: {0}")
    @NullSource
    @ValueSource(strings = "identity")
    void compressedFlag_withoutGzipEncoding_isAnsweredUnimplemented_andTheNodeKeepsServing(String encoding)
            throws Exception {
        // Vert.x 5.0.7 alone: no header -> "Handle me" thrown per chunk and the call hangs; identity -> a bare reset
        Buffer compressed = message(1, gzip(new byte[100]));
        var answer = rawGrpcClient().request(HttpMethod.POST, address.port(), "localhost", "/memesnipe.v1.Node/GetStatus")
                .compose(req -> {
                    req.putHeader("content-type", "application/grpc").putHeader("te", "trailers");
                    if (encoding != null) {
                        req.putHeader("grpc-encoding", encoding);
                    }
                    return req.send(compressed);
                })
                .compose(NodeServerTest::whole)
                .await(10, TimeUnit.SECONDS);
        assertThat(grpcStatus(answer)).isEqualTo("12");
        assertThat(answer.getHeader("grpc-message")).contains("compressed");
        assertStillServing();
    }

    @Test
    void compressedMessage_laterInAStream_endsTheCallWithUnimplementedInTheTrailers() throws Exception {
        HttpClientRequest req = rawGrpcClient().request(HttpMethod.POST, address.port(), "localhost",
                "/grpc.health.v1.Health/Watch").await(5, TimeUnit.SECONDS);
        req.setChunked(true).putHeader("content-type", "application/grpc").putHeader("te", "trailers");
        Promise<Void> firstAnswer = Promise.promise();
        Future<HttpClientResponse> ended = req.response().compose(resp -> {
            resp.handler(data -> firstAnswer.tryComplete());
            return resp.end().map(v -> resp);
        });
        req.write(message(0, new byte[0])); // HealthCheckRequest{}: the server answers and keeps the stream open
        firstAnswer.future().await(5, TimeUnit.SECONDS);
        req.write(message(1, gzip(new byte[100])));
        HttpClientResponse answer = ended.await(5, TimeUnit.SECONDS);
        assertThat(answer.getTrailer("grpc-status")).isEqualTo("12");
        assertThat(answer.getTrailer("grpc-message")).contains("compressed");
        req.reset(); // the client's half of the stream is still open
        assertStillServing();
    }

    @Test
    void lengthPrefixLongerThanTheBody_isAnsweredWithAStatus_notLeftHanging() throws Exception {
        Buffer truncated = Buffer.buffer().appendByte((byte) 0).appendInt(100).appendBytes(new byte[10]);
        HttpClientResponse answer = rawCall("/memesnipe.v1.Node/GetStatus", null, truncated);
        assertThat(grpcStatus(answer)).isEqualTo("13");
        assertStillServing();
    }

    @ParameterizedTest(name = "grpc-encoding: {0}")
    @ValueSource(strings = {"deflate", "snappy", "x-unheard-of"})
    void unsupportedEncoding_isAnsweredUnimplemented(String encoding) throws Exception {
        HttpClientResponse answer = rawCall("/memesnipe.v1.Node/GetStatus", encoding, message(0, new byte[0]));
        assertThat(grpcStatus(answer)).isEqualTo("12");
        assertStillServing();
    }

    @Test
    void garbageProtobuf_isAnsweredInvalidArgument_notABareReset() throws Exception {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        HttpClientResponse answer = rawCall("/memesnipe.v1.Node/GetStatus", null, message(0, garbage));
        assertThat(grpcStatus(answer)).isEqualTo("3");
        assertStillServing();
    }

    @Test
    void unaryCallCarryingTwoRequestMessages_isNotAnsweredOk() throws Exception {
        Buffer two = message(0, new byte[0]).appendBuffer(message(0, new byte[0]));
        HttpClientResponse answer = rawCall("/memesnipe.v1.Node/GetStatus", null, two);
        assertThat(grpcStatus(answer)).isEqualTo("3");
        assertStillServing();
    }

    @Test
    void lengthPrefixAboveTheMessageLimit_isAnsweredResourceExhausted() throws Exception {
        Buffer huge = Buffer.buffer().appendByte((byte) 0).appendInt(Integer.MAX_VALUE).appendBytes(new byte[10]);
        HttpClientResponse answer = rawCall("/memesnipe.v1.Node/GetStatus", null, huge);
        assertThat(grpcStatus(answer)).isEqualTo("8");
        assertStillServing();
    }

    @Test
    void messageFlagOtherThanZeroOrOne_isAnsweredInternal() throws Exception {
        HttpClientResponse answer = rawCall("/memesnipe.v1.Node/GetStatus", null, message(7, new byte[0]));
        assertThat(grpcStatus(answer)).isEqualTo("13");
        assertStillServing();
    }

    @Test
    void serverStreamingCallCarryingTwoRequestMessages_endsWithInvalidArgument() throws Exception {
        HealthCheckRequest check = HealthCheckRequest.getDefaultInstance();
        Buffer two = message(0, check.toByteArray()).appendBuffer(message(0, check.toByteArray()));
        HttpClientResponse answer = rawCall("/grpc.health.v1.Health/Watch", null, two);
        assertThat(grpcStatus(answer)).isEqualTo("3");
        assertStillServing();
    }

    @Test
    void malformedRequests_areCountedByProblem() throws Exception {
        rawCall("/memesnipe.v1.Node/GetStatus", null, message(0, new byte[] {(byte) 0xFF}));
        assertThat(metrics.scrape()).containsPattern("memesnipe_grpc_malformed_refused_total\\{[^}]*problem=\"not_a_request\"[^}]*} [1-9]");
    }

    @Test
    void cancelledHealthWatches_areForgottenAtOnce_whileTheirConnectionStaysOpen() throws Exception {
        GrpcClient client = GrpcClients.create(vertx, certs.of(NodeName.GATEWAY));
        List<GrpcClientRequest<HealthCheckRequest, HealthCheckResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var req = client.request(address.socketAddress(), WATCH).await(5, TimeUnit.SECONDS);
            Promise<HealthCheckResponse> first = Promise.promise();
            req.response().onSuccess(resp -> resp.handler(first::tryComplete));
            req.end(HealthCheckRequest.newBuilder().setService(i % 2 == 0 ? "" : "made.up.Service" + i).build());
            first.future().await(5, TimeUnit.SECONDS);
            calls.add(req);
        }
        assertThat(server.healthWatchers()).isEqualTo(20);
        assertThat(metrics.scrape()).contains("memesnipe_grpc_health_watchers{node=\"risk\"} 20.0");
        calls.forEach(GrpcClientRequest::cancel); // RST_STREAM CANCEL; the connection stays open
        memesnipe.kit.testing.Await.until("every cancelled watcher forgotten", java.time.Duration.ofSeconds(5), () -> server.healthWatchers() == 0);
        assertThat(metrics.scrape()).contains("memesnipe_grpc_health_watchers{node=\"risk\"} 0.0");
        assertThat(new PeerProbe(client).serving(address, 2000).await(5, TimeUnit.SECONDS)).isTrue();
        client.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void healthWatches_ofAClosedConnection_areForgotten() throws Exception {
        GrpcClient client = GrpcClients.create(vertx, certs.of(NodeName.GATEWAY));
        for (int i = 0; i < 5; i++) {
            var req = client.request(address.socketAddress(), WATCH).await(5, TimeUnit.SECONDS);
            Promise<HealthCheckResponse> first = Promise.promise();
            req.response().onSuccess(resp -> resp.handler(first::tryComplete));
            req.end(HealthCheckRequest.getDefaultInstance());
            assertThat(first.future().await(5, TimeUnit.SECONDS).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
        assertThat(server.healthWatchers()).isEqualTo(5);
        client.close().await(5, TimeUnit.SECONDS);
        memesnipe.kit.testing.Await.until("the closed connection's watchers forgotten", java.time.Duration.ofSeconds(5), () -> server.healthWatchers() == 0);
    }

    @Test
    void healthCheck_ofAServiceTheNodeServes_isServing_andOfAnUnknownOne_isNotFound() throws Exception {
        GrpcClient client = GrpcClients.create(vertx, certs.of(NodeName.GATEWAY));
        var serving = Calls.unary(client, address, PeerProbe.HEALTH_CHECK,
                HealthCheckRequest.newBuilder().setService("memesnipe.v1.Node").build(), 2000).await(5, TimeUnit.SECONDS);
        assertThat(serving.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThatThrownBy(() -> Calls.unary(client, address, PeerProbe.HEALTH_CHECK,
                HealthCheckRequest.newBuilder().setService("no.such.Service").build(), 2000).await(5, TimeUnit.SECONDS))
                .hasMessageContaining("NOT_FOUND");
        client.close().await(5, TimeUnit.SECONDS);
    }

    /** A server whose clients have 800 ms for a request and may idle 800 ms (the same bound for both). */
    static NodeServer limitedServer() throws Exception {
        if (limited == null) {
            limited = NodeServer.builder(vertx, NodeName.RISK).listen("127.0.0.1", 0).tls(certs.of(NodeName.RISK))
                    .httpLimits(new HttpLimits(800, 800)).metrics(NodeMetrics.create("risk"))
                    .status(() -> Statuses.of("risk", 42, Map.of()).build())
                    .build().start().await(10, TimeUnit.SECONDS);
        }
        return limited;
    }

    /** A raw TCP connection to the limited server, over TLS (HTTP/1.1: no ALPN) or not; completes when it closes. */
    static NetSocket rawSocket(boolean tls, Promise<Void> closed) throws Exception {
        NetClientOptions options = new NetClientOptions();
        if (tls) {
            options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS").setTrustOptions(certs.of(NodeName.RISK).trustOptions());
        }
        NetSocket socket = vertx.createNetClient(options).connect(limitedServer().actualPort(), "localhost")
                .await(5, TimeUnit.SECONDS);
        socket.closeHandler(v -> closed.tryComplete());
        return socket;
    }

    @Test
    void clientThatConnectsAndSendsNothing_isClosedWithinTheHeaderTimeout() throws Exception {
        Promise<Void> closed = Promise.promise();
        rawSocket(false, closed); // not even a TLS ClientHello
        closed.future().await(5, TimeUnit.SECONDS);
    }

    @Test
    void slowlorisHeaders_sentByteByByte_areClosedWithinTheHeaderTimeout_whileAQuietGrpcStreamStaysOpen()
            throws Exception {
        NodeServer server = limitedServer();
        GrpcClient client = GrpcClients.create(vertx, certs.of(NodeName.GATEWAY));
        var watch = client.request(new HostPort("127.0.0.1", server.actualPort()).socketAddress(), WATCH)
                .await(5, TimeUnit.SECONDS);
        Promise<HealthCheckResponse> first = Promise.promise();
        Promise<Void> watchEnded = Promise.promise();
        watch.response().onSuccess(resp -> resp.handler(first::tryComplete).endHandler(watchEnded::tryComplete)
                .exceptionHandler(watchEnded::tryFail));
        watch.end(HealthCheckRequest.getDefaultInstance());
        first.future().await(5, TimeUnit.SECONDS);

        Promise<Void> closed = Promise.promise();
        NetSocket slow = rawSocket(true, closed);
        slow.write("GET /health HTTP/1.1\r\nHost: localhost\r\n");
        long drip = vertx.setPeriodic(50, id -> slow.write("X")); // a header line that never ends
        try {
            closed.future().await(5, TimeUnit.SECONDS);
        } finally {
            vertx.cancelTimer(drip);
        }
        // the watch has now been quiet for longer than both bounds: a gRPC stream is not an idle connection
        assertThat(watchEnded.future().isComplete()).isFalse();
        assertThat(server.healthWatchers()).isEqualTo(1);
        watch.cancel();
        client.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void slowRequestBody_trickledByteByByte_isClosedWithinTheHeaderTimeout() throws Exception {
        Promise<Void> closed = Promise.promise();
        NetSocket slow = rawSocket(true, closed);
        slow.write("POST /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n");
        long drip = vertx.setPeriodic(50, id -> slow.write("X"));
        try {
            closed.future().await(5, TimeUnit.SECONDS);
        } finally {
            vertx.cancelTimer(drip);
        }
    }

    @Test
    void keepAliveConnection_thatSendsNothingAfterItsFirstRequest_isClosed() throws Exception {
        Promise<Void> closed = Promise.promise();
        Promise<Void> answered = Promise.promise();
        NetSocket socket = rawSocket(true, closed);
        socket.handler(data -> answered.tryComplete());
        socket.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        answered.future().await(5, TimeUnit.SECONDS);
        closed.future().await(5, TimeUnit.SECONDS);
    }

    @Test
    void http2Connection_withNoCallOpen_isClosedAfterTheIdleTimeout_andAClientSimplyReconnects() throws Exception {
        HttpClient h2 = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
                .setProtocolVersion(HttpVersion.HTTP_2).setTrustOptions(certs.of(NodeName.RISK).trustOptions()));
        int port = limitedServer().actualPort();
        Promise<Void> closed = Promise.promise();
        // the request is sent as soon as its stream is open: no idle gap of the test's own before it
        assertThat(h2.request(HttpMethod.GET, port, "localhost", "/health").compose(req -> {
            req.connection().closeHandler(v -> closed.tryComplete());
            return req.send();
        }).compose(HttpClientResponse::body).await(5, TimeUnit.SECONDS).toString()).contains("UP");
        closed.future().await(5, TimeUnit.SECONDS); // the server closed the idle connection
        // a client simply reconnects: the next request succeeds on a new connection (a request racing the old
        // connection's GOAWAY may be refused once; it is asked again, within a bound)
        memesnipe.kit.testing.Await.until("a new connection answers /health", java.time.Duration.ofSeconds(10),
                () -> h2.request(HttpMethod.GET, port, "localhost", "/health").compose(r -> r.send())
                        .compose(HttpClientResponse::body).await(5, TimeUnit.SECONDS).toString().contains("UP"));
        h2.close().await(5, TimeUnit.SECONDS);
    }

    static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> WATCH = ServiceMethod.client(
            ServiceName.create("grpc.health.v1", "Health"), "Watch",
            GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));

    /** Sends one raw request body and waits for the whole answer (headers, data and trailers). */
    static HttpClientResponse rawCall(String path, String encoding, Buffer body) throws Exception {
        return rawGrpcClient().request(HttpMethod.POST, address.port(), "localhost", path)
                .compose(req -> {
                    req.putHeader("content-type", "application/grpc").putHeader("te", "trailers");
                    if (encoding != null) {
                        req.putHeader("grpc-encoding", encoding);
                    }
                    return req.send(body);
                })
                .compose(NodeServerTest::whole)
                .await(10, TimeUnit.SECONDS);
    }

    /** The response once it has ended (a trailers-only answer may have ended before this is called). */
    static Future<HttpClientResponse> whole(HttpClientResponse resp) {
        try {
            return resp.end().map(v -> resp);
        } catch (IllegalStateException alreadyEnded) {
            return Future.succeededFuture(resp);
        }
    }

    /** An HTTP/2 client over TLS that sends gRPC framing by hand (kept referenced: Vert.x closes unreachable clients). */
    static HttpClient rawGrpcClient() {
        if (rawGrpc == null) {
            rawGrpc = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
                    .setProtocolVersion(HttpVersion.HTTP_2).setTrustOptions(certs.of(NodeName.RISK).trustOptions()));
        }
        return rawGrpc;
    }

    /** A length-prefixed gRPC message with the given compressed flag. */
    static Buffer message(int compressedFlag, byte[] payload) {
        return Buffer.buffer().appendByte((byte) compressedFlag).appendInt(payload.length).appendBytes(payload);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(zipped)) {
            gz.write(data);
        }
        return zipped.toByteArray();
    }

    /** The grpc-status of an answer: in the headers of a trailers-only answer, else in the trailers. */
    static String grpcStatus(HttpClientResponse answer) {
        String inHeaders = answer.getHeader("grpc-status");
        return inHeaders != null ? inHeaders : answer.getTrailer("grpc-status");
    }

    static void assertStillServing() throws Exception {
        PeerProbe probe = new PeerProbe(GrpcClients.create(vertx, certs.of(NodeName.GATEWAY)));
        assertThat(probe.status(address, 2000).await(5, TimeUnit.SECONDS).getName()).isEqualTo("risk");
    }
}
