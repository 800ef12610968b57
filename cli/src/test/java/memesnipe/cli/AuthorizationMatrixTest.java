package memesnipe.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.ExecutorGrpcClient;
import memesnipe.v1.GetBreakerRequest;
import memesnipe.v1.GetLimitsRequest;
import memesnipe.v1.GetPolicyRequest;
import memesnipe.v1.GetPublicKeysRequest;
import memesnipe.v1.GetStatusRequest;
import memesnipe.v1.MarketDataGrpcClient;
import memesnipe.v1.NodeGrpcClient;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.ResetRequest;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.SignRequest;
import memesnipe.v1.SignerGrpcClient;
import memesnipe.v1.SubscribeRequest;
import memesnipe.v1.TripRequest;
import memesnipe.v1.WatchBreakerRequest;
import memesnipe.v1.WatchFillsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every RPC of every node (its own services, Node.GetStatus, grpc.reflection.v1 as grpcurl lists and describes with
 * it, grpc.health.v1) and every node's GET /metrics, called by every kind of caller: no client certificate, each
 * node's certificate, the operator's admin certificate, the monitoring certificate, and a certificate from another
 * CA (naming the strategy node). A call counts as served when the node answered it itself (OK, or a status about
 * the request such as INVALID_ARGUMENT); it counts as refused when the answer is UNAUTHENTICATED or
 * PERMISSION_DENIED (HTTP 401 or 403), or the connection failed. The test asserts exactly who is served, call by
 * call, and that every refusal of a certificate of this deployment (or of none) is such an answer, never a dropped
 * connection or a hang; only the foreign CA's certificate fails the TLS handshake. Requests are empty or invalid,
 * so nothing trades or trips.
 */
class AuthorizationMatrixTest {
    static final String NONE = "no-cert";
    static final String ADMIN = "admin";
    static final String FOREIGN = "foreign-ca";
    static final String MONITOR = "monitor";
    static final Set<String> NODES = Set.of("gateway", "strategy", "risk", "executor", "signer");
    static final Set<String> ANY_OF_OURS = union(NODES, Set.of(ADMIN));
    static final Set<String> ANY_TLS_CLIENT = union(ANY_OF_OURS, Set.of(NONE, MONITOR));

    static Vertx vertx;
    static Cluster cluster;
    static TestDatabase db;
    static Path certs;
    static final Map<String, GrpcClient> callers = new LinkedHashMap<>();

