package memesnipe.kit.ledger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One node's PostgreSQL ledger: its own schema, migrated by Flyway from {@code classpath:db/<schema>} once at
 * start (JDBC, on a worker thread), then reached only through the reactive Vert.x PG pool, whose connections
 * use that schema. A node never reads another node's schema.
 */
public final class Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    private static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final Pool pool;
    private final String schema;
    private final DatabaseSettings settings;

    private Ledger(Pool pool, String schema, DatabaseSettings settings) {
        this.pool = pool;
        this.schema = schema;
        this.settings = settings;
    }

    /**
     * Migrates the schema (creating it when absent) and opens the pool. Fails with a one-line
     * {@link LedgerUnavailable} when the server cannot be reached, refuses the credentials or, under TLS, presents a
     * certificate the settings do not trust (see {@link DatabaseSettings} for what each sslmode checks).
     */
    public static Future<Ledger> open(Vertx vertx, DatabaseSettings settings, String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            return Future.failedFuture(new IllegalArgumentException("bad schema name " + schema));
        }
        return vertx.executeBlocking(() -> migrate(settings, schema), false).map(result -> {
            if (result.migrationsExecuted > 0) {
                LOG.info("ledger {} schema {}: {} migration(s) applied, now at version {}", settings.where(), schema,
                        result.migrationsExecuted, result.targetSchemaVersion);
            }
            Pool pool = PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(settings.poolSize()).setMaxWaitQueueSize(10_000))
                    .connectingTo(settings.connectOptions().setProperties(Map.of("search_path", schema,
                            "application_name", "memesnipe-" + schema)))
                    .using(vertx)
                    .build();
            return new Ledger(pool, schema, settings);
        });
    }

    private static MigrateResult migrate(DatabaseSettings settings, String schema) {
        try {
            return Flyway.configure(Ledger.class.getClassLoader())
                    .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .locations("classpath:db/" + schema)
                    .connectRetries(0)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            boolean tls = tlsFailure(e);
            throw new LedgerUnavailable("PostgreSQL ledger at " + settings.where() + " (user " + settings.user()
                    + (settings.sslMode() == SslMode.DISABLE ? "" : ", sslmode=" + DatabaseSettings.modeName(settings.sslMode()))
                    + "): " + (tls ? "TLS handshake failed: " : "") + rootMessage(e)
                    + (tls && settings.caFile() != null ? " (" + DatabaseSettings.CA_FILE_KEY
                    + " must hold the CA that signed the server's certificate)" : ""), e);
        }
    }

    /** Whether the failure was the TLS handshake (an untrusted or unreadable certificate, a protocol mismatch). */
    private static boolean tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's message, on one line, escaped and cut (it may quote a value): what the operator needs to see. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return memesnipe.model.text.Printable.of(msg.replaceAll("\\s+", " ").trim(), 300);
    }

    public Pool pool() {
        return pool;
    }

    public String schema() {
        return schema;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public Future<Void> close() {
        return pool.close();
    }

    /** The ledger could not be opened: unreachable server, refused credentials, failed migration. */
    public static final class LedgerUnavailable extends RuntimeException {
        public LedgerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
