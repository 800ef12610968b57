package memesnipe.gateway.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.tls.OperatorToken;
import memesnipe.model.text.Printable;
import memesnipe.v1.GetBreakerRequest;
import memesnipe.v1.ListDecisionsRequest;
import memesnipe.v1.ListFillsRequest;
import memesnipe.v1.ListPositionsRequest;
import memesnipe.v1.ListStrategiesRequest;
import memesnipe.v1.ResetRequest;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.TripRequest;
import memesnipe.v1.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The gateway's REST API, {@code /api/v1/*}: routed from its OpenAPI document ({@value #CONTRACT}, served at
 * {@code /api/v1/openapi.json}), every request validated against it by Vert.x OpenAPI before a handler sees it,
 * every error a JSON object {@code {"error": {"status", "code", "message"}}}. Positions, fills, decisions, the
 * strategies' promotion stages and the breaker come from the risk node (which owns them) over gRPC; trip and reset forward the caller's operator token,
 * which only risk checks.
 */
public final class RestApi {
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    /** The OpenAPI document, a resource of the gateway's jar. */
    public static final String CONTRACT = "openapi/memesnipe-api.json";
    /** Largest request body read (the admin actions' JSON); larger ones are refused with 413 unread. */
    static final int MAX_BODY_BYTES = 4096;
    /** Admin actions handled at once; more are refused with 429. */
    static final int MAX_ADMIN_IN_FLIGHT = 4;
    static final long RISK_TIMEOUT_MS = 3_000;
    static final long ADMIN_TIMEOUT_MS = 10_000;

    /** What the API serves that the gateway itself owns. */
    public record Sources(Supplier<JsonObject> status, Handler<RoutingContext> events) {
    }

    private final GrpcClient client;
    private final HostPort risk;
    private final Buffer contract;
    private final Counter adminRefused;
    private final Counter riskErrors;
    private int adminInFlight;

    private RestApi(GrpcClient client, HostPort risk, Buffer contract, MeterRegistry metrics) {
        this.client = client;
        this.risk = risk;
        this.contract = contract;
        this.adminRefused = Counter.builder("memesnipe_gateway_rest_admin_refused_total")
                .description("Trip and reset requests refused before or by the risk node: no, wrong or unconfigured "
                        + "operator token, or too many at once").register(metrics);
        this.riskErrors = Counter.builder("memesnipe_gateway_rest_risk_errors_total")
                .description("REST requests the risk node could not answer (unreachable, ledger down, error)")
                .register(metrics);
    }

    /**
     * Reads the OpenAPI document (from the jar, without blocking) and builds the router: the API's operations, then
     * JSON answers for unknown {@code /api/v1} paths and for every failure under it. Callers add their own routes
     * after it.
     */
    public static Future<Router> router(Vertx vertx, GrpcClient client, HostPort risk, Sources sources,
                                        MeterRegistry metrics) {
        return vertx.fileSystem().readFile(CONTRACT).compose(raw -> OpenAPIContract.from(vertx, raw.toJsonObject())
                .map(contract -> new RestApi(client, risk, raw, metrics).build(vertx, contract, sources)));
    }