    /** Who must be served, per RPC. */
    static final Map<String, Set<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("gateway MarketData/Subscribe", Set.of("strategy", "risk", "executor", "signer", ADMIN)),
            Map.entry("gateway Node/GetStatus", ANY_OF_OURS),
            Map.entry("strategy Node/GetStatus", ANY_OF_OURS),
            Map.entry("risk Risk/Submit", Set.of("strategy")),
            Map.entry("risk Risk/GetBreaker", ANY_OF_OURS),
            Map.entry("risk Risk/WatchBreaker", ANY_OF_OURS),
            Map.entry("risk Risk/Trip", Set.of(ADMIN)),
            Map.entry("risk Risk/Reset", Set.of(ADMIN)),
            Map.entry("risk Risk/ListPositions", Set.of("gateway", ADMIN)),
            Map.entry("risk Risk/ListFills", Set.of("gateway", ADMIN)),
            Map.entry("risk Risk/ListDecisions", Set.of("gateway", ADMIN)),
            Map.entry("risk Risk/ListStrategies", Set.of("gateway", ADMIN)),
            Map.entry("risk Risk/RecordBacktestEvidence", Set.of(ADMIN)),
            Map.entry("risk Node/GetStatus", ANY_OF_OURS),
            Map.entry("executor Executor/Execute", Set.of("risk")),
            Map.entry("executor Executor/WatchFills", Set.of("risk", "gateway")),
            Map.entry("executor Executor/GetLimits", Set.of("risk")),
            Map.entry("executor Node/GetStatus", Set.of("risk", "gateway", ADMIN)),
            Map.entry("signer Signer/Sign", Set.of("executor")),
            Map.entry("signer Signer/GetPublicKeys", Set.of("executor")),
            Map.entry("signer Signer/GetPolicy", Set.of("executor")),
            Map.entry("signer Node/GetStatus", Set.of("executor")),
            Map.entry("gateway reflection", ANY_OF_OURS),
            Map.entry("strategy reflection", ANY_OF_OURS),
            Map.entry("risk reflection", ANY_OF_OURS),
            Map.entry("executor reflection", Set.of("risk", "gateway", ADMIN)),
            Map.entry("signer reflection", Set.of("executor")),
            Map.entry("gateway health", ANY_TLS_CLIENT),
            Map.entry("strategy health", ANY_TLS_CLIENT),
            Map.entry("risk health", ANY_TLS_CLIENT),
            Map.entry("executor health", ANY_TLS_CLIENT),
            Map.entry("signer health", ANY_TLS_CLIENT)));

    /** Who may read GET /metrics on each node's TLS port. */
    static final Map<String, Set<String>> METRICS = new TreeMap<>(Map.of(
            "gateway", ANY_TLS_CLIENT,
            "strategy", ANY_TLS_CLIENT,
            "risk", ANY_TLS_CLIENT,
            "executor", Set.of("risk", "gateway", ADMIN, MONITOR),
            "signer", Set.of("executor", MONITOR)));

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("authz");
        certs = dir.resolve("certs");
        CertificateAuthority.writeDeployment(certs, List.of(), Duration.ofDays(1));
        Path foreign = dir.resolve("foreign");
        CertificateAuthority.writeDeployment(foreign, List.of(), Duration.ofDays(1));
        db = TestDatabase.create();
        Cluster.Layout layout = new Cluster.Layout(certs, dir, freeBase(), 0, db.url(), TestDatabase.redis().url());
        vertx = Cluster.newVertx();
        Map<NodeName, Map<String, String>> extra = new EnumMap<>(NodeName.class);
        extra.put(NodeName.GATEWAY, Map.of("journal-stream", "authz:" + java.util.UUID.randomUUID()));
        cluster = Cluster.start(vertx, layout, extra, Clock.system()).await(60, TimeUnit.SECONDS);

        TlsFiles any = TlsFiles.inDir(certs, NodeName.STRATEGY);
        callers.put(NONE, GrpcClient.client(vertx, options().setTrustOptions(any.trustOptions())));
        for (NodeName n : NodeName.values()) {
            callers.put(n.id(), memesnipe.kit.grpc.GrpcClients.create(vertx, TlsFiles.inDir(certs, n)));
        }
        callers.put(ADMIN, memesnipe.kit.grpc.GrpcClients.create(vertx, TlsFiles.admin(certs)));
        callers.put(MONITOR, memesnipe.kit.grpc.GrpcClients.create(vertx, TlsFiles.monitor(certs)));
        callers.put(FOREIGN, GrpcClient.client(vertx, options().setTrustOptions(any.trustOptions())
                .setKeyCertOptions(TlsFiles.inDir(foreign, NodeName.STRATEGY).keyCertOptions())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
    }

    static HttpClientOptions options() {
        return new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setSsl(true).setUseAlpn(true)
                .setConnectTimeout(3_000);
    }

    @Test
    void everyRpcOfEveryNode_servesExactlyItsCallers() {
        Map<String, Set<String>> served = new TreeMap<>();
        Map<String, String> refusals = new TreeMap<>();
        for (Map.Entry<String, Function<GrpcClient, Future<?>>> rpc : rpcs().entrySet()) {
            Set<String> who = new TreeSet<>();
            for (Map.Entry<String, GrpcClient> caller : callers.entrySet()) {
                Outcome o = call(rpc.getValue(), caller.getValue());
                if (o.served()) {
                    who.add(caller.getKey());
                } else {
                    refusals.put(rpc.getKey() + " <- " + caller.getKey(), o.how());
                }
            }
            served.put(rpc.getKey(), who);
        }
        assertThat(served).as("who is served, per RPC (refusals: %s)", refusals).isEqualTo(EXPECTED);
        assertThat(refusals).as("a foreign CA's certificate is refused everywhere")
                .containsKeys(EXPECTED.keySet().stream().map(r -> r + " <- " + FOREIGN).toArray(String[]::new));
        refusals.forEach((call, how) -> {
            if (!call.endsWith("<- " + FOREIGN)) {
                assertThat(how).as(call + ": a refusal is a status with a message, at once")
                        .matches("(UNAUTHENTICATED|PERMISSION_DENIED): .+ needs .+");
            }
        });
    }

    @Test
    void metricsOfEveryNode_reachTheMonitoringCertificate_andRefusalsAreImmediateAnswers() {
        Map<String, Set<String>> served = new TreeMap<>();
        Map<String, String> refusals = new TreeMap<>();
        for (NodeName n : NodeName.values()) {
            Set<String> who = new TreeSet<>();
            for (String caller : callers.keySet()) {
                String how = metrics(n, caller);
                if (how.equals("200")) {
                    who.add(caller);
                } else {
                    refusals.put(n.id() + " /metrics <- " + caller, how);
                }
            }
            served.put(n.id(), who);
        }
        assertThat(served).as("who reads /metrics, per node (refusals: %s)", refusals).isEqualTo(METRICS);
        refusals.forEach((call, how) -> {
            if (!call.endsWith("<- " + FOREIGN)) {
                assertThat(how).as(call).matches("(401|403) /metrics needs .+");
            }
        });
    }

    /** "200", "401 body" or "403 body" for one GET /metrics over HTTP/1.1 as the caller, or how it failed. */
    static String metrics(NodeName node, String caller) {
        HttpClientOptions o = new HttpClientOptions().setSsl(true).setConnectTimeout(3_000)
                .setTrustOptions(TlsFiles.inDir(certs, NodeName.STRATEGY).trustOptions());
        TlsFiles identity = switch (caller) {
            case NONE -> null;
            case ADMIN -> TlsFiles.admin(certs);
            case MONITOR -> TlsFiles.monitor(certs);
            case FOREIGN -> TlsFiles.inDir(certs.resolveSibling("foreign"), NodeName.STRATEGY);
            default -> TlsFiles.inDir(certs, NodeName.fromId(caller).orElseThrow());
        };
        if (identity != null) {
            o.setKeyCertOptions(identity.keyCertOptions());
        }
        io.vertx.core.http.HttpClient http = vertx.createHttpClient(o);
        try {
            return http.request(io.vertx.core.http.HttpMethod.GET, cluster.layout().port(node), "127.0.0.1", "/metrics")
                    .compose(r -> r.send().compose(resp -> resp.body().map(b -> resp.statusCode() == 200 ? "200"
                            : resp.statusCode() + " " + b.toString().trim())))
                    .await(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "connection: " + e.getClass().getSimpleName();
        } finally {
            http.close();
        }
    }

    record Outcome(boolean served, String how) {
    }

    static Outcome call(Function<GrpcClient, Future<?>> rpc, GrpcClient client) {
        try {
            rpc.apply(client).await(15, TimeUnit.SECONDS);
            return new Outcome(true, "OK");
        } catch (Calls.CallFailed e) {
            boolean refused = e.status() == GrpcStatus.UNAUTHENTICATED || e.status() == GrpcStatus.PERMISSION_DENIED;
            return new Outcome(!refused, e.getMessage());
        } catch (Exception e) {
            // the TLS handshake or the connection was refused (mutual TLS with an allow-list)
            return new Outcome(false, "connection: " + e.getClass().getSimpleName());
        }
    }

    static Map<String, Function<GrpcClient, Future<?>>> rpcs() {
        Map<String, Function<GrpcClient, Future<?>>> m = new LinkedHashMap<>();
        HostPort gateway = address(NodeName.GATEWAY);
        HostPort strategy = address(NodeName.STRATEGY);
        HostPort risk = address(NodeName.RISK);
        HostPort executor = address(NodeName.EXECUTOR);
        HostPort signer = address(NodeName.SIGNER);
        m.put("gateway MarketData/Subscribe", c -> stream(c, gateway, MarketDataGrpcClient.Subscribe,
                SubscribeRequest.newBuilder().setSubscriber("authz").build()));
        m.put("gateway Node/GetStatus", c -> unary(c, gateway, NodeGrpcClient.GetStatus, GetStatusRequest.getDefaultInstance()));
        m.put("strategy Node/GetStatus", c -> unary(c, strategy, NodeGrpcClient.GetStatus, GetStatusRequest.getDefaultInstance()));
        m.put("risk Risk/Submit", c -> unary(c, risk, RiskGrpcClient.Submit, OrderIntent.getDefaultInstance()));
        m.put("risk Risk/GetBreaker", c -> unary(c, risk, RiskGrpcClient.GetBreaker, GetBreakerRequest.getDefaultInstance()));
        m.put("risk Risk/WatchBreaker", c -> stream(c, risk, RiskGrpcClient.WatchBreaker,
                WatchBreakerRequest.getDefaultInstance()));
        m.put("risk Risk/Trip", c -> unary(c, risk, RiskGrpcClient.Trip, TripRequest.getDefaultInstance()));
        m.put("risk Risk/Reset", c -> unary(c, risk, RiskGrpcClient.Reset, ResetRequest.getDefaultInstance()));
        m.put("risk Risk/ListPositions", c -> unary(c, risk, RiskGrpcClient.ListPositions,
                memesnipe.v1.ListPositionsRequest.getDefaultInstance()));
        m.put("risk Risk/ListFills", c -> unary(c, risk, RiskGrpcClient.ListFills,
                memesnipe.v1.ListFillsRequest.getDefaultInstance()));
        m.put("risk Risk/ListDecisions", c -> unary(c, risk, RiskGrpcClient.ListDecisions,
                memesnipe.v1.ListDecisionsRequest.getDefaultInstance()));
        m.put("risk Risk/ListStrategies", c -> unary(c, risk, RiskGrpcClient.ListStrategies,
                memesnipe.v1.ListStrategiesRequest.getDefaultInstance()));
        m.put("risk Risk/RecordBacktestEvidence", c -> unary(c, risk, RiskGrpcClient.RecordBacktestEvidence,
                memesnipe.v1.BacktestEvidence.getDefaultInstance()));
        m.put("risk Node/GetStatus", c -> unary(c, risk, NodeGrpcClient.GetStatus, GetStatusRequest.getDefaultInstance()));
        m.put("executor Executor/Execute", c -> unary(c, executor, ExecutorGrpcClient.Execute, ApprovedOrder.getDefaultInstance()));
        m.put("executor Executor/WatchFills", c -> stream(c, executor, ExecutorGrpcClient.WatchFills,
                WatchFillsRequest.getDefaultInstance()));
        m.put("executor Executor/GetLimits", c -> unary(c, executor, ExecutorGrpcClient.GetLimits,
                GetLimitsRequest.getDefaultInstance()));
        m.put("executor Node/GetStatus", c -> unary(c, executor, NodeGrpcClient.GetStatus, GetStatusRequest.getDefaultInstance()));
        m.put("signer Signer/Sign", c -> unary(c, signer, SignerGrpcClient.Sign, SignRequest.getDefaultInstance()));
        m.put("signer Signer/GetPublicKeys", c -> unary(c, signer, SignerGrpcClient.GetPublicKeys,
                GetPublicKeysRequest.getDefaultInstance()));
        m.put("signer Signer/GetPolicy", c -> unary(c, signer, SignerGrpcClient.GetPolicy, GetPolicyRequest.getDefaultInstance()));
        m.put("signer Node/GetStatus", c -> unary(c, signer, NodeGrpcClient.GetStatus, GetStatusRequest.getDefaultInstance()));
        for (NodeName n : NodeName.values()) {
            HostPort at = address(n);
            m.put(n.id() + " reflection", c -> Calls.unary(c, at, memesnipe.kit.testing.ReflectionProbe.INFO,
                    io.vertx.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("*").build(),
                    10_000)
                    .compose(r -> r.getListServicesResponse().getServiceCount() > 0 ? Future.succeededFuture(r)
                            : Future.failedFuture("no services listed")));
            m.put(n.id() + " health", c -> unary(c, at, memesnipe.kit.grpc.PeerProbe.HEALTH_CHECK,
                    io.vertx.grpc.health.v1.HealthCheckRequest.getDefaultInstance()));
        }
        return m;
    }

    static <Req, Resp> Future<?> unary(GrpcClient c, HostPort to, ServiceMethod<Resp, Req> method, Req request) {
        return Calls.unary(c, to, method, request, 10_000);
    }

    /** A server stream counts as served once it is open (its headers came back OK); it is then closed. */
    static <Req, Resp> Future<?> stream(GrpcClient c, HostPort to, ServiceMethod<Resp, Req> method, Req request) {
        return Calls.serverStream(c, to, method, request).map(s -> {
            s.handler(m -> { });
            s.resume();
            return s;
        });
    }

    static HostPort address(NodeName n) {
        return new HostPort("127.0.0.1", cluster.layout().port(n));
    }

    /** Five consecutive free ports for the cluster's layout. */
    static int freeBase() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + new java.util.Random().nextInt(30_000);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < NodeName.values().length; i++) {
                    held.add(new ServerSocket(base + i));
                }
                return base;
            } catch (java.io.IOException busy) {
                // try another range
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
        }
        throw new IllegalStateException("no five consecutive free ports");
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
