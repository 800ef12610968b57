package memesnipe.kit.testing;

import memesnipe.kit.ledger.DatabaseSettings;
import memesnipe.kit.ledger.RedisSettings;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A throw-away PostgreSQL database on the local server (127.0.0.1:5432, started by scripts/services.sh),
 * created for one test class and dropped afterwards. The server user is MEMESNIPE_TEST_PG_USER (default
 * postgres); the port MEMESNIPE_TEST_PG_PORT (default 5432).
 */
public final class TestDatabase implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    private final String name;
    private final DatabaseSettings settings;

    private TestDatabase(String name, DatabaseSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    public static TestDatabase create() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        String name = "ms_test_" + HexFormat.of().formatHex(b);
        admin("CREATE DATABASE " + name);
        return new TestDatabase(name, DatabaseSettings.of(HOST, port(), name, user()));
    }

    public static String user() {
        return System.getenv().getOrDefault("MEMESNIPE_TEST_PG_USER", "postgres");
    }

    public static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("MEMESNIPE_TEST_PG_PORT", "5432"));
    }

    /** Settings pointing at this database. */
    public DatabaseSettings settings() {
        return settings;
    }

    /** The pg-url setting for this database (a node started with it uses this database). */
    public String url() {
        return settings.url();
    }

    public String name() {
        return name;
    }

    /** A JDBC connection to this database, for a test to look at what a node wrote. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port() + "/" + name, user(), null);
    }

    /** Redis settings for the local server (127.0.0.1:6379); tests use their own key names. */
    public static RedisSettings redis() {
        return new RedisSettings("redis://127.0.0.1:" + System.getenv().getOrDefault("MEMESNIPE_TEST_REDIS_PORT", "6379"),
                null);
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port() + "/postgres", user(), null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + port() + " as " + user()
                    + " (run scripts/services.sh): " + e.getMessage(), e);
        }
    }
}
