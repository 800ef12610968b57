package memesnipe.kit.ledger;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.Settings;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.testing.Await;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.kit.testing.TestServerCa;
import memesnipe.kit.testing.TlsProxy;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The tick journal over rediss:// against the real local Redis, through a {@link TlsProxy} that is TLS from the
 * first byte with a certificate from a CA made for the test: entries reach Redis when the client trusts that CA,
 * and an untrusted certificate or a name it does not carry is refused.
 */
class TickJournalTlsTest {
    private static Vertx vertx;
    private static TestServerCa serverCa;
    private static TestServerCa otherCa;
    /** On 127.0.0.1, a name in the server certificate. */
    private static TlsProxy proxy;
    /** On 127.0.0.2, a loopback address that is not in the server certificate. */
    private static TlsProxy unnamedProxy;
    private String stream;

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        serverCa = TestServerCa.create("Redis test CA");
        otherCa = TestServerCa.create("Some other CA");
        int redisPort = URI.create(TestDatabase.redis().url()).getPort();
        proxy = TlsProxy.redis(vertx, "127.0.0.1", redisPort, serverCa.serverKeyCert());
        unnamedProxy = TlsProxy.redis(vertx, "127.0.0.2", redisPort, serverCa.serverKeyCert());
    }

    @AfterAll
    static void tearDown() throws Exception {
        proxy.close();
        unnamedProxy.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void newStream() {
        stream = "test:tls:" + UUID.randomUUID();
    }

    @AfterEach
    void deleteStream() throws Exception {
        Redis.createClient(vertx, TestDatabase.redis().options()).send(Request.cmd(Command.DEL).arg(stream))
                .await(5, TimeUnit.SECONDS);
    }

    private static RedisSettings settings(TlsProxy via, Path caFile) {
        Settings s = Settings.empty().with("redis-url", "rediss://" + via.host() + ":" + via.port());
        if (caFile != null) {
            s = s.with("redis-ca-file", caFile.toString());
        }
        return ConfigReader.validate(s, RedisSettings::read);
    }

    /** The stream's length as the real Redis has it (read directly, not through the proxy). */
    private long lengthInRealRedis() throws Exception {
        TickJournal direct = TickJournal.create(vertx, TestDatabase.redis(), stream, 1_000);
        try {
            return direct.length().await(5, TimeUnit.SECONDS);
        } finally {
            direct.close();
        }
    }

    @Test
    void append_overRedissWithTheServersCa_reachesTheRealRedisOverTls() throws Exception {
        int sessionsBefore = proxy.tlsSessions();
        TickJournal j = TickJournal.create(vertx, settings(proxy, serverCa.caFile()), stream, 1_000);
        j.append(event(1, "SOL", 150_000_000L)).await(10, TimeUnit.SECONDS);
        j.append(event(2, "PEPE", 42L)).await(10, TimeUnit.SECONDS);
        assertThat(proxy.tlsSessions()).isGreaterThan(sessionsBefore);
        j.close();

        TickJournal direct = TickJournal.create(vertx, TestDatabase.redis(), stream, 1_000);
        var entries = direct.read("0", 10).await(5, TimeUnit.SECONDS);
        assertThat(entries).extracting(e -> e.event().getSeq()).containsExactly(1L, 2L);
        assertThat(entries.get(0).event().getPriceE8()).isEqualTo(150_000_000L);
        direct.close();
    }

    @Test
    void append_withACaThatDidNotSignTheServerCertificate_failsNamingTheCertificateProblem() throws Exception {
        int failuresBefore = proxy.handshakeFailures();
        TickJournal j = TickJournal.create(vertx, settings(proxy, otherCa.caFile()), stream, 1_000);
        Throwable err = catchThrowable(() -> j.append(event(1, "SOL", 1L)).await(10, TimeUnit.SECONDS));
        assertThat(err).isNotNull();
        assertThat(Ledger.rootMessage(err)).contains("certification path");
        Await.until("the proxy sees the client abort the handshake", Duration.ofSeconds(5),
                () -> proxy.handshakeFailures() > failuresBefore);
        j.close();
        assertThat(lengthInRealRedis()).isZero();
    }

    @Test
    void append_withoutCaFile_trustsOnlyTheDefaultCas_soAPrivateCaIsRefused() throws Exception {
        TickJournal j = TickJournal.create(vertx, settings(proxy, null), stream, 1_000);
        Throwable err = catchThrowable(() -> j.append(event(1, "SOL", 1L)).await(10, TimeUnit.SECONDS));
        assertThat(err).isNotNull();
        assertThat(Ledger.rootMessage(err)).contains("certification path");
        j.close();
        assertThat(lengthInRealRedis()).isZero();
    }

    @Test
    void append_toAnAddressTheCertificateDoesNotName_isRefused() throws Exception {
        TickJournal j = TickJournal.create(vertx, settings(unnamedProxy, serverCa.caFile()), stream, 1_000);
        Throwable err = catchThrowable(() -> j.append(event(1, "SOL", 1L)).await(10, TimeUnit.SECONDS));
        assertThat(err).isNotNull();
        assertThat(Ledger.rootMessage(err)).contains("127.0.0.2");
        j.close();
        assertThat(lengthInRealRedis()).isZero();
    }

    private static MarketEvent event(long seq, String symbol, long price) {
        return MarketEvent.newBuilder().setSeq(seq).setStreamId("s1").setSymbol(symbol).setPriceE8(price)
                .setVolumeE8(5).setLiquidityE8(7).setEventTimeMs(1_000 + seq).setIngestTimeMs(1_001 + seq).build();
    }
}
