package memesnipe.risk;

import com.google.protobuf.Descriptors;
import io.vertx.core.Future;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.Service;
import memesnipe.v1.BreakerEvent;
import memesnipe.v1.BreakerState;
import memesnipe.v1.GetBreakerRequest;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.ResetRequest;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.RiskGrpcService;
import memesnipe.v1.TripRequest;
import memesnipe.v1.WatchBreakerRequest;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;

/**
 * The memesnipe.v1.Risk service bound to a gRPC server, handing each call the subject of the caller's client
 * certificate (who submitted an intent, which operator tripped the breaker) for the ledger.
 */
final class RiskApi implements Service {
    static final ServiceName NAME = RiskGrpcService.SERVICE_NAME;

    /** What the node does for each RPC. */
    interface Handlers {
        Future<RiskDecision> submit(OrderIntent request, String caller);

        Future<BreakerState> getBreaker(GetBreakerRequest request);

        void watchBreaker(WatchBreakerRequest request, WriteStream<BreakerEvent> response);

        Future<BreakerState> trip(TripRequest request, Operator operator);

        Future<BreakerState> reset(ResetRequest request, Operator operator);

        Future<memesnipe.v1.PositionList> listPositions(memesnipe.v1.ListPositionsRequest request);

        Future<memesnipe.v1.FillPage> listFills(memesnipe.v1.ListFillsRequest request);

        Future<memesnipe.v1.DecisionPage> listDecisions(memesnipe.v1.ListDecisionsRequest request);

        Future<memesnipe.v1.StrategyList> listStrategies(memesnipe.v1.ListStrategiesRequest request);

        Future<memesnipe.v1.StrategyView> recordBacktestEvidence(memesnipe.v1.BacktestEvidence request, String caller);
    }

    /**
     * Who asks for a Trip or a Reset: the client certificate's subject, whether it is an admin certificate, and
     * the operator token forwarded in the metadata (empty when none; at most a few hundred characters are read).
     */
    record Operator(String subject, boolean admin, String token) {
    }

    private final Handlers handlers;

    RiskApi(Handlers handlers) {
        this.handlers = handlers;
    }

    @Override
    public ServiceName name() {
        return NAME;
    }

    @Override
    public Descriptors.ServiceDescriptor descriptor() {
        return RiskGrpcService.SERVICE_DESCRIPTOR;
    }

    @Override
    public void bind(GrpcServer server) {
        server.callHandler(RiskGrpcService.Submit, req -> unary(req, m -> handlers.submit(m, subject(req))));
        server.callHandler(RiskGrpcService.GetBreaker, req -> unary(req, handlers::getBreaker));
        server.callHandler(RiskGrpcService.Trip, req -> unary(req, m -> handlers.trip(m, operator(req))));
        server.callHandler(RiskGrpcService.Reset, req -> unary(req, m -> handlers.reset(m, operator(req))));
        server.callHandler(RiskGrpcService.ListPositions, req -> unary(req, handlers::listPositions));
        server.callHandler(RiskGrpcService.ListFills, req -> unary(req, handlers::listFills));
        server.callHandler(RiskGrpcService.ListDecisions, req -> unary(req, handlers::listDecisions));
        server.callHandler(RiskGrpcService.ListStrategies, req -> unary(req, handlers::listStrategies));
        server.callHandler(RiskGrpcService.RecordBacktestEvidence, req -> unary(req,
                m -> handlers.recordBacktestEvidence(m, subject(req))));
        server.callHandler(RiskGrpcService.WatchBreaker, req -> req.handler(m -> handlers.watchBreaker(m, req.response())));
    }

    private static <Q, A> void unary(GrpcServerRequest<Q, A> req, Function<Q, Future<A>> call) {
        req.handler(m -> {
            Future<A> answer;
            try {
                answer = call.apply(m);
            } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
            }
            answer.onComplete((value, err) -> {
                if (err == null) {
                    req.response().end(value);
                } else {
                    req.response().fail(err);
                }
            });
        });
    }

    static Operator operator(GrpcServerRequest<?, ?> req) {
        String token = req.headers().get(memesnipe.kit.tls.OperatorToken.METADATA);
        boolean admin;
        try {
            admin = memesnipe.kit.tls.NodeIdentity.isAdmin(req.connection().peerCertificates());
        } catch (Exception e) {
            admin = false;
        }
        return new Operator(subject(req), admin, token == null ? "" : token);
    }

    /** The verified client certificate's subject, e.g. "CN=admin,OU=memesnipe-admin"; empty without one. */
    static String subject(GrpcServerRequest<?, ?> req) {
        try {
            List<Certificate> chain = req.connection().peerCertificates();
            if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf) {
                return leaf.getSubjectX500Principal().getName();
            }
        } catch (Exception e) {
            // no client certificate
        }
        return "";
    }
}
