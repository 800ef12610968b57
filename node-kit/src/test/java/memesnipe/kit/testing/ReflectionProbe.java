package memesnipe.kit.testing;

import io.vertx.core.Future;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import io.vertx.grpc.reflection.v1.ServiceResponse;
import memesnipe.kit.config.HostPort;

import java.util.List;

/** A grpc.reflection.v1 client, as grpcurl uses it: lists the services a server exposes. */
public final class ReflectionProbe {
    public static final ServiceMethod<ServerReflectionResponse, ServerReflectionRequest> INFO = ServiceMethod.client(
            ServiceName.create("grpc.reflection.v1", "ServerReflection"), "ServerReflectionInfo",
            GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ServerReflectionResponse.newBuilder()));

    private ReflectionProbe() {
    }

    public static Future<List<String>> listServices(GrpcClient client, HostPort server) {
        return client.request(server.socketAddress(), INFO)
                .compose(req -> req.send(ServerReflectionRequest.newBuilder().setListServices("*").build()))
                .compose(resp -> resp.last())
                .map(r -> r.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList());
    }
}
