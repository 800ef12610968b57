package memesnipe.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.Settings;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.testing.ReflectionProbe;
import memesnipe.kit.testing.TestCerts;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.MarketDataGrpcClient;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.SubscribeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The real gateway on port 0 over real gRPC + TLS, with no other node running. */
class GatewayVerticleTest {
    static final int RATE = 2_000;
    static Vertx vertx;
    static TestCerts certs;
    static GatewayVerticle gateway;
    static HostPort address;
    static HttpClient http;
    static final String STREAM = "test:gateway:" + java.util.UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        certs = TestCerts.create();
        Settings s = Settings.empty().with("certs-dir", certs.dir().toString())
                .with("host", "127.0.0.1").with("grpc-port", "0")
                .with("http-host", "127.0.0.1").with("http-port", "0")
                .with("feed-rate", String.valueOf(RATE))
                .with("strategy", "127.0.0.1:1").with("risk", "127.0.0.1:2").with("executor", "127.0.0.1:3")
                .with("redis-url", memesnipe.kit.testing.TestDatabase.redis().url()).with("journal-stream", STREAM)
                .with("journal-maxlen", "1000");
        gateway = new GatewayVerticle(GatewayConfig.from(s), Clock.system());
        vertx.deployVerticle(gateway).await(10, TimeUnit.SECONDS);
        address = new HostPort("127.0.0.1", gateway.grpcPort());
        http = vertx.createHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        // Undeploy first: the gateway ends its subscribers' streams, so the clients can then close at once.
        for (String id : vertx.deploymentIDs()) {
            vertx.undeploy(id).await(20, TimeUnit.SECONDS);
        }
        io.vertx.redis.client.Redis redis = io.vertx.redis.client.Redis.createClient(vertx,
                memesnipe.kit.testing.TestDatabase.redis().options());
        redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL).arg(STREAM))
                .await(5, TimeUnit.SECONDS);
        redis.close();
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    static GrpcClient newClient() {
        return GrpcClients.create(vertx, certs.of(NodeName.STRATEGY));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void liveStatusStreams_sendTheStatusAsServerSentEvents_andRefuseBeyondTheirBound() throws Exception {
        io.vertx.core.http.HttpClient streams = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions(),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(GatewayVerticle.LIVE_STATUS_CLIENTS + 1));
        try {
            List<String> firstEvents = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < GatewayVerticle.LIVE_STATUS_CLIENTS; i++) {
                io.vertx.core.http.HttpClientResponse r = streams.request(HttpMethod.GET, gateway.httpPort(), "127.0.0.1",
                        "/api/v1/events").compose(req -> req.send()).await(5, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.getHeader("content-type")).startsWith("text/event-stream");
                StringBuilder first = new StringBuilder();
                r.handler(chunk -> {
                    if (first.isEmpty()) {
                        first.append(chunk.toString());
                        firstEvents.add(first.toString());
                    }
                });
            }
            await("every stream's first event", () -> firstEvents.size() == GatewayVerticle.LIVE_STATUS_CLIENTS);
            for (String e : firstEvents) {
                assertThat(e).startsWith("data: {").endsWith("\n\n");
                assertThat(new JsonObject(e.substring("data: ".length()).trim()).getJsonObject("breaker")).isNotNull();
            }
            String refused = streams.request(HttpMethod.GET, gateway.httpPort(), "127.0.0.1", "/api/v1/events")
                    .compose(req -> req.send().compose(r -> r.body().map(b -> r.statusCode() + " " + b)))
                    .await(5, TimeUnit.SECONDS);
            assertThat(refused).startsWith("503 ").contains("at most 32 live status streams");
        } finally {
            streams.close().await(5, TimeUnit.SECONDS);
        }
        await("closed streams are released", () -> {
            try {
                return get("/metrics").contains("memesnipe_gateway_live_status_clients{node=\"gateway\"} 0.0");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void dashboardPage_isServedAtTheRoot_underAStrictContentSecurityPolicy() throws Exception {
        String[] csp = new String[1];
        String page = http.request(HttpMethod.GET, gateway.httpPort(), "127.0.0.1", "/")
                .compose(req -> req.send().compose(r -> {
                    csp[0] = r.getHeader("content-security-policy");
                    return r.body().map(b -> r.statusCode() + " " + b);
                })).await(5, TimeUnit.SECONDS);
        assertThat(page).startsWith("200 ").contains("<script src=\"/dashboard.js\">").doesNotContain("<script>");
        assertThat(csp[0]).contains("default-src 'self'").doesNotContain("unsafe");
        assertThat(get("/dashboard.js")).contains("new EventSource('/api/v1/events')").doesNotContain("innerHTML");
    }

    static String get(String path) throws Exception {
        return http.request(HttpMethod.GET, gateway.httpPort(), "127.0.0.1", path)
                .compose(r -> r.send().compose(resp -> resp.body()))
                .await(5, TimeUnit.SECONDS).toString();
    }

    /** Collects events of one subscription; thread-safe. */
    static final class Collector {
        private final List<MarketEvent> events = new ArrayList<>();

        synchronized void add(MarketEvent e) {
            events.add(e);
        }

        synchronized int size() {
            return events.size();
        }

        synchronized List<MarketEvent> from(int index) {
            return new ArrayList<>(events.subList(index, events.size()));
        }
    }

    static Collector subscribe(GrpcClient client, String name) throws Exception {
        Collector c = new Collector();
        ReadStream<MarketEvent> stream = Calls.serverStream(client, address, MarketDataGrpcClient.Subscribe,
                SubscribeRequest.newBuilder().setSubscriber(name).build()).await(5, TimeUnit.SECONDS);
        stream.handler(c::add);
        stream.resume();
        return c;
    }

    static long stuckDrops() throws Exception {
        Matcher m = Pattern.compile("memesnipe_gateway_subscriber_drops_total\\{[^}]*subscriber=\"stuck\"[^}]*} (\\S+)")
                .matcher(get("/metrics"));
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    static long fact(String name) throws Exception {
        PeerProbe probe = new PeerProbe(newClient());
        return Long.parseLong(probe.status(address, 2000).await(5, TimeUnit.SECONDS).getFactsOrThrow(name));
    }

    @Test
    void healthAndReflection_overTls_listMarketData() throws Exception {
        GrpcClient client = newClient();
        assertThat(new PeerProbe(client).serving(address, 2000).await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ReflectionProbe.listServices(client, address).await(5, TimeUnit.SECONDS))
                .contains("memesnipe.v1.MarketData", "memesnipe.v1.Node", "grpc.health.v1.Health");
    }

    @Test
    void subscribe_deliversEventsWithStrictlyIncreasingSeq() throws Exception {
        Collector c = subscribe(newClient(), "seq-check");
        await("500 events", () -> c.size() >= 500);
        List<MarketEvent> events = c.from(0);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).getSeq()).isGreaterThan(events.get(i - 1).getSeq());
            assertThat(events.get(i).getStreamId()).isEqualTo(events.get(0).getStreamId()).isNotEmpty();
        }
        assertThat(events).allMatch(e -> e.getPriceE8() > 0 && e.getVolumeE8() >= 0 && e.getIngestTimeMs() > 0);
    }

    @Test
    void subscribe_withSymbolFilter_getsOnlyThoseSymbols() throws Exception {
        Collector c = new Collector();
        Calls.serverStream(newClient(), address, MarketDataGrpcClient.Subscribe,
                        SubscribeRequest.newBuilder().setSubscriber("wif-only").addSymbols("wif").build())
                .await(5, TimeUnit.SECONDS).handler(c::add).resume();
        await("50 events", () -> c.size() >= 50);
        assertThat(c.from(0)).extracting(MarketEvent::getSymbol).containsOnly("WIF");
    }

    @Test
    void subscribe_withoutSubscriberName_failsWithInvalidArgument() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> {
            ReadStream<MarketEvent> stream = Calls.serverStream(newClient(), address, MarketDataGrpcClient.Subscribe,
                    SubscribeRequest.getDefaultInstance()).await(5, TimeUnit.SECONDS);
            io.vertx.core.Promise<Void> ended = io.vertx.core.Promise.promise();
            stream.exceptionHandler(ended::tryFail);
            stream.endHandler(ended::tryComplete);
            stream.resume();
            ended.future().await(5, TimeUnit.SECONDS);
        });
        assertThat(failure).isInstanceOf(Calls.CallFailed.class);
        assertThat(((Calls.CallFailed) failure).status()).isEqualTo(io.vertx.grpc.common.GrpcStatus.INVALID_ARGUMENT);
    }

    @Test
    void subscribe_whenEarlierClientCancelledOnOpenConnection_laterSubscriberStillReceives() throws Exception {
        GrpcClient hostile = newClient(); // keeps its connection open after cancelling
        for (int i = 0; i < 3; i++) {
            var req = hostile.request(address.socketAddress(), MarketDataGrpcClient.Subscribe).await(5, TimeUnit.SECONDS);
            var resp = req.send(SubscribeRequest.newBuilder().setSubscriber("canceller").build()).await(5, TimeUnit.SECONDS);
            Collector got = new Collector();
            resp.handler(got::add);
            await("the cancelling client's first event", () -> got.size() > 0);
            req.cancel(); // RST_STREAM CANCEL on a connection that stays open
            // removed before the next one: events already on the wire for a cancelled stream make the client answer
            // each with a reset, and netty's client closes a connection that sends 200 resets in 30 s
            await("cancelled subscriber removed", () -> subscribers("canceller") == 0);
        }
        Collector later = subscribe(newClient(), "later");
        await("events for a subscriber that joined after the cancels", () -> later.size() >= 100);
        int seen = later.size();
        await("and they keep coming", () -> later.size() > seen + 100);
    }

    @Test
    void subscribe_oneCallSendingTwoRequests_isEndedWithInvalidArgument_andLeavesNoSubscriber() throws Exception {
        var req = newClient().request(address.socketAddress(), MarketDataGrpcClient.Subscribe).await(5, TimeUnit.SECONDS);
        io.vertx.core.Promise<io.vertx.grpc.common.GrpcStatus> ended = io.vertx.core.Promise.promise();
        req.response().onSuccess(resp -> resp.handler(e -> { }).endHandler(v -> ended.tryComplete(resp.status()))
                .exceptionHandler(ended::tryFail));
        req.write(SubscribeRequest.newBuilder().setSubscriber("twice").build());
        req.write(SubscribeRequest.newBuilder().setSubscriber("twice").build());
        req.end();
        // a server-streaming call takes one request message: the second one is a malformed call
        assertThat(ended.future().await(5, TimeUnit.SECONDS)).isEqualTo(io.vertx.grpc.common.GrpcStatus.INVALID_ARGUMENT);
        await("no subscriber left by the refused call", () -> subscribers("twice") == 0);
    }

    @Test
    void subscribe_withHostileName_isRefusedWithInvalidArgument() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> {
            ReadStream<MarketEvent> stream = Calls.serverStream(newClient(), address, MarketDataGrpcClient.Subscribe,
                    SubscribeRequest.newBuilder().setSubscriber("evil\nERROR forged " + "x".repeat(1000)).build())
                    .await(5, TimeUnit.SECONDS);
            io.vertx.core.Promise<Void> ended = io.vertx.core.Promise.promise();
            stream.exceptionHandler(ended::tryFail);
            stream.endHandler(ended::tryComplete);
            stream.resume();
            ended.future().await(5, TimeUnit.SECONDS);
        });
        assertThat(failure).isInstanceOf(Calls.CallFailed.class);
        assertThat(((Calls.CallFailed) failure).status()).isEqualTo(io.vertx.grpc.common.GrpcStatus.INVALID_ARGUMENT);
    }

    @Test
    void subscribe_overTheSubscriberCap_isRefusedWithResourceExhausted_untilASubscriberLeaves() throws Exception {
        Settings s = Settings.empty().with("certs-dir", certs.dir().toString())
                .with("host", "127.0.0.1").with("grpc-port", "0").with("http-host", "127.0.0.1").with("http-port", "0")
                .with("feed-rate", "200").with("max-subscribers", "1")
                .with("strategy", "127.0.0.1:1").with("risk", "127.0.0.1:2").with("executor", "127.0.0.1:3");
        GatewayVerticle capped = new GatewayVerticle(GatewayConfig.from(s), Clock.system());
        vertx.deployVerticle(capped).await(10, TimeUnit.SECONDS);
        HostPort cappedAddress = new HostPort("127.0.0.1", capped.grpcPort());
        GrpcClient client = newClient();
        var first = client.request(cappedAddress.socketAddress(), MarketDataGrpcClient.Subscribe)
                .await(5, TimeUnit.SECONDS);
        Collector got = new Collector();
        first.send(SubscribeRequest.newBuilder().setSubscriber("first").build()).await(5, TimeUnit.SECONDS)
                .handler(got::add);
        await("the first subscriber's events", () -> got.size() > 0);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> Calls.serverStream(client,
                        cappedAddress, MarketDataGrpcClient.Subscribe,
                        SubscribeRequest.newBuilder().setSubscriber("second").build())
                .await(5, TimeUnit.SECONDS));
        assertThat(refused).isInstanceOf(Calls.CallFailed.class);
        assertThat(((Calls.CallFailed) refused).status()).isEqualTo(io.vertx.grpc.common.GrpcStatus.RESOURCE_EXHAUSTED);

        first.cancel();
        await("the cancelled subscriber's place to free up", () -> capped.subscriberNames().isEmpty());
        Collector third = new Collector();
        Calls.serverStream(client, cappedAddress, MarketDataGrpcClient.Subscribe,
                SubscribeRequest.newBuilder().setSubscriber("third").build()).await(5, TimeUnit.SECONDS)
                .handler(third::add).resume();
        await("events for the subscriber that took the free place", () -> third.size() > 0);
    }

    /** Subscribers of this name connected now. */
    static long subscribers(String name) {
        return gateway.subscriberNames().stream().filter(name::equals).count();
    }

    @Test
    void stuckSubscriber_doesNotLowerTheRateAReadingSubscriberGets_andItsDropsAreCounted() throws Exception {
        // A subscriber that opens the stream and never reads: HTTP/2 flow control fills up on its stream.
        GrpcClient stuckClient = newClient();
        stuckClient.request(address.socketAddress(), MarketDataGrpcClient.Subscribe)
                .compose(req -> req.send(SubscribeRequest.newBuilder().setSubscriber("stuck").build()))
                .onSuccess(resp -> resp.pause())
                .await(5, TimeUnit.SECONDS);
        // The reader gets a roomy HTTP/2 window so a CPU-starved test machine does not make it look slow itself.
        HttpClientOptions roomy = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setSsl(true)
                .setUseAlpn(true).setTrustOptions(certs.of(NodeName.STRATEGY).trustOptions())
                .setKeyCertOptions(certs.of(NodeName.STRATEGY).keyCertOptions())
                .setInitialSettings(new Http2Settings().setInitialWindowSize(4 << 20))
                .setHttp2ConnectionWindowSize(8 << 20);
        Collector reader = subscribe(GrpcClient.client(vertx, roomy), "reader");
        await("the stuck subscriber to start losing events", () -> {
            try {
                return stuckDrops() > 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        long dropsBefore = stuckDrops();
        int start = reader.size();
        await("two seconds' worth of events at the reader", () -> reader.size() >= start + 2 * RATE * 9 / 10);
        List<MarketEvent> window = reader.from(start);
        long accepted = window.get(window.size() - 1).getSeq() - window.get(0).getSeq() + 1;
        for (int i = 1; i < window.size(); i++) {
            assertThat(window.get(i).getSeq()).isGreaterThan(window.get(i - 1).getSeq());
        }
        // Sequence numbers count every accepted event, so this is the share of accepted events delivered.
        assertThat((double) window.size() / accepted).isGreaterThanOrEqualTo(0.9);
        assertThat(stuckDrops()).isGreaterThan(dropsBefore);

        long subscribers = fact("subscribers");
        stuckClient.close().await(5, TimeUnit.SECONDS);
        await("the stuck subscriber to be removed on disconnect", () -> {
            try {
                return fact("subscribers") == subscribers - 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void restStatus_overPlainHttp_showsGatewayServingAndAbsentPeersNotServing() throws Exception {
        await("the gateway to see itself serving", () -> {
            try {
                return new JsonObject(get("/api/v1/status")).getJsonArray("nodes").getJsonObject(0)
                        .getBoolean("serving");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonObject status = new JsonObject(get("/api/v1/status"));
        JsonArray nodes = status.getJsonArray("nodes");
        assertThat(nodes).hasSize(5);
        assertThat(nodes.getJsonObject(0).getString("name")).isEqualTo("gateway");
        assertThat(nodes.getJsonObject(0).getString("address")).isEqualTo(address.toString());
        for (int i = 1; i < 5; i++) {
            assertThat(nodes.getJsonObject(i).getBoolean("serving")).as(nodes.getJsonObject(i).encode()).isFalse();
        }
        assertThat(nodes.getJsonObject(4).getMap()).containsEntry("name", "signer").containsEntry("via", "executor");
        assertThat(status.getJsonObject("breaker").getString("tier")).isEqualTo("UNKNOWN");
        assertThat(status.getJsonObject("portfolio").containsKey("fills")).isTrue();
        assertThat(status.getJsonObject("portfolio").getValue("fills")).isNull();
        JsonObject feed = status.getJsonObject("feed");
        assertThat(feed.getValue("eventsIn")).isInstanceOf(Number.class);
        assertThat(feed.getLong("eventsIn")).isPositive();
        assertThat(feed.getValue("eventsRejected")).isInstanceOf(Number.class);
        assertThat(feed.getJsonObject("rejectedByReason").fieldNames()).contains("STALE", "PRICE_DEVIATION");
        assertThat(status.getLong("generatedAtMs")).isPositive();
        assertThat(new JsonObject(get("/health")).getString("status")).isEqualTo("UP");
    }

    @Test
    void metrics_overPlainHttp_countEventsInAcceptedAndRejectedByReason() throws Exception {
        await("some events", () -> {
            try {
                return fact("eventsIn") > 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String metrics = get("/metrics");
        assertThat(metrics).contains("memesnipe_gateway_events_in_total", "memesnipe_gateway_events_accepted_total",
                "memesnipe_gateway_events_rejected_total{", "reason=\"STALE\"", "memesnipe_gateway_subscribers",
                "node=\"gateway\"", "memesnipe_gateway_journal_appended_total", "memesnipe_gateway_journal_dropped_total",
                "memesnipe_gateway_journal_failures_total", "memesnipe_gateway_journal_in_flight",
                "memesnipe_gateway_journal_lag_ms", "memesnipe_gateway_journal_length", "memesnipe_gateway_journal_up");
    }
}
