package memesnipe.gateway.fanout;

import com.google.protobuf.Descriptors;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.Service;
import memesnipe.v1.MarketDataGrpcService;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.SubscribeRequest;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The memesnipe.v1.MarketData service: each Subscribe call becomes a {@link FanOut} subscriber until the
 * client cancels or its connection goes away. Bound by hand (not through the generated service) to see
 * the request's stream events. Event-loop only.
 */
public final class SubscribeService implements Service {
    private final FanOut fanOut;

    public SubscribeService(FanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public ServiceName name() {
        return MarketDataGrpcService.SERVICE_NAME;
    }

    @Override
    public Descriptors.ServiceDescriptor descriptor() {
        return MarketDataGrpcService.SERVICE_DESCRIPTOR;
    }

    @Override
    public void bind(GrpcServer server) {
        server.callHandler(MarketDataGrpcService.Subscribe, this::handle);
    }

    private void handle(GrpcServerRequest<SubscribeRequest, MarketEvent> request) {
        GrpcServerResponse<SubscribeRequest, MarketEvent> response = request.response();
        request.handler(msg -> {
            String name = msg.getSubscriber().trim();
            if (name.isEmpty()) {
                response.status(GrpcStatus.INVALID_ARGUMENT).statusMessage("subscriber is required").end();
                return;
            }
            Set<String> symbols = msg.getSymbolsList().stream()
                    .map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            FanOut.Subscriber subscriber = fanOut.add(name, symbols, response);
            request.exceptionHandler(err -> fanOut.remove(subscriber));
            response.exceptionHandler(err -> fanOut.remove(subscriber));
            // Send headers now so the client sees the stream open even before the first event.
            response.writeHead();
        });
    }
}
