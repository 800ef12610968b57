package memesnipe.e2e;

import io.vertx.core.json.JsonObject;
import memesnipe.kit.testing.TcpProxy;
import memesnipe.kit.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real PostgreSQL and Redis cut off for 30 s each (through a TCP relay the test controls, so the shared servers
 * keep running) while the five nodes trade as separate JVMs: the system fails closed (no new risk), exits still go
 * out exactly once, status shows the degraded state, and everything catches up by itself when the server returns.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerFaultTest {
    static final String[] NODES = {"signer", "executor", "risk", "strategy", "gateway"};
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static Path dir;
    static Path certs;
    static TestDatabase db;
    static TcpProxy pg;
    static TcpProxy redis;
    static String stream;
    static final Map<String, Integer> ports = new LinkedHashMap<>();
    static final Map<String, NodeProcess> procs = new LinkedHashMap<>();
    static int httpPort;

    @BeforeAll
    static void startCluster() throws Exception {
        dir = Files.createTempDirectory("memesnipe-faults");
        certs = dir.resolve("certs");
        db = TestDatabase.create();
        pg = TcpProxy.to(TestDatabase.port());
        redis = TcpProxy.to(6379);
        stream = "faults:events:" + UUID.randomUUID();
        run("certs", List.of("certs", "--out", certs.toString()));
        run("init", List.of("init", "--pg-url", pgUrl()));
        for (String n : NODES) {
            ports.put(n, NodeProcess.freePort());
        }
        httpPort = NodeProcess.freePort();
        for (String n : NODES) {
            start(n);
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (NodeProcess p : procs.values()) {
            p.stop();
        }
        pg.close();
        redis.close();
        db.close();
    }

    /** The test database reached through the relay. */
    static String pgUrl() {
        return "postgresql://" + TestDatabase.user() + "@127.0.0.1:" + pg.port() + "/" + db.name();
    }

    static void run(String name, List<String> args) throws Exception {
        NodeProcess p = new NodeProcess(dir, name, args).start();
        assertThat(p.waitFor(Duration.ofSeconds(60))).as(p.output()).isZero();
    }

    static String addr(String node) {
        return "127.0.0.1:" + ports.get(node);
    }

    static void start(String node) throws Exception {
        String redisUrl = "redis://127.0.0.1:" + redis.port();
        List<String> args = new ArrayList<>(List.of("node", node, "--host", "127.0.0.1",
                "--grpc-port", String.valueOf(ports.get(node)), "--certs-dir", certs.toString()));
        switch (node) {
            case "gateway" -> args.addAll(List.of("--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
                    "--strategy", addr("strategy"), "--risk", addr("risk"), "--executor", addr("executor"),
                    "--feed-rate", "500", "--redis-url", redisUrl, "--journal-stream", stream));
            case "strategy" -> args.addAll(List.of("--gateway", addr("gateway"), "--risk", addr("risk")));
            case "risk" -> args.addAll(List.of("--gateway", addr("gateway"), "--executor", addr("executor"),
                    "--pg-url", pgUrl(), "--wal-file", dir.resolve("risk-wal.log").toString(), "--redis-url", redisUrl, "--journal-stream", stream));
            case "executor" -> args.addAll(List.of("--gateway", addr("gateway"), "--signer", addr("signer"),
                    "--pg-url", pgUrl(), "--wal-file", dir.resolve("executor-wal.log").toString(),
                    "--paper-venue-dir", dir.resolve("paper-venue").toString()));
            case "signer" -> args.addAll(List.of("--gateway", addr("gateway"), "--key-file",
                    dir.resolve("signer-key.der").toString(), "--audit-file", dir.resolve("signer-audit.log").toString(),
                    "--key-passphrase-file", memesnipe.kit.testing.TestSecrets.passphraseFile(dir).toString()));
            default -> throw new IllegalArgumentException(node);
        }
        procs.put(node, new NodeProcess(dir, node, args).start());
    }

    static StatusApi api() {
        return new StatusApi(httpPort);
    }

    static void await(String what, Duration within, java.util.function.Supplier<Boolean> condition) throws Exception {
        api().await(what, within, condition, () -> {
            StringBuilder logs = new StringBuilder();
            procs.forEach((n, p) -> logs.append("\n--- ").append(n).append("\n").append(tail(p.output())));
            return logs.toString();
        });
    }

    static String tail(String s) {
        return s.length() > 2500 ? s.substring(s.length() - 2500) : s;
    }

    /** The status API's ledger section for one node, or an empty object. */
    static JsonObject ledger(String node) {
        JsonObject s = api().status();
        if (s == null || s.getJsonObject("ledger") == null) {
            return new JsonObject();
        }
        return s.getJsonObject("ledger").getJsonObject(node, new JsonObject());
    }

    static JsonObject journal() {
        JsonObject s = api().status();
        return s == null ? new JsonObject() : s.getJsonObject("journal", new JsonObject());
    }

    @Test
    @Order(1)
    void redisCutFor30s_tradingGoesOn_journalShownDown_thenJournalingResumes() throws Exception {
        await("fills and journaling", Duration.ofSeconds(60),
                () -> api().portfolio("fills") > 0 && Boolean.TRUE.equals(journal().getBoolean("up")));
        redis.cut();
        long cutAt = System.nanoTime();
        await("journal shown down", Duration.ofSeconds(10), () -> Boolean.FALSE.equals(journal().getBoolean("up")));
        long fills = api().portfolio("fills");
        await("trading goes on without Redis", Duration.ofSeconds(25), () -> api().portfolio("fills") > fills);
        await("the outage lasts 30 s", OUTAGE.plusSeconds(5), () -> System.nanoTime() - cutAt >= OUTAGE.toNanos());
        redis.restore();
        long appended = journal().getLong("appended", 0L);
        await("journaling resumes by itself", Duration.ofSeconds(20),
                () -> Boolean.TRUE.equals(journal().getBoolean("up")) && journal().getLong("appended", 0L) > appended);
    }

    @Test
    @Order(2)
    void postgresCutFor30s_entriesStop_exitsExecuteOnce_statusShowsIt_thenEverythingCatchesUp() throws Exception {
        await("open positions to exit", Duration.ofSeconds(60), () -> api().portfolio("openPositions") > 0);
        pg.cut();
        long cutAt = System.nanoTime();
        await("risk and executor show the ledger down", Duration.ofSeconds(15),
                () -> Boolean.FALSE.equals(ledger("risk").getBoolean("reachable"))
                        && Boolean.FALSE.equals(ledger("executor").getBoolean("reachable")));
        // exits must still go out: the operator flattens everything during the outage
        run("admin-trip", List.of("admin", "--risk", addr("risk"), "--certs", certs.toString(), "trip", "--tier",
                "EMERGENCY", "--reason", "flatten during the ledger outage"));
        await("book flat although PostgreSQL is down", Duration.ofSeconds(20),
                () -> api().portfolio("openPositions") == 0);
        await("the outage lasts 30 s", OUTAGE.plusSeconds(5), () -> System.nanoTime() - cutAt >= OUTAGE.toNanos());
        pg.restore();
        await("ledgers reachable again with nothing pending", Duration.ofSeconds(30),
                () -> Boolean.TRUE.equals(ledger("risk").getBoolean("reachable"))
                        && Boolean.TRUE.equals(ledger("executor").getBoolean("reachable"))
                        && ledger("executor").getLong("pendingWrites", -1L) == 0
                        && ledger("risk").getLong("pendingWrites", -1L) == 0);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            await("risk's ledger holds every executor fill", Duration.ofSeconds(30), () -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM executor.fills f WHERE NOT "
                        + "EXISTS (SELECT 1 FROM risk.fills r WHERE r.client_order_id = f.client_order_id)")) {
                    rs.next();
                    return rs.getLong(1) == 0;
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT client_order_id FROM executor.fills "
                    + "GROUP BY client_order_id HAVING count(*) > 1) d")) {
                rs.next();
                assertThat(rs.getLong(1)).as("client ids filled twice").isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT max(seq) = count(*) FROM executor.fills")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("fill sequence numbers gap-free across the outage").isTrue();
            }
            try (ResultSet rs = s.executeQuery("SELECT symbol, sum(CASE WHEN side = 'BUY' THEN qty_e8 ELSE -qty_e8 END)"
                    + " FROM executor.fills GROUP BY symbol")) {
                while (rs.next()) {
                    assertThat(rs.getLong(2)).as("net quantity of " + rs.getString(1) + " after the flatten").isZero();
                }
            }
        }
    }
}
