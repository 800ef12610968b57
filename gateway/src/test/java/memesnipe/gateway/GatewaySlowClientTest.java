package memesnipe.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.Settings;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.testing.LogCapture;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.MarketDataGrpcClient;
import memesnipe.v1.SubscribeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's REST port bounds its clients like the gRPC port does (slow and idle connections are closed), and a
 * forged subscriber name never reaches its log.
 */
class GatewaySlowClientTest {
    static Vertx vertx;
    static GatewayVerticle gateway;
    static TestCerts certs;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        certs = TestCerts.create();
        Settings s = Settings.empty().with("certs-dir", certs.dir().toString())
                .with("host", "127.0.0.1").with("grpc-port", "0")
                .with("http-host", "127.0.0.1").with("http-port", "0").with("feed-rate", "0")
                .with("strategy", "127.0.0.1:1").with("risk", "127.0.0.1:2").with("executor", "127.0.0.1:3")
                .with("redis-url", TestDatabase.redis().url())
                .with("journal-stream", "test:gateway-slow:" + java.util.UUID.randomUUID())
                .with("http-header-timeout-ms", "800");
        gateway = new GatewayVerticle(GatewayConfig.from(s), Clock.system());
        vertx.deployVerticle(gateway).await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    static NetSocket connect(Promise<Void> closed) throws Exception {
        NetSocket socket = vertx.createNetClient().connect(gateway.httpPort(), "127.0.0.1").await(5, TimeUnit.SECONDS);
        socket.closeHandler(v -> closed.tryComplete());
        return socket;
    }

    @Test
    void restClientThatSendsNothing_isClosedWithinTheHeaderTimeout() throws Exception {
        Promise<Void> closed = Promise.promise();
        connect(closed);
        closed.future().await(5, TimeUnit.SECONDS);
    }

    @Test
    void slowlorisHeadersOnTheRestPort_sentByteByByte_areClosedWithinTheHeaderTimeout() throws Exception {
        Promise<Void> closed = Promise.promise();
        NetSocket slow = connect(closed);
        slow.write("GET /api/v1/status HTTP/1.1\r\nHost: localhost\r\n");
        long drip = vertx.setPeriodic(50, id -> slow.write("X"));
        try {
            closed.future().await(5, TimeUnit.SECONDS);
        } finally {
            vertx.cancelTimer(drip);
        }
    }

    @Test
    void forgedSubscriberName_isRefusedAndNeverStartsALogLine() throws Exception {
        GrpcClient client = GrpcClients.create(vertx, certs.of(NodeName.STRATEGY));
        try (LogCapture logs = LogCapture.start()) {
            SubscribeRequest forged = SubscribeRequest.newBuilder()
                    .setSubscriber("s\n12:00:00.000 ERROR [main] m.g.GatewayVerticle - FORGED LINE").build();
            Throwable refused = Calls.serverStream(client, new HostPort("127.0.0.1", gateway.grpcPort()),
                    MarketDataGrpcClient.Subscribe, forged)
                    .transform(ar -> Future.succeededFuture(ar.cause())).await(5, TimeUnit.SECONDS);
            assertThat(refused).hasMessageContaining("INVALID_ARGUMENT");
            assertThat(logs.forgedLines()).isEmpty();
        }
    }
}
