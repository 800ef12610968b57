package memesnipe.strategy.node;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.DenyReason;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.RiskGrpcService;
import memesnipe.v1.RiskService;
import memesnipe.v1.Verdict;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real Risk server for tests, admitting Submit from the strategy node's certificate only (as the risk node
 * does): records every intent it receives and approves it, unless told
 * to deny entries, to fail the first attempts of each exit with UNAVAILABLE, or never to answer.
 */
final class TestRisk {
    final List<OrderIntent> received = new CopyOnWriteArrayList<>();
    private final boolean denyEntries;
    private final int failEachExitTimes;
    boolean neverAnswer;
    /** The detail of a denial (the risk node's own text, as the strategy node receives it). */
    String denyDetail = "test: denied";
    private final Map<String, AtomicInteger> exitAttempts = new ConcurrentHashMap<>();
    private NodeServer server;

    TestRisk(boolean denyEntries, int failEachExitTimes) {
        this.denyEntries = denyEntries;
        this.failEachExitTimes = failEachExitTimes;
    }

    TestRisk start(Vertx vertx, TestCerts certs) throws Exception {
        server = NodeServer.builder(vertx, NodeName.RISK).listen("127.0.0.1", 0)
                .tls(certs.of(NodeName.RISK)).metrics(NodeMetrics.create("risk"))
                .status(() -> Statuses.of("risk", 0, Map.of()).build())
                // as the real risk node: Submit only from the strategy node's certificate
                .requestClientCertificates()
                .restrict(RiskGrpcService.SERVICE_NAME, "Submit", java.util.EnumSet.of(NodeName.STRATEGY))
                .service(RiskGrpcService.of(new RiskService() {
                    @Override
                    public Future<RiskDecision> submit(OrderIntent intent) {
                        return decide(intent);
                    }
                }))
                .build().start().await(10, TimeUnit.SECONDS);
        return this;
    }

    int port() {
        return server.actualPort();
    }

    List<OrderIntent> received(String strategy, OrderPurpose purpose) {
        return received.stream().filter(i -> i.getStrategy().equals(strategy) && i.getPurpose() == purpose).toList();
    }

    private Future<RiskDecision> decide(OrderIntent intent) {
        received.add(intent);
        if (neverAnswer) {
            return Promise.<RiskDecision>promise().future();
        }
        boolean entry = intent.getPurpose() == OrderPurpose.ENTRY;
        if (!entry && exitAttempts.computeIfAbsent(intent.getClientOrderId(), k -> new AtomicInteger())
                .incrementAndGet() <= failEachExitTimes) {
            return Future.failedFuture(new StatusException(GrpcStatus.UNAVAILABLE, "test: not now"));
        }
        RiskDecision.Builder d = RiskDecision.newBuilder().setClientOrderId(intent.getClientOrderId());
        if (entry && denyEntries) {
            d.setVerdict(Verdict.DENIED).setReason(DenyReason.BREAKER_REDUCE_ONLY).setDetail(denyDetail);
        } else {
            d.setVerdict(Verdict.APPROVED).setApprovedNotionalE8(intent.getNotionalE8());
        }
        return Future.succeededFuture(d.build());
    }
}
