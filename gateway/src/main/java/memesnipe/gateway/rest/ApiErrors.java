package memesnipe.gateway.rest;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import memesnipe.kit.grpc.Calls;
import memesnipe.model.text.Printable;

/**
 * Every error of the REST API as one JSON shape, {@code {"error": {"status": 400, "code": "BAD_REQUEST",
 * "message": "..."}}}, with the message escaped and cut; an unexpected failure says only "internal error" (the
 * detail goes to the log, never to the client).
 */
final class ApiErrors {
    /** Characters of a message sent back. */
    static final int MAX_MESSAGE = 400;

    private ApiErrors() {
    }

    /** The failure handler of every /api/v1 route. */
    static void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Throwable failure = ctx.failure();
        int status = failure instanceof HttpException h ? h.getStatusCode() : ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String message;
        if (failure instanceof HttpException h && h.getPayload() != null) {
            message = h.getPayload();
            if (h.getCause() != null && h.getCause().getMessage() != null && status == 400
                    && !message.contains(h.getCause().getMessage())) {
                message = message + ": " + h.getCause().getMessage();
            }
        } else if (status == 413) {
            message = "the body is larger than " + RestApi.MAX_BODY_BYTES + " bytes";
        } else if (status >= 500) {
            org.slf4j.LoggerFactory.getLogger(ApiErrors.class).error("REST {} {} failed", ctx.request().method(),
                    Printable.of(ctx.request().path(), 200), failure);
            message = "internal error";
        } else {
            message = failure == null || failure.getMessage() == null ? reason(status) : failure.getMessage();
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store")
                .end(body(status, message).encode());
    }

    static JsonObject body(int status, String message) {
        return new JsonObject().put("error", new JsonObject().put("status", status).put("code", code(status))
                .put("message", Printable.of(message, MAX_MESSAGE)));
    }

    /** The HTTP error for a failed call to the risk node: its status mapped, its message kept. */
    static HttpException fromRisk(Throwable err) {
        if (err instanceof Calls.CallFailed f) {
            int status = switch (f.status()) {
                case INVALID_ARGUMENT -> 400;
                case UNAUTHENTICATED -> 401;
                case PERMISSION_DENIED -> 403;
                case FAILED_PRECONDITION -> 409;
                case UNAVAILABLE -> 503;
                case DEADLINE_EXCEEDED -> 504;
                default -> 502;
            };
            return new HttpException(status, "risk node: " + f.getMessage());
        }
        return new HttpException(503, "risk node unreachable: " + Printable.of(String.valueOf(err.getMessage()), 200));
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "TOO_MANY_REQUESTS";
            case 502 -> "BAD_GATEWAY";
            case 503 -> "UNAVAILABLE";
            case 504 -> "TIMEOUT";
            default -> status >= 500 ? "INTERNAL" : "ERROR";
        };
    }

    private static String reason(int status) {
        return code(status).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
