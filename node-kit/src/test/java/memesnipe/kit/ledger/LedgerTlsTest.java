package memesnipe.kit.ledger;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.Settings;
import memesnipe.kit.testing.Await;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.kit.testing.TestServerCa;
import memesnipe.kit.testing.TlsProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger over TLS against the real local PostgreSQL, through a {@link TlsProxy} that answers the SSLRequest,
 * terminates TLS with a certificate from a CA made for the test and refuses plaintext: both the JDBC migrations
 * and the reactive pool, each sslmode's checks (libpq semantics), and a clear one-line failure otherwise.
 */
class LedgerTlsTest {
    private static final String SCHEMA = "kit_test";
    private static Vertx vertx;
    private static TestDatabase db;
    private static TestServerCa serverCa;
    private static TestServerCa otherCa;
    /** On 127.0.0.1, a name in the server certificate. */
    private static TlsProxy proxy;
    /** On 127.0.0.2, a loopback address that is not in the server certificate. */
    private static TlsProxy unnamedProxy;

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        db = TestDatabase.create();
        serverCa = TestServerCa.create("PostgreSQL test CA");
        otherCa = TestServerCa.create("Some other CA");
        proxy = TlsProxy.postgres(vertx, "127.0.0.1", TestDatabase.port(), serverCa.serverKeyCert());
        unnamedProxy = TlsProxy.postgres(vertx, "127.0.0.2", TestDatabase.port(), serverCa.serverKeyCert());
    }

    @AfterAll
    static void tearDown() throws Exception {
        proxy.close();
        unnamedProxy.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        db.close();
    }

    private static DatabaseSettings settings(TlsProxy via, String sslmode, Path caFile) {
        Settings s = Settings.empty().with("pg-url", "postgresql://" + TestDatabase.user() + "@" + via.host() + ":"
                + via.port() + "/" + db.name() + "?sslmode=" + sslmode);
        if (caFile != null) {
            s = s.with("pg-ca-file", caFile.toString());
        }
        return ConfigReader.validate(s, DatabaseSettings::read);
    }

    /** One query on a new connection of the reactive client (not the JDBC driver the migrations use). */
    private static int reactiveSelectOne(DatabaseSettings s) throws Exception {
        PgConnection c = PgConnection.connect(vertx, s.connectOptions()).await(15, TimeUnit.SECONDS);
        try {
            return c.query("SELECT 1").execute().await(10, TimeUnit.SECONDS).iterator().next().getInteger(0);
        } finally {
            c.close().await(5, TimeUnit.SECONDS);
        }
    }

    /**
     * The reactive client refuses the connection in the TLS handshake. Vert.x's PG client (5.0.7) reports only
     * "SSL handshake failed", without the cause; the proxy seeing the client abort the handshake shows where it failed.
     */
    private static void assertReactiveClientRefusesTheHandshake(TlsProxy via, DatabaseSettings s) throws Exception {
        int failuresBefore = via.handshakeFailures();
        assertThatThrownBy(() -> reactiveSelectOne(s))
                .satisfies(e -> assertThat(Ledger.rootMessage(e)).contains("SSL handshake failed"));
        Await.until("the proxy sees the client abort the handshake", Duration.ofSeconds(5),
                () -> via.handshakeFailures() > failuresBefore);
    }

    @Test
    void open_withVerifyFullAndTheServersCa_migratesAndQueriesOverTls() throws Exception {
        int refusedBefore = proxy.plaintextRefused();
        int requestsBefore = proxy.sslRequests();
        int sessionsBefore = proxy.tlsSessions();
        Ledger ledger = Ledger.open(vertx, settings(proxy, "verify-full", serverCa.caFile()), SCHEMA)
                .await(30, TimeUnit.SECONDS);
        // the migrations (JDBC) went through the proxy, over TLS: it refuses plaintext
        assertThat(proxy.sslRequests()).isGreaterThan(requestsBefore);
        int sessionsAfterMigration = proxy.tlsSessions();
        assertThat(sessionsAfterMigration).isGreaterThan(sessionsBefore);

        ledger.pool().preparedQuery("INSERT INTO notes VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.of(7L, 700_000_000L)).await(10, TimeUnit.SECONDS);
        long amount = ledger.pool().query("SELECT amount_e8 FROM notes WHERE id = 7").execute()
                .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
        assertThat(amount).isEqualTo(700_000_000L);
        // the pool opened its own connection, also over TLS
        assertThat(proxy.tlsSessions()).isGreaterThan(sessionsAfterMigration);
        assertThat(proxy.plaintextRefused()).isEqualTo(refusedBefore);
        ledger.close().await(5, TimeUnit.SECONDS);

        // the row is in the real server (read directly, not through the proxy)
        try (Connection c = db.connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT amount_e8 FROM " + SCHEMA + ".notes WHERE id = 7")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(700_000_000L);
        }
    }

    @Test
    void open_withACaThatDidNotSignTheServerCertificate_failsWithOneLineNamingTheCertificateProblem() throws Exception {
        int failuresBefore = proxy.handshakeFailures();
        DatabaseSettings wrongCa = settings(proxy, "verify-full", otherCa.caFile());
        assertThatThrownBy(() -> Ledger.open(vertx, wrongCa, SCHEMA).await(30, TimeUnit.SECONDS))
                .isInstanceOf(Ledger.LedgerUnavailable.class)
                .hasMessageContaining("127.0.0.1:" + proxy.port() + "/" + db.name())
                .hasMessageContaining("sslmode=verify-full")
                .hasMessageContaining("TLS handshake failed")
                .hasMessageContaining("certification path")
                .hasMessageContaining("pg-ca-file must hold the CA that signed the server's certificate")
                .hasMessageNotContaining("\n");
        Await.until("the proxy sees the client abort the handshake", Duration.ofSeconds(5),
                () -> proxy.handshakeFailures() > failuresBefore);
        // the reactive client refuses the same certificate
        assertReactiveClientRefusesTheHandshake(proxy, wrongCa);
    }

    @Test
    void verifyFull_checksTheHostName_whileVerifyCaDoesNot() throws Exception {
        // 127.0.0.2 is not among the certificate's names (localhost, 127.0.0.1), though its CA is trusted
        DatabaseSettings full = settings(unnamedProxy, "verify-full", serverCa.caFile());
        assertThatThrownBy(() -> Ledger.open(vertx, full, SCHEMA).await(30, TimeUnit.SECONDS))
                .isInstanceOf(Ledger.LedgerUnavailable.class)
                .hasMessageContaining("127.0.0.2")
                .hasMessageNotContaining("\n");
        assertReactiveClientRefusesTheHandshake(unnamedProxy, full);

        DatabaseSettings ca = settings(unnamedProxy, "verify-ca", serverCa.caFile());
        Ledger ledger = Ledger.open(vertx, ca, SCHEMA).await(30, TimeUnit.SECONDS);
        ledger.close().await(5, TimeUnit.SECONDS);
        assertThat(reactiveSelectOne(ca)).isEqualTo(1);
        // and verify-ca still checks the chain
        assertReactiveClientRefusesTheHandshake(unnamedProxy, settings(unnamedProxy, "verify-ca", otherCa.caFile()));
        assertThat(unnamedProxy.plaintextRefused()).isZero();
    }

    @Test
    void require_withoutCaFile_encryptsWithoutVerifying_andWithOneVerifiesTheChain() throws Exception {
        int sessionsBefore = proxy.tlsSessions();
        DatabaseSettings encryptOnly = settings(proxy, "require", null);
        Ledger.open(vertx, encryptOnly, SCHEMA).await(30, TimeUnit.SECONDS).close().await(5, TimeUnit.SECONDS);
        assertThat(reactiveSelectOne(encryptOnly)).isEqualTo(1);
        assertThat(proxy.tlsSessions()).isGreaterThanOrEqualTo(sessionsBefore + 2);

        // libpq: require with a root certificate verifies it as verify-ca does
        DatabaseSettings wrongCa = settings(proxy, "require", otherCa.caFile());
        assertThatThrownBy(() -> Ledger.open(vertx, wrongCa, SCHEMA).await(30, TimeUnit.SECONDS))
                .isInstanceOf(Ledger.LedgerUnavailable.class).hasMessageContaining("certification path");
        assertReactiveClientRefusesTheHandshake(proxy, wrongCa);
        assertThat(reactiveSelectOne(settings(proxy, "require", serverCa.caFile()))).isEqualTo(1);
    }

    @Test
    void plaintextClient_isRefusedByTheProxy_soTheOtherTestsCannotPassWithoutTls() {
        int refusedBefore = proxy.plaintextRefused();
        DatabaseSettings plain = settings(proxy, "disable", null);
        assertThatThrownBy(() -> Ledger.open(vertx, plain, SCHEMA).await(30, TimeUnit.SECONDS))
                .isInstanceOf(Ledger.LedgerUnavailable.class);
        assertThatThrownBy(() -> reactiveSelectOne(plain));
        assertThat(proxy.plaintextRefused()).isGreaterThanOrEqualTo(refusedBefore + 2);
    }
}
