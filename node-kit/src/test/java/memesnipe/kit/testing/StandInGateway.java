package memesnipe.kit.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.MarketDataGrpcService;
import memesnipe.v1.MarketDataService;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.SubscribeRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in gateway over real gRPC + TLS for node tests: streams the current price of each configured symbol
 * every 50 ms to every subscriber. Tests change a price with {@link #price}.
 */
public final class StandInGateway {
    private final Map<String, Long> prices = new ConcurrentHashMap<>();
    private final Map<String, Integer> lots = new ConcurrentHashMap<>();
    private NodeServer server;

    private StandInGateway() {
    }

    /** Starts on a free loopback port, streaming the given symbol prices (scale 1e8). */
    public static Future<StandInGateway> start(Vertx vertx, TestCerts certs, Map<String, Long> pricesE8) {
        StandInGateway g = new StandInGateway();
        g.prices.putAll(pricesE8);
        g.server = NodeServer.builder(vertx, NodeName.GATEWAY).listen("127.0.0.1", 0)
                .tls(certs.of(NodeName.GATEWAY)).metrics(NodeMetrics.create("gateway"))
                .service(MarketDataGrpcService.of(new MarketDataService() {
                    @Override
                    protected void subscribe(SubscribeRequest request, WriteStream<MarketEvent> response) {
                        long[] seq = {0};
                        long timer = vertx.setPeriodic(0, 50, id -> g.prices.forEach((symbol, price) ->
                                response.write(MarketEvent.newBuilder().setSeq(++seq[0]).setStreamId("stand-in")
                                        .setSymbol(symbol).setPriceE8(price).setLotExponent(g.lots.getOrDefault(symbol, 0))
                                        .setEventTimeMs(System.currentTimeMillis())
                                        .setIngestTimeMs(System.currentTimeMillis()).build())));
                        ((GrpcServerResponse<?, ?>) response).exceptionHandler(err -> vertx.cancelTimer(timer));
                    }
                }))
                .status(() -> Statuses.of("gateway", 0, Map.of()).build())
                .build();
        return g.server.start().map(s -> g);
    }

    public void price(String symbol, long priceE8) {
        price(symbol, priceE8, 0);
    }

    /** Streams the symbol at priceE8 per lot of 10^lotExponent units from now on. */
    public void price(String symbol, long priceE8, int lotExponent) {
        lots.put(symbol, lotExponent);
        prices.put(symbol, priceE8);
    }

    public String address() {
        return "127.0.0.1:" + server.actualPort();
    }
}
