package memesnipe.gateway.fanout;

import com.google.protobuf.Descriptors;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.Service;
import memesnipe.model.text.Identifiers;
import memesnipe.v1.MarketDataGrpcService;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.SubscribeRequest;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The memesnipe.v1.MarketData service: each Subscribe call becomes exactly one {@link FanOut} subscriber
 * (a second request message ends the call: the node's framing guard refuses it, and this service ignores it
 * should it get through) until the client cancels, the stream fails or its
 * connection goes away. Names and symbols are checked before use and the number of subscribers is capped.
 * Bound by hand (not through the generated service) to see the request's stream events. Event-loop only.
 */
public final class SubscribeService implements Service {
    static final int MAX_SYMBOLS = 64;

    private final FanOut fanOut;
    private final int maxSubscribers;

    public SubscribeService(FanOut fanOut, int maxSubscribers) {
        this.fanOut = fanOut;
        this.maxSubscribers = maxSubscribers;
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
        Call call = new Call();
        // Vert.x 5.0.7 reports a client's RST_STREAM CANCEL through errorHandler, not exceptionHandler: hook both,
        // before the first message, so a cancelled call never leaves a subscriber behind.
        request.errorHandler(err -> call.end());
        request.exceptionHandler(err -> call.end());
        response.exceptionHandler(err -> call.end());
        request.handler(msg -> {
            if (call.started || call.ended) {
                return; // one call, one subscriber: further request messages change nothing
            }
            call.started = true;
            String problem = problem(msg);
            if (problem != null) {
                response.status(GrpcStatus.INVALID_ARGUMENT).statusMessage(problem).end();
                return;
            }
            if (fanOut.subscribers() >= maxSubscribers) {
                response.status(GrpcStatus.RESOURCE_EXHAUSTED)
                        .statusMessage("the gateway serves at most " + maxSubscribers + " subscribers").end();
                return;
            }
            Set<String> symbols = new HashSet<>();
            msg.getSymbolsList().forEach(s -> symbols.add(s.trim().toUpperCase(Locale.ROOT)));
            call.subscriber = fanOut.add(msg.getSubscriber(), symbols, msg.getIncludeSignals(), response);
            // Send headers now so the client sees the stream open even before the first event.
            response.writeHead();
        });
    }

    /** Why a Subscribe request is malformed, or null. */
    static String problem(SubscribeRequest msg) {
        if (!Identifiers.valid(Identifiers.SUBSCRIBER, msg.getSubscriber())) {
            return "subscriber is required: 1..32 characters of [A-Za-z0-9._-]";
        }
        if (msg.getSymbolsCount() > MAX_SYMBOLS) {
            return "at most " + MAX_SYMBOLS + " symbols";
        }
        for (String s : msg.getSymbolsList()) {
            if (!Identifiers.valid(Identifiers.SYMBOL, s.trim().toUpperCase(Locale.ROOT))) {
                return "symbols are 1..24 characters of [A-Za-z0-9._-]";
            }
        }
        return null;
    }

    /** One Subscribe call's state: at most one subscriber, removed once when the call ends. */
    private final class Call {
        boolean started;
        boolean ended;
        FanOut.Subscriber subscriber;

        void end() {
            ended = true;
            if (subscriber != null) {
                fanOut.remove(subscriber);
            }
        }
    }
}
