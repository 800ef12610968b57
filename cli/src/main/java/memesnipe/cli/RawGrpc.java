package memesnipe.cli;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.SubscribeRequest;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Plain grpc-java on Netty, with none of MemeSnipe's code: the client every bench figure is measured with (the same
 * for a node and for its baseline), and the baselines themselves, a server streaming {@code MarketEvent}s as fast as
 * its client takes them and a unary echo. Method descriptors are built from the generated messages (no stubs).
 */
final class RawGrpc {
    private RawGrpc() {
    }

    static final MethodDescriptor<SubscribeRequest, MarketEvent> SUBSCRIBE = method("memesnipe.v1.MarketData/Subscribe",
            MethodDescriptor.MethodType.SERVER_STREAMING, SubscribeRequest.getDefaultInstance(),
            MarketEvent.getDefaultInstance());
    static final MethodDescriptor<OrderIntent, RiskDecision> SUBMIT = method("memesnipe.v1.Risk/Submit",
            MethodDescriptor.MethodType.UNARY, OrderIntent.getDefaultInstance(), RiskDecision.getDefaultInstance());
    static final MethodDescriptor<memesnipe.v1.WatchFillsRequest, memesnipe.v1.Fill> WATCH_FILLS = method(
            "memesnipe.v1.Executor/WatchFills", MethodDescriptor.MethodType.SERVER_STREAMING,
            memesnipe.v1.WatchFillsRequest.getDefaultInstance(), memesnipe.v1.Fill.getDefaultInstance());
    /** The baseline's unary method: an intent in, a decision-sized answer out. */
    static final MethodDescriptor<OrderIntent, RiskDecision> ECHO = method("bench.Raw/Echo",
            MethodDescriptor.MethodType.UNARY, OrderIntent.getDefaultInstance(), RiskDecision.getDefaultInstance());

    private static <Q extends Message, A extends Message> MethodDescriptor<Q, A> method(String name,
            MethodDescriptor.MethodType type, Q request, A response) {
        return MethodDescriptor.<Q, A>newBuilder().setType(type).setFullMethodName(name)
                .setRequestMarshaller(ProtoUtils.marshaller(request)).setResponseMarshaller(ProtoUtils.marshaller(response))
                .build();
    }

    /** A mutual-TLS channel to a peer with one of the deployment's identities. */
    static ManagedChannel channel(HostPort peer, TlsFiles identity) throws IOException {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(identity.ca().toFile())
                .keyManager(identity.cert().toFile(), identity.key().toFile());
        return Grpc.newChannelBuilderForAddress(peer.host(), peer.port(), tls.build()).build();
    }

    /**
     * The baseline server on a free port, with the TLS files of a node: Subscribe streams {@code events(seq)} with
     * seq = 1, 2, ... as fast as the client's flow control lets it; Echo answers every intent with {@code answer}.
     */
    static Server start(TlsFiles node, LongFunction<MarketEvent> events, RiskDecision answer) throws IOException {
        io.grpc.ServerCredentials tls = TlsServerCredentials.newBuilder().keyManager(node.cert().toFile(), node.key().toFile())
                .trustManager(node.ca().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE).build();
        ServerServiceDefinition stream = ServerServiceDefinition.builder("memesnipe.v1.MarketData")
                .addMethod(SUBSCRIBE, ServerCalls.asyncServerStreamingCall((request, observer) -> {
                    ServerCallStreamObserver<MarketEvent> out = (ServerCallStreamObserver<MarketEvent>) observer;
                    long[] seq = {0};
                    boolean[] cancelled = {false};
                    out.setOnCancelHandler(() -> cancelled[0] = true);
                    out.setOnReadyHandler(() -> {
                        while (out.isReady() && !cancelled[0]) {
                            out.onNext(events.apply(++seq[0]));
                        }
                    });
                })).build();
        ServerServiceDefinition echo = ServerServiceDefinition.builder("bench.Raw")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, observer) -> {
                    observer.onNext(answer);
                    observer.onCompleted();
                })).build();
        return Grpc.newServerBuilderForPort(0, tls).addService(stream).addService(echo).build().start();
    }

    /** One unary call, waited for (the bench's sequential latency runs). */
    static <Q, A> A call(ManagedChannel channel, MethodDescriptor<Q, A> method, Q request) {
        return ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                request);
    }

    /** Opens a server stream; each message goes to onEvent on a grpc-java thread; returns the call, to cancel it. */
    static <Q, A> ClientCall<Q, A> stream(ManagedChannel channel, MethodDescriptor<Q, A> method, Q request,
                                          java.util.function.Consumer<A> onEvent) {
        ClientCall<Q, A> call = channel.newCall(method, CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(A message) {
                onEvent.accept(message);
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                if (!status.isOk() && status.getCode() != Status.Code.CANCELLED) {
                    System.err.println("bench: stream " + method.getFullMethodName() + " closed: " + status);
                }
            }
        }, new Metadata());
        call.request(64);
        call.sendMessage(request);
        call.halfClose();
        return call;
    }

    static void close(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
