package memesnipe.strategy.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.model.money.Fixed;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.MarketDataGrpcService;
import memesnipe.v1.MarketDataService;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.SubscribeRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small real MarketData server for tests: every 10 ms it sends one SOL tick to each subscriber,
 * with event time advancing one second per tick (so second-based strategies fire fast) along a
 * periodic sawtooth without drift: 20 ticks flat at 100, 25 ticks up to 102, 25 ticks back down.
 * (70 ticks per cycle, so the 300-tick momentum lookback does not line up with it.)
 */
final class TestGateway extends VerticleBase {
    private final TestCerts certs;
    private final int port;
    private final AtomicLong eventTime; // shared across restarts so event time never goes back
    private final String streamId = UUID.randomUUID().toString();
    private final List<WriteStream<MarketEvent>> subscribers = new ArrayList<>();
    private NodeServer server;
    private long seq;

    TestGateway(TestCerts certs, int port, AtomicLong eventTime) {
        this.certs = certs;
        this.port = port;
        this.eventTime = eventTime;
    }

    @Override
    public Future<?> start() {
        server = NodeServer.builder(vertx, NodeName.GATEWAY).listen("127.0.0.1", port)
                .tls(certs.of(NodeName.GATEWAY)).metrics(NodeMetrics.create("gateway"))
                .status(() -> Statuses.of("gateway", 0, Map.of()).build())
                .service(MarketDataGrpcService.of(new MarketDataService() {
                    @Override
                    protected void subscribe(SubscribeRequest request, WriteStream<MarketEvent> response) {
                        subscribers.add(response);
                        ((GrpcServerResponse<?, ?>) response).exceptionHandler(e -> subscribers.remove(response));
                    }
                }))
                .build();
        return server.start().onSuccess(s -> vertx.setPeriodic(10, id -> emit()));
    }

    @Override
    public Future<?> stop() {
        return server.close();
    }

    int port() {
        return server.actualPort();
    }

    private void emit() {
        seq++;
        long phase = seq % 70;
        double price = phase < 20 ? 100.0 : phase < 45 ? 100.0 + 2.0 * (phase - 20) / 25 : 102.0 - 2.0 * (phase - 45) / 25;
        long time = eventTime.addAndGet(1_000);
        MarketEvent event = MarketEvent.newBuilder().setSeq(seq).setStreamId(streamId).setSymbol("SOL")
                .setPriceE8(Fixed.fromDouble(price)).setVolumeE8(Fixed.ONE).setLiquidityE8(1_000_000 * Fixed.ONE)
                .setEventTimeMs(time).setIngestTimeMs(time).build();
        for (WriteStream<MarketEvent> s : List.copyOf(subscribers)) {
            if (!s.writeQueueFull()) {
                s.write(event).onFailure(e -> subscribers.remove(s));
            }
        }
    }
}
