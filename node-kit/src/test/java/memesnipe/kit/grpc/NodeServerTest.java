package memesnipe.kit.grpc;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.testing.ReflectionProbe;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.NodeStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeServerTest {
    static Vertx vertx;
    static TestCerts certs;
    static NodeServer server;
    static HostPort address;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        certs = TestCerts.create();
        server = NodeServer.builder(vertx, NodeName.RISK).listen("127.0.0.1", 0).tls(certs.of(NodeName.RISK))
                .metrics(NodeMetrics.create("risk"))
                .status(() -> Statuses.of("risk", 42, Map.of("fills", "7")).build())
                .build().start().await(10, TimeUnit.SECONDS);
        address = new HostPort("127.0.0.1", server.actualPort());
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
        var http = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
                .setTrustOptions(certs.of(NodeName.RISK).trustOptions()));
        String body = http.request(HttpMethod.GET, address.port(), "localhost", "/metrics")
                .compose(r -> r.send().compose(resp -> resp.body()))
                .await(5, TimeUnit.SECONDS).toString();
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
                .status(() -> NodeStatus.getDefaultInstance()).onlyClients(Set.of()).build();
        assertThatThrownBy(() -> second.start().await(5, TimeUnit.SECONDS))
                .hasMessageContaining("port already in use");
    }
}
