package memesnipe.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * Real PostgreSQL and Redis servers started by the demo when no --pg-url / --redis-url is given: PostgreSQL
 * keeps its cluster under DATA_DIR/postgres (so a restarted demo continues the same ledger), Redis listens on
 * 127.0.0.1 and keeps nothing (the tick journal may be lost). Both bind loopback only, on free ports.
 */
final class EmbeddedServices implements AutoCloseable {
    static final String DATABASE = "memesnipe";
    static final String USER = "postgres";

    private EmbeddedPostgres postgres;
    private RedisServer redis;
    private boolean freshLedger;
    private String pgUrl;
    private String redisUrl;

    /** Starts the embedded PostgreSQL with its data under dataDir/postgres; creates the database on first use. */
    void startPostgres(Path dataDir) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        freshLedger = !Files.exists(pgData.resolve("PG_VERSION"));
        Files.createDirectories(pgData);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(freePort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(30))
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("embedded PostgreSQL: " + e.getMessage(), e);
        }
        pgUrl = "postgresql://" + USER + "@127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /** Starts an embedded Redis on a free loopback port that keeps nothing on disk. */
    void startRedis(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("redis");
        Files.createDirectories(dir);
        int port = freePort();
        redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                .setting("save \"\"").setting("appendonly no").setting("dir " + dir.toAbsolutePath())
                .build();
        redis.start();
        redisUrl = "redis://127.0.0.1:" + port;
    }

    /** Whether the PostgreSQL cluster was created by this start (a brand-new demo ledger). */
    boolean freshLedger() {
        return freshLedger;
    }

    /** The embedded ledger as settings (for creating the demo's deployment). */
    memesnipe.kit.ledger.DatabaseSettings ledger() {
        return memesnipe.kit.ledger.DatabaseSettings.of("127.0.0.1", postgres.getPort(), DATABASE, USER);
    }

    String pgUrl() {
        return pgUrl;
    }

    String redisUrl() {
        return redisUrl;
    }

    @Override
    public void close() {
        try {
            if (redis != null) {
                redis.stop();
            }
        } catch (IOException e) {
            System.err.println("memesnipe: embedded Redis did not stop cleanly: " + e.getMessage());
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            System.err.println("memesnipe: embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
