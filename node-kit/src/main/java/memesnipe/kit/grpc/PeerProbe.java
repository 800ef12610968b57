package memesnipe.kit.grpc;

import io.vertx.core.Future;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import memesnipe.kit.config.HostPort;
import memesnipe.v1.GetStatusRequest;
import memesnipe.v1.NodeGrpcClient;
import memesnipe.v1.NodeStatus;


/** Asks a peer node over gRPC whether it is serving (grpc.health.v1) and for its Node.GetStatus. */
public final class PeerProbe {
    /** grpc.health.v1.Health/Check, as a client method. */
    public static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> HEALTH_CHECK = ServiceMethod.client(
            ServiceName.create("grpc.health.v1", "Health"), "Check",
            GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));

    private final GrpcClient client;

    public PeerProbe(GrpcClient client) {
        this.client = client;
    }

    /** True when the peer answers SERVING within the timeout; false on any failure. */
    public Future<Boolean> serving(HostPort peer, long timeoutMs) {
        return Calls.unary(client, peer, HEALTH_CHECK, HealthCheckRequest.getDefaultInstance(), timeoutMs)
                .map(resp -> resp.getStatus() == HealthCheckResponse.ServingStatus.SERVING)
                .otherwise(false);
    }

    /** The peer's Node.GetStatus, failing when it cannot be reached. */
    public Future<NodeStatus> status(HostPort peer, long timeoutMs) {
        return Calls.unary(client, peer, NodeGrpcClient.GetStatus, GetStatusRequest.getDefaultInstance(), timeoutMs);
    }
}
