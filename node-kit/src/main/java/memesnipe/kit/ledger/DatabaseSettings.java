package memesnipe.kit.ledger;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.tls.TrustedCaFile;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a node's PostgreSQL ledger is: keys pg-url (postgresql://user@host:port/database, with an optional
 * ?sslmode=...), pg-password-file (the password, never in the URL or a flag value), pg-ca-file (the CA
 * certificate(s), PEM, that sign the server's certificate) and pg-pool-size. Read once per node with the rest of
 * its config.
 *
 * <p>TLS follows libpq's sslmode semantics, for the reactive client and the JDBC migrations alike:
 * <ul>
 *   <li>{@code disable} (also when sslmode is absent, unlike libpq's prefer): plaintext.</li>
 *   <li>{@code allow}, {@code prefer}: TLS only if the server offers it (allow tries plaintext first, prefer TLS
 *   first), never verified; anyone on the path can read and change the traffic. pg-ca-file is refused with them.</li>
 *   <li>{@code require}: always TLS. Without pg-ca-file the server's certificate is not verified (encryption
 *   against passive listeners only); with pg-ca-file it must chain to that CA, as libpq does when a root
 *   certificate is present (the same as verify-ca).</li>
 *   <li>{@code verify-ca}: always TLS; the certificate must chain to pg-ca-file (required); its host name is not
 *   checked, so any server holding a certificate from that CA is accepted.</li>
 *   <li>{@code verify-full}: as verify-ca, and the host in pg-url must match the certificate's subject
 *   alternative names (DNS name or IP address): the only mode that also refuses another server holding a
 *   certificate from the same CA.</li>
 * </ul>
 */
public record DatabaseSettings(String url, String host, int port, String database, String user, String password,
                               SslMode sslMode, Path caFile, int poolSize) {
    public static final String URL_KEY = "pg-url";
    public static final String URL_DEFAULT = "postgresql://memesnipe@127.0.0.1:5432/memesnipe";
    public static final String PASSWORD_FILE_KEY = "pg-password-file";
    public static final String CA_FILE_KEY = "pg-ca-file";
    public static final String POOL_SIZE_KEY = "pg-pool-size";
    public static final int POOL_SIZE_DEFAULT = 4;

    /** Reads the keys; bad values are recorded as problems of the reader (the node then refuses to start). */
    public static DatabaseSettings read(ConfigReader r) {
        Parsed parsed = r.read(URL_KEY, URL_DEFAULT,
                "PostgreSQL ledger, postgresql://user@host:port/database[?sslmode=require|verify-ca|verify-full]; "
                        + "the password goes in " + PASSWORD_FILE_KEY, DatabaseSettings::parseUrl);
        String passwordFile = r.optional(PASSWORD_FILE_KEY, "file holding the PostgreSQL password (first line)");
        String caValue = r.optional(CA_FILE_KEY, "PEM file of the CA certificate(s) that sign the PostgreSQL server's "
                + "certificate; needed by sslmode=verify-ca and verify-full, makes require verify the chain too");
        Path caFile = TrustedCaFile.check(r, CA_FILE_KEY, caValue);
        int pool = r.integer(POOL_SIZE_KEY, POOL_SIZE_DEFAULT, 1, 64, "PostgreSQL connections this node keeps open");
        String password = null;
        if (!passwordFile.isEmpty()) {
            try {
                password = SecretFiles.firstLine(Path.of(passwordFile));
            } catch (IOException | IllegalArgumentException e) {
                r.problem(PASSWORD_FILE_KEY + ": " + memesnipe.model.text.Printable.of(e.getMessage(), 300));
            }
        }
        if (parsed == null) {
            return null;
        }
        PgConnectOptions options = parsed.options();
        SslMode mode = options.getSslMode();
        if (!caValue.isEmpty() && !VERIFIABLE.contains(mode)) {
            r.problem(CA_FILE_KEY + " has no effect without sslmode=require, verify-ca or verify-full in " + URL_KEY
                    + " (it is " + modeName(mode) + ")");
        }
        if (caValue.isEmpty() && (mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL)) {
            r.problem(URL_KEY + ": sslmode=" + modeName(mode) + " needs " + CA_FILE_KEY
                    + " (the CA certificate that signs the server's certificate)");
        }
        return new DatabaseSettings(parsed.url(), options.getHost(), options.getPort(), options.getDatabase(), options.getUser(),
                password, mode, caFile, pool);
    }

    /** Settings for a server the caller started (the demo's embedded one, tests). */
    public static DatabaseSettings of(String host, int port, String database, String user) {
        return new DatabaseSettings("postgresql://" + user + "@" + host + ":" + port + "/" + database, host, port,
                database, user, null, SslMode.DISABLE, null, POOL_SIZE_DEFAULT);
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

    /** Connection options for the reactive client, TLS set up as the class comment says. */
    public PgConnectOptions connectOptions() {
        PgConnectOptions o = new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
                .setSslMode(sslMode).setReconnectAttempts(0);
        if (sslMode != SslMode.DISABLE) {
            ClientSSLOptions tls = new ClientSSLOptions();
            if (caFile != null) {
                tls.setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()))
                        .setHostnameVerificationAlgorithm(sslMode == SslMode.VERIFY_FULL ? "HTTPS" : "");
            } else {
                // allow, prefer, require without a CA: encryption only, as libpq (verify-* need a CA: see read)
                tls.setTrustAll(true).setHostnameVerificationAlgorithm("");
            }
            o.setSslOptions(tls);
        }
        if (password != null) {
            o.setPassword(password);
        }
        return o;
    }

    /**
     * The same server as a JDBC URL (for Flyway migrations, run once at start on a worker): pgjdbc's sslmode and
     * sslrootcert. pgjdbc never verifies under require, so require with a CA file is given as verify-ca (libpq).
     */
    public String jdbcUrl() {
        SslMode jdbcMode = sslMode == SslMode.REQUIRE && caFile != null ? SslMode.VERIFY_CA : sslMode;
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + modeName(jdbcMode)
                + (caFile == null ? "" : "&sslrootcert=" + URLEncoder.encode(caFile.toString(), StandardCharsets.UTF_8))
                + "&connectTimeout=10";
    }

    /** The sslmode as written in a URL (verify-full). */
    public static String modeName(SslMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Modes under which a CA file is used to verify the server (libpq: require verifies when a root CA is given). */
    private static final Set<SslMode> VERIFIABLE = EnumSet.of(SslMode.REQUIRE, SslMode.VERIFY_CA, SslMode.VERIFY_FULL);

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
