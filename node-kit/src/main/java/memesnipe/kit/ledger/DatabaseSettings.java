package memesnipe.kit.ledger;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import memesnipe.kit.config.ConfigReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a node's PostgreSQL ledger is: keys pg-url (postgresql://user@host:port/database, with an optional
 * ?sslmode=require|verify-ca|verify-full), pg-password-file (the password, never in the URL or a flag value)
 * and pg-pool-size. Read once per node with the rest of its config.
 */
public record DatabaseSettings(String url, String host, int port, String database, String user, String password,
                               SslMode sslMode, int poolSize) {
    public static final String URL_KEY = "pg-url";
    public static final String URL_DEFAULT = "postgresql://memesnipe@127.0.0.1:5432/memesnipe";
    public static final String PASSWORD_FILE_KEY = "pg-password-file";
    public static final String POOL_SIZE_KEY = "pg-pool-size";
    public static final int POOL_SIZE_DEFAULT = 4;

    /** Reads the keys; bad values are recorded as problems of the reader (the node then refuses to start). */
    public static DatabaseSettings read(ConfigReader r) {
        Parsed parsed = r.read(URL_KEY, URL_DEFAULT,
                "PostgreSQL ledger, postgresql://user@host:port/database[?sslmode=require]; the password goes in "
                        + PASSWORD_FILE_KEY, DatabaseSettings::parseUrl);
        String passwordFile = r.optional(PASSWORD_FILE_KEY, "file holding the PostgreSQL password (first line)");
        int pool = r.integer(POOL_SIZE_KEY, POOL_SIZE_DEFAULT, 1, 64, "PostgreSQL connections this node keeps open");
        String password = null;
        if (!passwordFile.isEmpty()) {
            try {
                password = SecretFiles.firstLine(Path.of(passwordFile));
            } catch (IOException | IllegalArgumentException e) {
                r.problem(PASSWORD_FILE_KEY + ": " + memesnipe.kit.config.Printable.of(e.getMessage(), 300));
            }
        }
        if (parsed == null) {
            return null;
        }
        PgConnectOptions options = parsed.options();
        return new DatabaseSettings(parsed.url(), options.getHost(), options.getPort(), options.getDatabase(), options.getUser(),
                password, options.getSslMode(), pool);
    }

    /** Settings for a server the caller started (the demo's embedded one, tests). */
    public static DatabaseSettings of(String host, int port, String database, String user) {
        return new DatabaseSettings("postgresql://" + user + "@" + host + ":" + port + "/" + database, host, port,
                database, user, null, SslMode.DISABLE, POOL_SIZE_DEFAULT);
    }

    private record Parsed(String url, PgConnectOptions options) {
    }

    private static Parsed parseUrl(String url) {
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException("must start with postgresql://");
        }
        String authority = url.substring(url.indexOf("//") + 2);
        int at = authority.indexOf('@');
        // checked before parsing: a parser's error message could quote the password
        if (at > 0 && authority.substring(0, at).contains(":") // the client's default password is not the user's
                || url.contains("password=")) {
            throw new ConfigReader.SecretInValue("must not contain a password (it would show in process lists): use "
                    + PASSWORD_FILE_KEY);
        }
        PgConnectOptions o;
        try {
            o = PgConnectOptions.fromUri(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a PostgreSQL URL (" + e.getMessage() + ")");
        }
        if (at <= 0 || o.getDatabase() == null || o.getDatabase().isEmpty()) {
            throw new IllegalArgumentException("must name a user and a database (postgresql://user@host:port/database)");
        }
        return new Parsed(url, o);
    }

    /** Connection options for the reactive client. */
    public PgConnectOptions connectOptions() {
        PgConnectOptions o = new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
                .setSslMode(sslMode).setReconnectAttempts(0);
        if (password != null) {
            o.setPassword(password);
        }
        return o;
    }

    /** The same server as a JDBC URL (for Flyway migrations, run once at start on a worker). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode="
                + sslMode.name().toLowerCase(Locale.ROOT).replace('_', '-') + "&connectTimeout=10";
    }

    /** host:port/database, for messages (never the password). */
    public String where() {
        return host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + where(); // never the password
    }

    /** Reads secrets from files: the first line, trimmed; refuses an empty file. */
    static final class SecretFiles {
        private SecretFiles() {
        }

        static String firstLine(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String line = (nl >= 0 ? text.substring(0, nl) : text).strip();
            if (line.isEmpty()) {
                throw new IllegalArgumentException(file + " is empty");
            }
            return line;
        }
    }
}
