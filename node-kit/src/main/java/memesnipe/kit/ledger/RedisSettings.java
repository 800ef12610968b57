package memesnipe.kit.ledger;

import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.RedisOptions;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.tls.TrustedCaFile;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where Redis is (the tick journal and other data that may be lost without losing money): keys redis-url
 * (redis://host:port, or rediss://host:port for TLS), redis-password-file and redis-ca-file. Read once per node.
 *
 * <p>rediss:// is TLS from the first byte, and the server's certificate is always verified, host name included
 * (it must match the host in the URL, DNS name or IP address): against the CA certificate(s) in redis-ca-file
 * when it is given, else against the JVM's default trusted CAs. redis-ca-file with redis:// is refused (it would
 * do nothing).
 */
public record RedisSettings(String url, String password, Path caFile) {
    public static final String URL_KEY = "redis-url";
    public static final String URL_DEFAULT = "redis://127.0.0.1:6379";
    public static final String PASSWORD_FILE_KEY = "redis-password-file";
    public static final String CA_FILE_KEY = "redis-ca-file";

    /** Settings without a CA file (plain redis://, or rediss:// verified against the JVM's default CAs). */
    public RedisSettings(String url, String password) {
        this(url, password, null);
    }

    public static RedisSettings read(ConfigReader r) {
        String url = r.read(URL_KEY, URL_DEFAULT, "Redis for the tick journal, redis://host:port (rediss:// for TLS); "
                + "the password goes in " + PASSWORD_FILE_KEY, RedisSettings::checkUrl);
        String passwordFile = r.optional(PASSWORD_FILE_KEY, "file holding the Redis password (first line)");
        String caValue = r.optional(CA_FILE_KEY, "PEM file of the CA certificate(s) that sign the Redis server's "
                + "certificate, for rediss:// (without it: the JVM's default CAs)");
        Path caFile = TrustedCaFile.check(r, CA_FILE_KEY, caValue);
        String password = null;
        if (!passwordFile.isEmpty()) {
            try {
                password = DatabaseSettings.SecretFiles.firstLine(Path.of(passwordFile));
            } catch (IOException | IllegalArgumentException e) {
                r.problem(PASSWORD_FILE_KEY + ": " + memesnipe.model.text.Printable.of(e.getMessage(), 300));
            }
        }
        if (url != null && !caValue.isEmpty() && !tls(url)) {
            r.problem(CA_FILE_KEY + " has no effect without rediss:// in " + URL_KEY);
        }
        return url == null ? null : new RedisSettings(url, password, caFile);
    }

    private static String checkUrl(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme())) {
            throw new IllegalArgumentException("must start with redis:// or rediss://");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("must name a host (redis://host:port)");
        }
        if (u.getUserInfo() != null) {
            throw new ConfigReader.SecretInValue("must not contain credentials: use " + PASSWORD_FILE_KEY);
        }
        return url;
    }

    /** Whether the URL asks for TLS (rediss://). */
    public boolean tls() {
        return tls(url);
    }

    private static boolean tls(String url) {
        return "rediss".equals(URI.create(url).getScheme());
    }

    /** Options for the Vert.x Redis client: for rediss://, TLS with the server's certificate and name verified. */
    public RedisOptions options() {
        RedisOptions o = new RedisOptions().setConnectionString(url).setMaxPoolSize(4).setMaxPoolWaiting(256);
        if (tls()) {
            NetClientOptions net = o.getNetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
            if (caFile != null) {
                net.setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()));
            }
            o.setNetClientOptions(net);
        }
        if (password != null) {
            o.setPassword(password);
        }
        return o;
    }

    @Override
    public String toString() {
        return url + (password == null ? "" : " (password from file)"); // never the password itself
    }

    /** host:port, for messages. */
    public String where() {
        URI u = URI.create(url);
        return u.getHost() + ":" + (u.getPort() < 0 ? 6379 : u.getPort());
    }
}
