package memesnipe.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import memesnipe.gateway.feed.Feed;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.Settings;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.testing.TcpProxy;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.MarketDataGrpcClient;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.SubscribeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's Redis tick journal against the real local Redis (each test its own stream), cut off by a proxy. */
class GatewayJournalTest {
    final Vertx vertx = Vertx.vertx();
    final TestCerts certs = TestCerts.create();
    final String stream = "test:gateway-journal:" + UUID.randomUUID();
    final String redisUrl = TestDatabase.redis().url();
    GatewayVerticle gateway;

    @AfterEach
    void stop() throws Exception {
        for (String id : vertx.deploymentIDs()) {
            vertx.undeploy(id).await(20, TimeUnit.SECONDS);
        }
        Redis redis = Redis.createClient(vertx, TestDatabase.redis().options());
        redis.send(Request.cmd(Command.DEL).arg(stream)).await(5, TimeUnit.SECONDS);
        redis.close();
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    private GatewayVerticle start(String redis, long maxLen, int rate, Feed feed) throws Exception {
        Settings s = Settings.empty().with("certs-dir", certs.dir().toString()).with("host", "127.0.0.1")
                .with("grpc-port", "0").with("http-host", "127.0.0.1").with("http-port", "0")
                .with("feed-rate", String.valueOf(rate))
                .with("strategy", "127.0.0.1:1").with("risk", "127.0.0.1:2").with("executor", "127.0.0.1:3")
                .with("redis-url", redis).with("journal-stream", stream).with("journal-maxlen", String.valueOf(maxLen));
        GatewayConfig config = GatewayConfig.from(s);
        gateway = feed == null ? new GatewayVerticle(config, Clock.system()) : new GatewayVerticle(config, Clock.system(), feed);
        vertx.deployVerticle(gateway).await(10, TimeUnit.SECONDS);
        return gateway;
    }

    /** Events one subscriber received; thread-safe. */
    static final class Received {
        private final List<MarketEvent> events = new ArrayList<>();

        synchronized void add(MarketEvent e) {
            events.add(e);
        }

        synchronized int size() {
            return events.size();
        }

        synchronized List<MarketEvent> all() {
            return new ArrayList<>(events);
        }
    }

    private Received subscribe(String name) throws Exception {
        Received r = new Received();
        ReadStream<MarketEvent> s = Calls.serverStream(GrpcClients.create(vertx, certs.of(NodeName.STRATEGY)),
                new HostPort("127.0.0.1", gateway.grpcPort()), MarketDataGrpcClient.Subscribe,
                SubscribeRequest.newBuilder().setSubscriber(name).build()).await(5, TimeUnit.SECONDS);
        s.handler(r::add);
        s.resume();
        await("the subscriber to be registered", () -> gateway.subscriberNames().contains(name));
        return r;
    }

    private JsonObject status() throws Exception {
        return new JsonObject(memesnipe.kit.testing.HttpGet.body(vertx, gateway.httpPort(), "/api/v1/status"));
    }

    private JsonObject journalStatus() {
        try {
            return status().getJsonObject("journal");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long metric(String name) {
        try {
            String text = memesnipe.kit.testing.HttpGet.body(vertx, gateway.httpPort(), "/metrics");
            Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)$").matcher(text);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every entry of the stream, oldest first. */
    private List<MarketEvent> readStream() throws Exception {
        TickJournal j = TickJournal.create(vertx, TestDatabase.redis(), stream, 1);
        List<MarketEvent> out = new ArrayList<>();
        String after = "0";
        while (true) {
            List<TickJournal.Entry> page = j.read(after, 1_000).await(5, TimeUnit.SECONDS);
            if (page.isEmpty()) {
                j.close();
                return out;
            }
            page.forEach(e -> out.add(e.event()));
            after = page.get(page.size() - 1).id();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void journal_whenFeedRuns_holdsEveryAcceptedEventInTheOrderASubscriberReceivedThem() throws Exception {
        ScriptedFeed feed = new ScriptedFeed(4_000, 0);
        start(redisUrl, 100_000, 2_000, feed);
        Received subscriber = subscribe("journal-check");
        feed.go();
        await("every event at the subscriber", () -> subscriber.size() == feed.validTotal());
        await("every event acknowledged by Redis", () -> journalStatus().getLong("appended") == feed.validTotal());

        List<MarketEvent> received = subscriber.all();
        List<MarketEvent> journaled = readStream();
        assertThat(journaled).extracting(MarketEvent::getSeq)
                .containsExactlyElementsOf(received.stream().map(MarketEvent::getSeq).toList());
        assertThat(journaled).containsExactlyElementsOf(received); // same fields, not only the same seqs
        assertThat(journaled.get(0).getSeq()).isEqualTo(1);
        assertThat(journaled.get(journaled.size() - 1).getSeq()).isEqualTo(feed.validTotal());
        JsonObject journal = journalStatus();
        assertThat(journal.getBoolean("up")).isTrue();
        assertThat(journal.getLong("dropped")).isZero();
        assertThat(journal.getLong("failures")).isZero();
        assertThat(journal.getInteger("inFlight")).isZero();
        assertThat(journal.getValue("lagMs")).isInstanceOf(Number.class);
        assertThat(metric("memesnipe_gateway_journal_appended_total")).isEqualTo(feed.validTotal());
        assertThat(metric("memesnipe_gateway_journal_up")).isEqualTo(1);
        await("the length poll to see them", () -> journalStatus().getLong("length", -1L) == feed.validTotal());
    }

    @Test
    void journal_withMalformedTicksInTheFeed_holdsOnlyTheAcceptedOnes() throws Exception {
        ScriptedFeed feed = new ScriptedFeed(3_000, 4); // every 4th tick NaN, negative volume or stale
        start(redisUrl, 100_000, 2_000, feed);
        feed.go();
        await("the feed to be ingested and journaled", () -> {
            JsonObject st = statusQuietly();
            return st.getJsonObject("feed").getLong("eventsIn") == 3_000
                    && st.getJsonObject("journal").getLong("appended") == feed.validTotal();
        });
        JsonObject st = status();
        assertThat(st.getJsonObject("feed").getLong("eventsRejected")).isEqualTo(3_000 - feed.validTotal());
        assertThat(st.getJsonObject("feed").getLong("eventsAccepted")).isEqualTo(feed.validTotal());

        List<MarketEvent> journaled = readStream();
        assertThat(journaled).hasSize(feed.validTotal());
        assertThat(journaled).extracting(MarketEvent::getSeq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, feed.validTotal()).boxed().toList());
        assertThat(journaled).allMatch(e -> e.getPriceE8() > 0 && e.getVolumeE8() > 0
                && e.getIngestTimeMs() - e.getEventTimeMs() < 1_000);
        assertThat(st.getJsonObject("journal").getLong("dropped")).isZero();
    }

    /** One of every signal kind (and a bad one and two ticks), timed at the moment the feed emits it. */
    static final class SignalFeed implements Feed {
        final List<java.util.function.LongFunction<memesnipe.gateway.feed.FeedEvent>> script = List.of(
                now -> new memesnipe.gateway.feed.RawTick("SOL", 150, 1, 50_000, now),
                now -> signal(new memesnipe.model.event.SocialMentions("SOL", now, 420, 60_000, 3_500, "x")),
                now -> signal(new memesnipe.model.event.SocialMentions("SOL", now, -5, 60_000, 0, "x")), // refused
                now -> signal(new memesnipe.model.event.WalletTransfer("BONK", now, "solana",
                        memesnipe.model.event.WalletLabel.DEV, memesnipe.model.event.WalletLabel.EXCHANGE,
                        7_000_000_000_000L, 300, 1_200)),
                now -> signal(new memesnipe.model.event.BridgeFlow("SOL", now, "ethereum", "solana", "USDC",
                        250_000_000_000_000L)),
                now -> signal(new memesnipe.model.event.PoolChange("BONK", now, "Pool.7xKX", "raydium",
                        8_000_000_000_000L, 8_000_000_000_000L, memesnipe.model.event.LpLock.BURNED, true)),
                now -> signal(new memesnipe.model.event.PerpFunding("SOL", now, 15_050_000_000L, 0, 12_000,
                        now + 3_600_000, 28_800_000)),
                now -> signal(new memesnipe.model.event.TokenEvent("JTO", now,
                        memesnipe.model.event.TokenEventKind.AIRDROP_ANNOUNCED, now + 86_400_000, now + 172_800_000)),
                now -> signal(new memesnipe.model.event.TokenRisk("RUG", now, true, 8_100, 9_500)),
                now -> new memesnipe.gateway.feed.RawTick("SOL", 150.5, 1, 50_000, now));
        volatile boolean go;
        int next;

        static memesnipe.gateway.feed.FeedEvent signal(memesnipe.model.event.MarketSignal s) {
            return new memesnipe.gateway.feed.RawSignal(s);
        }

        @Override
        public List<memesnipe.gateway.feed.FeedEvent> next(long nowMs, int count) {
            List<memesnipe.gateway.feed.FeedEvent> out = new ArrayList<>();
            while (go && out.size() < count && next < script.size()) {
                out.add(script.get(next++).apply(nowMs));
            }
            return out;
        }
    }

    private Received subscribeToSignals(String name) throws Exception {
        Received r = new Received();
        ReadStream<MarketEvent> s = Calls.serverStream(GrpcClients.create(vertx, certs.of(NodeName.STRATEGY)),
                new HostPort("127.0.0.1", gateway.grpcPort()), MarketDataGrpcClient.Subscribe,
                SubscribeRequest.newBuilder().setSubscriber(name).setIncludeSignals(true).build())
                .await(5, TimeUnit.SECONDS);
        s.handler(r::add);
        s.resume();
        await("the subscriber to be registered", () -> gateway.subscriberNames().contains(name));
        return r;
    }

    @Test
    void signals_reachSubscribersThatAskForThem_numberedWithTicks_andTheJournalKeepsThemWhole() throws Exception {
        SignalFeed feed = new SignalFeed();
        start(redisUrl, 100_000, 1_000, feed);
        Received all = subscribeToSignals("with-signals");
        Received ticks = subscribe("ticks-only");
        feed.go = true;
        await("every accepted event at the signal subscriber", () -> all.size() == 9);
        await("every accepted event in the journal", () -> journalStatus().getLong("appended") == 9);

        List<MarketEvent> got = all.all();
        assertThat(got).extracting(MarketEvent::getSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(got).extracting(e -> e.getSignalCase().name()).containsExactly("SIGNAL_NOT_SET", "SOCIAL_MENTIONS",
                "WALLET_TRANSFER", "BRIDGE_FLOW", "POOL_CHANGE", "PERP_FUNDING", "TOKEN_EVENT", "TOKEN_RISK",
                "SIGNAL_NOT_SET");
        MarketEvent social = got.get(1);
        assertThat(social.getSymbol()).isEqualTo("SOL");
        assertThat(social.getPriceE8()).isZero();
        assertThat(social.getSocialMentions().getMentions()).isEqualTo(420);
        assertThat(social.getSocialMentions().getSentimentE4()).isEqualTo(3_500);
        assertThat(got.get(2).getWalletTransfer().getFrom()).isEqualTo(memesnipe.v1.WalletLabel.WALLET_DEV);
        assertThat(got.get(2).getWalletTransfer().getSupplyBps()).isEqualTo(300);
        assertThat(got.get(3).getBridgeFlow().getUsdE8()).isEqualTo(250_000_000_000_000L);
        assertThat(got.get(4).getPoolChange().getLpLock()).isEqualTo(memesnipe.v1.LpLock.LP_BURNED);
        assertThat(got.get(4).getPoolChange().getNewPool()).isTrue();
        assertThat(got.get(5).getPerpFunding().getFundingRateE8()).isEqualTo(12_000);
        assertThat(got.get(6).getTokenEvent().getKind()).isEqualTo(memesnipe.v1.TokenEventKind.AIRDROP_ANNOUNCED);
        assertThat(got.get(7).getTokenRisk().getLpRemovedBps()).isEqualTo(9_500);

        await("both ticks at the tick-only subscriber", () -> ticks.size() == 2);
        assertThat(ticks.all()).extracting(MarketEvent::getSeq).containsExactly(1L, 9L);

        assertThat(readStream()).containsExactlyElementsOf(got);
        JsonObject feedStatus = status().getJsonObject("feed");
        assertThat(feedStatus.getLong("eventsRejected")).isEqualTo(1);
        assertThat(feedStatus.getJsonObject("rejectedByReason").getLong("COUNT_OUT_OF_RANGE")).isEqualTo(1);
    }

    private JsonObject statusQuietly() {
        try {
            return status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void journal_withSmallMaxLen_keepsTheStreamBounded() throws Exception {
        ScriptedFeed feed = new ScriptedFeed(5_000, 0);
        start(redisUrl, 100, 5_000, feed);
        feed.go();
        await("every event journaled", () -> journalStatus().getLong("appended") == feed.validTotal());
        // XADD MAXLEN ~ trims whole radix-tree nodes (100 entries each by default): near the cap, never 5,000
        List<MarketEvent> journaled = readStream();
        assertThat(journaled.size()).isBetween(100, 300);
        assertThat(journaled.get(journaled.size() - 1).getSeq()).as("the newest are kept").isEqualTo(5_000);
        await("the length poll to report it", () -> {
            Long length = journalStatus().getLong("length");
            return length != null && length < 300;
        });
    }

    @Test
    void journal_whenRedisUnreachableAtStartAndDuringTheRun_marketDataFlowsAndJournalingResumesByItself()
            throws Exception {
        try (TcpProxy proxy = TcpProxy.to(URI.create(redisUrl).getPort())) {
            proxy.cut(); // Redis unreachable before the gateway starts
            start("redis://127.0.0.1:" + proxy.port(), 100_000, 1_000, null);
            Received subscriber = subscribe("while-redis-down");

            await("market data flowing with Redis down", () -> subscriber.size() >= 500);
            await("journal reported down", () -> !journalStatus().getBoolean("up")
                    && !journalStatus().getString("lastError").isEmpty());
            assertThat(metric("memesnipe_gateway_journal_up")).isZero();
            assertThat(journalStatus().getLong("appended")).isZero();
            long droppedBefore = journalStatus().getLong("dropped");
            await("events counted as not journaled", () -> journalStatus().getLong("dropped") > droppedBefore);
            assertThat(new JsonObject(status().encode()).getJsonArray("nodes").getJsonObject(0).getString("name"))
                    .isEqualTo("gateway");

            proxy.restore();
            await("journal up again by itself", () -> journalStatus().getBoolean("up")
                    && journalStatus().getLong("appended") > 200);

            proxy.cut(); // Redis goes away during the run
            await("journal reported down again", () -> !journalStatus().getBoolean("up"));
            int atCut = subscriber.size();
            await("market data still flowing", () -> subscriber.size() >= atCut + 1_000);
            long appendedWhileDown = journalStatus().getLong("appended");

            proxy.restore();
            await("journal resumed after Redis returned", () -> journalStatus().getBoolean("up")
                    && journalStatus().getLong("appended") > appendedWhileDown + 200);
            JsonObject journal = journalStatus();
            assertThat(journal.getString("lastError")).isEmpty();
            assertThat(journal.getLong("dropped")).isPositive();

            List<MarketEvent> journaled = readStream();
            for (int i = 1; i < journaled.size(); i++) {
                assertThat(journaled.get(i).getSeq()).as("order kept across the outages")
                        .isGreaterThan(journaled.get(i - 1).getSeq());
            }
            int last = subscriber.size();
            await("and the subscriber never stopped", () -> subscriber.size() > last + 100);
        }
    }
}
