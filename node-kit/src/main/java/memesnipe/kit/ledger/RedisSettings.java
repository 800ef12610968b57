package memesnipe.kit.ledger;

import io.vertx.redis.client.RedisOptions;
import memesnipe.kit.config.ConfigReader;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where Redis is (the tick journal and other data that may be lost without losing money): keys redis-url
 * (redis://host:port or rediss://host:port for TLS) and redis-password-file. Read once per node.
 */
public record RedisSettings(String url, String password) {
    public static final String URL_KEY = "redis-url";
    public static final String URL_DEFAULT = "redis://127.0.0.1:6379";
    public static final String PASSWORD_FILE_KEY = "redis-password-file";

    public static RedisSettings read(ConfigReader r) {
        String url = r.read(URL_KEY, URL_DEFAULT, "Redis for the tick journal, redis://host:port (rediss:// for TLS); "
                + "the password goes in " + PASSWORD_FILE_KEY, RedisSettings::checkUrl);
        String passwordFile = r.optional(PASSWORD_FILE_KEY, "file holding the Redis password (first line)");
        String password = null;
        if (!passwordFile.isEmpty()) {
            try {
                password = DatabaseSettings.SecretFiles.firstLine(Path.of(passwordFile));
            } catch (IOException | IllegalArgumentException e) {
                r.problem(PASSWORD_FILE_KEY + ": " + memesnipe.kit.config.Printable.of(e.getMessage(), 300));
            }
        }
        return url == null ? null : new RedisSettings(url, password);
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

    /** Options for the Vert.x Redis client. */
    public RedisOptions options() {
        RedisOptions o = new RedisOptions().setConnectionString(url).setMaxPoolSize(4).setMaxPoolWaiting(256);
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
