package memesnipe.risk.node;

import io.vertx.core.Vertx;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.MarketDataGrpcService;
import memesnipe.v1.MarketDataService;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.SubscribeRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real MarketData gRPC server (node GATEWAY) whose prices the test sets, tick by tick. */
final class ScriptedMarket extends MarketDataService {
    private final Vertx vertx;
    private final List<WriteStream<MarketEvent>> subscribers = new CopyOnWriteArrayList<>();
    private long seq;
    private NodeServer server;

    ScriptedMarket(Vertx vertx) {
        this.vertx = vertx;
    }

    ScriptedMarket start(TestCerts certs) throws Exception {
        server = NodeServer.builder(vertx, NodeName.GATEWAY).listen("127.0.0.1", 0).tls(certs.of(NodeName.GATEWAY))
                .metrics(NodeMetrics.create("gateway")).service(MarketDataGrpcService.of(this))
                .status(() -> Statuses.of("gateway", 0, Map.of()).build()).build().start().await(10, TimeUnit.SECONDS);
        return this;
    }

    int port() {
        return server.actualPort();
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** The last subscription asked for. */
    volatile SubscribeRequest lastRequest;

    @Override
    protected void subscribe(SubscribeRequest request, WriteStream<MarketEvent> response) {
        lastRequest = request;
        subscribers.add(response);
        ((GrpcServerResponse<?, ?>) response).exceptionHandler(err -> subscribers.remove(response));
    }

    private long holdTimer = -1;

    /** Sets prices and re-sends them every 100 ms until changed or {@link #silence()}d (a live feed). */
    synchronized void hold(Map<String, Long> pricesE8) throws Exception {
        silence();
        tick(pricesE8);
        holdTimer = vertx.setPeriodic(100, id -> {
            try {
                tick(pricesE8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Stops re-sending: the feed goes quiet. */
    synchronized void silence() {
        if (holdTimer >= 0) {
            vertx.cancelTimer(holdTimer);
            holdTimer = -1;
        }
    }

    /** Sends one tick per symbol to every subscriber, on the event loop, and waits until it is written. */
    synchronized void tick(Map<String, Long> pricesE8) throws Exception {
        vertx.runOnContext(v -> {
            long now = System.currentTimeMillis();
            pricesE8.forEach((symbol, price) -> {
                MarketEvent e = MarketEvent.newBuilder().setSeq(++seq).setStreamId("scripted").setSymbol(symbol)
                        .setPriceE8(price).setLiquidityE8(1_000_000L * 100_000_000L).setEventTimeMs(now)
                        .setIngestTimeMs(now).build();
                for (WriteStream<MarketEvent> s : subscribers) {
                    s.write(e);
                }
            });
        });
    }

    /** Sends a non-price event (its signal set, e.g. token_risk) to every subscriber, numbered with the ticks. */
    synchronized void signal(MarketEvent.Builder event) {
        vertx.runOnContext(v -> {
            long now = System.currentTimeMillis();
            MarketEvent e = event.setSeq(++seq).setStreamId("scripted").setEventTimeMs(now).setIngestTimeMs(now).build();
            for (WriteStream<MarketEvent> s : subscribers) {
                s.write(e);
            }
        });
    }
}
