package memesnipe.risk;

import io.vertx.core.Future;

/**
 * Decides whether an admin action (Trip, Reset) may proceed: the one seam where authentication plugs
 * in. A refusal must be a failed future carrying a gRPC StatusException (UNAUTHENTICATED or PERMISSION_DENIED).
 */
@FunctionalInterface
public interface AdminGuard {
    /** Admits every caller; the risk port is reachable only over TLS from inside the deployment. */
    AdminGuard OPEN = action -> Future.succeededFuture();

    Future<Void> authorize(String action);
}