    private Router build(Vertx vertx, OpenAPIContract contract, Sources sources) {
        RouterBuilder b = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        b.rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        b.getRoute("getStatus").addHandler(ctx -> ctx.json(sources.status().get()));
        b.getRoute("streamStatus").addHandler(sources.events());
        b.getRoute("getOpenApi").addHandler(ctx -> ctx.response()
                .putHeader("content-type", "application/json").end(this.contract));
        b.getRoute("listPositions").addHandler(ctx -> answer(ctx, call(RiskGrpcClient.ListPositions,
                ListPositionsRequest.getDefaultInstance(), RISK_TIMEOUT_MS, Map.of()), Views::positions));
        b.getRoute("listFills").addHandler(ctx -> {
            ValidatedRequest q = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
            ListFillsRequest request = ListFillsRequest.newBuilder().setLimit(integer(q, "limit", 0))
                    .setBefore(number(q, "before", 0)).setStrategy(text(q, "strategy"))
                    .setSymbol(text(q, "symbol")).build();
            answer(ctx, call(RiskGrpcClient.ListFills, request, RISK_TIMEOUT_MS, Map.of()), Views::fills);
        });
        b.getRoute("listDecisions").addHandler(ctx -> {
            ValidatedRequest q = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
            String verdict = text(q, "verdict");
            ListDecisionsRequest request = ListDecisionsRequest.newBuilder().setLimit(integer(q, "limit", 0))
                    .setBefore(number(q, "before", 0)).setStrategy(text(q, "strategy"))
                    .setSymbol(text(q, "symbol"))
                    .setVerdict(verdict.isEmpty() ? Verdict.VERDICT_UNSPECIFIED : Verdict.valueOf(verdict)).build();
            answer(ctx, call(RiskGrpcClient.ListDecisions, request, RISK_TIMEOUT_MS, Map.of()), Views::decisions);
        });
        b.getRoute("listStrategies").addHandler(ctx -> answer(ctx, call(RiskGrpcClient.ListStrategies,
                ListStrategiesRequest.getDefaultInstance(), RISK_TIMEOUT_MS, Map.of()), Views::strategies));
        b.getRoute("getBreaker").addHandler(ctx -> {
            ValidatedRequest q = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
            GetBreakerRequest request = GetBreakerRequest.newBuilder()
                    .setMaxEvents(integer(q, "history", 20)).build();
            answer(ctx, call(RiskGrpcClient.GetBreaker, request, RISK_TIMEOUT_MS, Map.of()), Views::breaker);
        });
        b.getRoute("tripBreaker").setDoSecurity(false).addHandler(ctx -> admin(ctx, token -> {
            JsonObject body = ctx.body().asJsonObject();
            TripRequest request = TripRequest.newBuilder().setTier(body.getString("tier"))
                    .setReason(body.getString("reason")).build();
            return call(RiskGrpcClient.Trip, request, ADMIN_TIMEOUT_MS, Map.of(OperatorToken.METADATA, token));
        }));
        b.getRoute("resetBreaker").setDoSecurity(false).addHandler(ctx -> admin(ctx, token -> {
            JsonObject body = ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
            ResetRequest request = ResetRequest.newBuilder().setReason(body.getString("reason", "")).build();
            return call(RiskGrpcClient.Reset, request, ADMIN_TIMEOUT_MS, Map.of(OperatorToken.METADATA, token));
        }));
        Router router = b.createRouter();
        router.route("/api/v1/*").handler(ctx -> ctx.fail(new HttpException(404, "no such endpoint: "
                + ctx.request().method() + " " + Printable.of(ctx.request().path(), 200)
                + " (the API is described at /api/v1/openapi.json)")));
        router.route("/api/v1/*").failureHandler(ApiErrors::handle);
        return router;
    }

    /** An admin action: needs an operator token (Authorization: Bearer), at most a few at once. */
    private void admin(RoutingContext ctx, Function<String, Future<memesnipe.v1.BreakerState>> action) {
        String token = bearer(ctx.request().getHeader("authorization"));
        if (token.isEmpty()) {
            adminRefused.increment();
            ctx.response().putHeader("www-authenticate", "Bearer realm=\"memesnipe\"");
            ctx.fail(new HttpException(401, "this action needs the operator token: Authorization: Bearer TOKEN "
                    + "(memesnipe certs writes it to " + OperatorToken.FILE + ")"));
            return;
        }
        if (adminInFlight >= MAX_ADMIN_IN_FLIGHT) {
            adminRefused.increment();
            ctx.fail(new HttpException(429, "too many admin requests at once; retry"));
            return;
        }
        adminInFlight++;
        Future<memesnipe.v1.BreakerState> done = action.apply(token).onComplete(ar -> adminInFlight--);
        done.onFailure(err -> {
            if (err instanceof Calls.CallFailed f && (f.status() == GrpcStatus.UNAUTHENTICATED
                    || f.status() == GrpcStatus.PERMISSION_DENIED || f.status() == GrpcStatus.FAILED_PRECONDITION)) {
                adminRefused.increment();
            }
        });
        answer(ctx, done, Views::breaker);
    }

    /** The token of an "Authorization: Bearer TOKEN" header; empty when there is none or it is longer than a token. */
    static String bearer(String header) {
        if (header == null || header.length() > OperatorToken.MAX_LENGTH + 7
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "";
        }
        return header.substring(7).strip();
    }

    private <Q, A> Future<A> call(ServiceMethod<A, Q> method, Q request, long timeoutMs, Map<String, String> metadata) {
        return Calls.unary(client, risk, method, request, timeoutMs, metadata);
    }

    /** Writes the risk node's answer as JSON, or its failure as the matching HTTP error. */
    private <A> void answer(RoutingContext ctx, Future<A> call, Function<A, JsonObject> view) {
        call.onComplete(ar -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (ar.succeeded()) {
                ctx.json(view.apply(ar.result()));
                return;
            }
            HttpException e = ApiErrors.fromRisk(ar.cause());
            if (e.getStatusCode() >= 500) {
                riskErrors.increment();
                LOG.warn("REST {} {}: {}", ctx.request().method(), Printable.of(ctx.request().path(), 200),
                        Printable.of(e.getPayload(), 300));
            }
            ctx.fail(e);
        });
    }

    private static long number(ValidatedRequest q, String name, long def) {
        RequestParameter p = q.getQuery().get(name);
        return p == null || p.isNull() ? def : p.getLong();
    }

    /** A validated query integer that the document bounds to an int (limit, history). */
    private static int integer(ValidatedRequest q, String name, int def) {
        return Math.toIntExact(number(q, name, def));
    }

    private static String text(ValidatedRequest q, String name) {
        RequestParameter p = q.getQuery().get(name);
        return p == null || p.isNull() ? "" : p.getString();
    }
}
