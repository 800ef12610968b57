package memesnipe.signer;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import memesnipe.model.text.Identifiers;
import memesnipe.model.text.Printable;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.signer.audit.AuditLog;
import memesnipe.signer.keystore.KeyFile;
import memesnipe.signer.policy.MarkBook;
import memesnipe.signer.policy.SignerPolicy;
import memesnipe.kit.signing.CanonicalOrderBytes;
import memesnipe.kit.signing.RiskApproval;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.GetPublicKeysRequest;
import memesnipe.v1.GetPublicKeysResponse;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.PublicKey;
import memesnipe.v1.SignDenyReason;
import memesnipe.v1.SignRequest;
import memesnipe.v1.SignResponse;
import memesnipe.v1.SignerGrpcService;
import memesnipe.v1.SignerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;

/**
 * The signer node: holds the Ed25519 key, serves memesnipe.v1.Signer to the executor's certificate only
 * (mutual TLS), signs the canonical order bytes only of orders carrying the risk node's valid approval
 * ({@link RiskApproval}; otherwise APPROVAL_INVALID) and under its own {@link SignerPolicy}, and records every
 * decision in the {@link AuditLog} before answering.
 */
public final class SignerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SignerVerticle.class);

    private final SignerConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = NodeMetrics.create(NodeName.SIGNER.id());
    private final Counter signedCounter;
    private KeyFile key;
    /** Keys rotated out: their public keys are still published, so what they signed can be verified. */
    private java.util.Map<String, byte[]> retired = Map.of();
    private SignerPolicy policy;
    /** Checks risk's approval of every order before the policy sees it (loaded at start). */
    private RiskApproval.Verifier approvals;
    private AuditLog audit;
    private NodeServer server;
    private MarkBook marks;
    private memesnipe.kit.stream.ResilientStream<memesnipe.v1.MarketEvent> marketData;
    private io.vertx.grpc.client.GrpcClient client;
    private long startedAtMs;
    private long signed;
    private long denied;

    public SignerVerticle(SignerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.signedCounter = Counter.builder("memesnipe_signer_signed_total")
                .description("orders signed").register(metrics);
    }

    @Override
    public Future<?> start() {
        startedAtMs = clock.millis();
        return vertx.executeBlocking(() -> {
                    approvals = RiskApproval.verifier(config.approval().publicKey());
                    retired = KeyFile.retiredPublicKeys(config.keyFile());
                    return KeyFile.loadOrCreate(config.keyFile(), KeyFile.readPassphrase(config.passphraseFile()));
                })
                .recover(err -> Future.failedFuture(new IllegalStateException("signer: " + err.getMessage(), err)))
                .compose(k -> {
                    key = k;
                    LOG.info("signer key {} {} ({})", k.keyId(), k.created() ? "created" : "loaded", config.keyFile());
                    policy = new SignerPolicy(config.limits(), Set.of(k.keyId()), clock);
                    marks = new MarkBook(config.maxPriceAgeMs());
                    return AuditLog.open(vertx, config.auditFile())
                            .recover(err -> Future.failedFuture(new IllegalStateException("signer: " + err.getMessage(), err)));
                })
                .compose(log -> {
                    audit = log;
                    server = NodeServer.builder(vertx, NodeName.SIGNER)
                            .listen(config.basics().host(), config.basics().grpcPort())
                            .tls(config.basics().tls()).httpLimits(config.basics().http())
                            .onlyClients(Set.of(NodeName.EXECUTOR))
                            .service(SignerGrpcService.of(new Service()))
                            .status(this::status)
                            .metrics(metrics)
                            .build();
                    return server.start();
                })
                .onSuccess(v -> {
                    // the signer's own prices: it never takes the caller's reference price alone
                    client = memesnipe.kit.grpc.GrpcClients.create(vertx, config.basics().tls());
                    marketData = new memesnipe.kit.stream.ResilientStream<>(vertx, "signer<-gateway",
                            () -> memesnipe.kit.grpc.Calls.serverStream(client, config.gateway(),
                                    memesnipe.v1.MarketDataGrpcClient.Subscribe, memesnipe.v1.SubscribeRequest.newBuilder()
                                            .setSubscriber(NodeName.SIGNER.id()).build()),
                            e -> marks.mark(e.getSymbol(), e.getPriceE8(), e.getLotExponent(), clock.millis()), 200, 3_000);
                    marketData.start();
                });
    }

    @Override
    public Future<?> stop() {
        if (marketData != null) {
            marketData.stop();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The bound gRPC port, after start. */
    public int grpcPort() {
        return server.actualPort();
    }

    /** The id of the signing key, after start. */
    public String keyId() {
        return key.keyId();
    }

    private NodeStatus status() {
        return Statuses.of(NodeName.SIGNER.id(), startedAtMs, Map.of(
                "signed", Long.toString(signed),
                "denied", Long.toString(denied),
                "keyId", key == null ? "" : key.keyId(),
                "approvalKeyId", approvals == null ? "" : approvals.keyId(),
                "ownMarketData", Boolean.toString(marketData != null && marketData.connected()))).build();
    }

    private final class Service extends SignerService {
        @Override
        public Future<SignResponse> sign(SignRequest request) {
            ApprovedOrder order = request.getOrder();
            String problem = malformed(request);
            if (problem != null) {
                return record(order, "INVALID", "INVALID_ARGUMENT: " + problem).compose(v -> Future.failedFuture(
                        new StatusException(GrpcStatus.INVALID_ARGUMENT, problem)));
            }
            RiskApproval.Check approval = approvals.check(order, clock.millis(), config.approval().maxAgeMs());
            if (!approval.valid()) {
                LOG.warn("signer: order {} refused {}: {}", Printable.of(order.getClientOrderId()),
                        SignDenyReason.APPROVAL_INVALID, approval.describe());
                return refuse(order, SignDenyReason.APPROVAL_INVALID, approval.describe());
            }
            java.util.Optional<String> lot = marks.lotProblem(order.getSymbol(), order.getLotExponent());
            if (lot.isPresent()) {
                return refuse(order, SignDenyReason.WRONG_LOT, lot.get()); // its notional cannot be valued
            }
            SignerPolicy.Decision decision = policy.decide(request.getKeyId(), order.getVenue(),
                    order.getQtyE8(), order.getReferencePriceE8(), order.getSide() == memesnipe.v1.Side.SELL,
                    marks.price(order.getSymbol(), clock.millis()));
            if (!decision.allowed()) {
                return refuse(order, SignDenyReason.valueOf(decision.reason().name()), decision.detail());
            }
            byte[] signature = key.sign(CanonicalOrderBytes.of(order));
            SignResponse ok = SignResponse.newBuilder().setSigned(true).setDenyReason(SignDenyReason.SIGN_OK)
                    .setKeyId(key.keyId()).setSignature(ByteString.copyFrom(signature)).build();
            // The signature leaves the node only once its audit line is written.
            return record(order, "SIGNED", SignDenyReason.SIGN_OK.name()).map(v -> {
                signed++;
                signedCounter.increment();
                return ok;
            });
        }

        @Override
        public Future<GetPublicKeysResponse> getPublicKeys(GetPublicKeysRequest request) {
            GetPublicKeysResponse.Builder keys = GetPublicKeysResponse.newBuilder().addKeys(PublicKey.newBuilder()
                    .setKeyId(key.keyId()).setAlgorithm(KeyFile.ALGORITHM)
                    .setPublicKey(ByteString.copyFrom(key.publicKeyDer())));
            retired.forEach((id, der) -> keys.addKeys(PublicKey.newBuilder().setKeyId(id).setAlgorithm(KeyFile.ALGORITHM)
                    .setPublicKey(ByteString.copyFrom(der))));
            return Future.succeededFuture(keys.build());
        }

        @Override
        public Future<memesnipe.v1.SignerPolicy> getPolicy(memesnipe.v1.GetPolicyRequest request) {
            SignerPolicy.Limits l = config.limits();
            return Future.succeededFuture(memesnipe.v1.SignerPolicy.newBuilder()
                    .setMaxOrderNotionalE8(l.maxOrderNotionalE8()).setMaxOrderQtyE8(l.maxOrderQtyE8())
                    .addAllAllowedVenues(new java.util.TreeSet<>(l.allowedVenues())).build());
        }

        /** A refusal is data: counted by reason, audited, then answered. */
        private Future<SignResponse> refuse(ApprovedOrder order, SignDenyReason reason, String detail) {
            denied++;
            Counter.builder("memesnipe_signer_denied_total").description("signatures refused by the signer")
                    .tag("reason", reason.name()).register(metrics).increment();
            SignResponse refusal = SignResponse.newBuilder().setSigned(false).setDenyReason(reason).setDetail(detail)
                    .setKeyId(key.keyId()).build();
            return record(order, "DENIED", reason.name()).map(refusal);
        }

        private Future<Void> record(ApprovedOrder order, String decision, String reason) {
            return audit.append(new AuditLog.Entry(clock.millis(), order.getClientOrderId(), decision, reason, key.keyId()))
                    .recover(err -> {
                        LOG.error("signer: audit log append failed: {}", err.toString());
                        return Future.failedFuture(new StatusException(GrpcStatus.UNAVAILABLE, "audit log unavailable"));
                    });
        }
    }

    /** Why a sign request is malformed (one line), or null; package-private for the fuzz test. */
    static String malformed(SignRequest request) {
        if (!request.hasOrder()) {
            return "order is required";
        }
        ApprovedOrder o = request.getOrder();
        if (!Identifiers.valid(Identifiers.CLIENT_ORDER_ID, o.getClientOrderId())) {
            return "client_order_id must be 1..64 characters of [A-Za-z0-9._:-]";
        }
        if (!Identifiers.valid(Identifiers.NAME, o.getStrategy())) {
            return "strategy must be 1..64 characters of [a-z0-9_]";
        }
        if (!Identifiers.valid(Identifiers.SYMBOL, o.getSymbol())) {
            return "symbol must be 1..24 characters of [A-Za-z0-9._-]";
        }
        if (!Identifiers.valid(Identifiers.NAME, o.getVenue())) {
            return "venue must be 1..64 characters of [a-z0-9_]";
        }
        if (o.getSide() != memesnipe.v1.Side.BUY && o.getSide() != memesnipe.v1.Side.SELL) {
            return "side must be BUY or SELL";
        }
        if (o.getPurpose() != memesnipe.v1.OrderPurpose.ENTRY && o.getPurpose() != memesnipe.v1.OrderPurpose.EXIT) {
            return "purpose must be ENTRY or EXIT";
        }
        if (request.getKeyId().length() > 64) {
            return "key_id is at most 64 characters";
        }
        if (o.getQtyE8() <= 0) {
            return "qty_e8 must be > 0";
        }
        if (o.getReferencePriceE8() <= 0) {
            return "reference_price_e8 must be > 0";
        }
        if (!memesnipe.model.money.Lot.valid(o.getLotExponent())) {
            return "lot_exponent must be 0.." + memesnipe.model.money.Lot.MAX_EXPONENT;
        }
        return null;
    }
}
