package memesnipe.kit.grpc;

import com.google.protobuf.Descriptors;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.grpc.health.v1.HealthListRequest;
import io.vertx.grpc.health.v1.HealthListResponse;
import io.vertx.grpc.health.v1.HealthProto;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.Service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * grpc.health.v1.Health for one node: Check, List and Watch over the services it serves, each SERVING while the
 * server runs ("" names the node as a whole). A Watch stream gets the status at once and stays open; it is forgotten
 * the moment it is cancelled, fails or loses its connection, and at most {@link #MAX_WATCHERS} are open at a time.
 *
 * <p>It replaces the Vert.x 5.0.7 HealthService, whose Watch keeps every cancelled stream until its connection
 * closes (a client's RST_STREAM CANCEL is reported to the request's errorHandler, which it does not hook, and each
 * watcher on a connection replaces the previous one's close handler), keeps an entry for every service name a
 * client makes up, and writes to every stream it keeps every 2.5 s.
 */
final class Health implements Service {
    /** Watch streams open at once, over all clients. */
    static final int MAX_WATCHERS = 1_000;
    static final ServiceName NAME = ServiceName.create("grpc.health.v1", "Health");
    private static final ServiceMethod<HealthCheckRequest, HealthCheckResponse> CHECK = ServiceMethod.server(NAME,
            "Check", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthCheckRequest.newBuilder()));
    private static final ServiceMethod<HealthListRequest, HealthListResponse> LIST = ServiceMethod.server(NAME,
            "List", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthListRequest.newBuilder()));
    private static final ServiceMethod<HealthCheckRequest, HealthCheckResponse> WATCH = ServiceMethod.server(NAME,
            "Watch", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthCheckRequest.newBuilder()));

    private final Set<String> services;
    private final Set<GrpcServerResponse<HealthCheckRequest, HealthCheckResponse>> watchers =
            ConcurrentHashMap.newKeySet();

    /** @param services the full names of the services served (the node as a whole, "", is added) */
    Health(Set<String> services) {
        Set<String> all = new java.util.HashSet<>(services);
        all.add("");
        all.add(NAME.fullyQualifiedName());
        this.services = Set.copyOf(all);
    }

    @Override
    public ServiceName name() {
        return NAME;
    }

    @Override
    public Descriptors.ServiceDescriptor descriptor() {
        return HealthProto.getDescriptor().findServiceByName("Health");
    }

    @Override
    public void bind(GrpcServer server) {
        server.callHandler(CHECK, this::check);
        server.callHandler(LIST, this::list);
        server.callHandler(WATCH, this::watch);
    }

    /** Watch streams open now. */
    int watchers() {
        return watchers.size();
    }

    private void check(GrpcServerRequest<HealthCheckRequest, HealthCheckResponse> request) {
        request.last().onSuccess(check -> {
            if (services.contains(check.getService())) {
                request.response().end(status(ServingStatus.SERVING));
            } else {
                request.response().status(GrpcStatus.NOT_FOUND).statusMessage("unknown service").end();
            }
        });
    }

    private void list(GrpcServerRequest<HealthListRequest, HealthListResponse> request) {
        request.last().onSuccess(ignored -> {
            HealthListResponse.Builder all = HealthListResponse.newBuilder();
            services.forEach(s -> all.putStatuses(s, status(ServingStatus.SERVING)));
            request.response().end(all.build());
        });
    }

    private void watch(GrpcServerRequest<HealthCheckRequest, HealthCheckResponse> request) {
        GrpcServerResponse<HealthCheckRequest, HealthCheckResponse> response = request.response();
        // hooked before the first message, so no way for the call to end leaves the stream behind
        request.errorHandler(err -> watchers.remove(response)); // a client's cancel (RST_STREAM)
        request.exceptionHandler(err -> watchers.remove(response)); // a failed call or a lost connection
        response.exceptionHandler(err -> watchers.remove(response));
        request.handler(check -> {
            if (watchers.size() >= MAX_WATCHERS) {
                response.status(GrpcStatus.RESOURCE_EXHAUSTED)
                        .statusMessage("at most " + MAX_WATCHERS + " health watchers").end();
                return;
            }
            watchers.add(response);
            // an unknown service is watched too: it may appear later (the gRPC health protocol)
            response.write(status(services.contains(check.getService()) ? ServingStatus.SERVING
                    : ServingStatus.SERVICE_UNKNOWN));
        });
    }

    private static HealthCheckResponse status(ServingStatus status) {
        return HealthCheckResponse.newBuilder().setStatus(status).build();
    }
}
