package memesnipe.cli;

import ch.qos.logback.classic.Level;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.ledger.DatabaseSettings;
import memesnipe.kit.ledger.RedisSettings;
import memesnipe.model.money.Fixed;
import memesnipe.kit.testing.LogCapture;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.risk.ledger.Deployments;
import memesnipe.v1.GetBreakerRequest;
import memesnipe.v1.RiskGrpcClient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All five nodes in one JVM (the demo's {@link Cluster}) with a PostgreSQL password file, a Redis password file
 * (Redis really requires it) and the signer's key passphrase file, each holding a recognisable random secret.
 * Everything they log at DEBUG while they trade, their status API, /health and /metrics on every port and every
 * node's GetStatus must hold none of the secrets, nor the signer's private key in any usual encoding.
 */
class SecretsNeverShownTest {
    @TempDir
    Path dir;

    @Test
    void clusterWithPasswordAndPassphraseFiles_showsNoSecretInAnyLogStatusOrMetric() throws Exception {
        String pgPassword = "pgpw" + random();
        String redisPassword = "redispw" + random();
        String passphrase = "keypass" + random();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path pgFile = secretFile(dir.resolve("pg.pass"), pgPassword);
        Path redisFile = secretFile(dir.resolve("redis.pass"), redisPassword);
        secretFile(data.resolve("signer-key.pass"), passphrase); // where the cluster's signer reads it
        TestCerts certs = TestCerts.create();
        int redisPort = freePorts(1);
        RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(redisPort)
                .setting("requirepass " + redisPassword).setting("save \"\"").setting("appendonly no")
                .setting("dir " + Files.createDirectories(dir.resolve("redis")).toAbsolutePath()).build();
        redis.start();
        Vertx vertx = Cluster.newVertx();
        List<String> shown = new ArrayList<>();
        try (TestDatabase db = TestDatabase.create(); LogCapture logs = LogCapture.startAt(Level.DEBUG)) {
            Deployments.init(vertx, db.settings(), 10_000 * Fixed.ONE, false, "test", System.currentTimeMillis())
                    .await(60, TimeUnit.SECONDS);
            Cluster.Layout layout = new Cluster.Layout(certs.dir(), data, freePorts(NodeName.values().length), 0,
                    db.url(), "redis://127.0.0.1:" + redisPort);
            Map<NodeName, Map<String, String>> extra = new EnumMap<>(NodeName.class);
            for (NodeName n : NodeName.values()) {
                extra.put(n, new HashMap<>());
            }
            Cluster.LEDGER_NODES.forEach(n -> extra.get(n).put(DatabaseSettings.PASSWORD_FILE_KEY, pgFile.toString()));
            Cluster.JOURNAL_NODES.forEach(n -> extra.get(n).put(RedisSettings.PASSWORD_FILE_KEY, redisFile.toString()));
            Cluster cluster = Cluster.start(vertx, layout, extra, Clock.system()).await(60, TimeUnit.SECONDS);

            HttpClient rest = vertx.createHttpClient();
            memesnipe.kit.testing.Await.until("orders signed with the passphrase's key and filled, ticks journaled in the password-protected Redis",
                    Duration.ofSeconds(90), () -> {
                        JsonObject s = new JsonObject(get(rest, cluster.httpPort(), "/api/v1/status"));
                        Long fills = s.getJsonObject("portfolio").getLong("fills");
                        return fills != null && fills > 0 && s.getJsonObject("journal").getLong("appended") > 0;
                    });

            for (String path : List.of("/api/v1/status", "/metrics", "/health")) {
                shown.add(get(rest, cluster.httpPort(), path));
            }
            // every node's port: /health, /metrics and Node.GetStatus, each with a certificate that node admits
            for (NodeName n : NodeName.values()) {
                NodeName as = n == NodeName.SIGNER ? NodeName.EXECUTOR : n == NodeName.EXECUTOR ? NodeName.RISK
                        : NodeName.GATEWAY;
                HttpClient tls = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
                        .setTrustOptions(certs.of(as).trustOptions()).setKeyCertOptions(certs.of(as).keyCertOptions()));
                for (String path : List.of("/metrics", "/health")) {
                    shown.add(get(tls, layout.port(n), path));
                }
                shown.add(new PeerProbe(GrpcClients.create(vertx, certs.of(as)))
                        .status(new HostPort("127.0.0.1", layout.port(n)), 5000).await(10, TimeUnit.SECONDS).toString());
            }
            GrpcClient grpc = GrpcClients.create(vertx, certs.of(NodeName.STRATEGY));
            shown.add(Calls.unary(grpc, new HostPort("127.0.0.1", layout.port(NodeName.RISK)), RiskGrpcClient.GetBreaker,
                    GetBreakerRequest.getDefaultInstance(), 5000).await(10, TimeUnit.SECONDS).toString());
            shown.add(logs.text());
            assertThat(logs.text()).as("the nodes logged while they traded").contains("filled");
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
            redis.stop();
        }

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("PostgreSQL password", pgPassword);
        secrets.put("Redis password", redisPassword);
        secrets.put("key passphrase", passphrase);
        secrets.putAll(privateKeyForms(data.resolve("signer-key.pem"), passphrase));
        String everything = String.join("\n", shown);
        assertThat(everything).as("status, metrics and logs were captured").contains("memesnipe_", "name: \"signer\"");
        secrets.forEach((what, secret) -> {
            int at = everything.indexOf(secret);
            assertThat(at).as(() -> what + " shown in: ..." + everything.substring(Math.max(0, at - 160), at)
                    + "<" + what + ">" + everything.substring(at + secret.length(),
                    Math.min(everything.length(), at + secret.length() + 60))).isNegative();
        });
        assertThat(everything.contains("PRIVATE KEY")).as("a PEM key block shown").isFalse();
    }

    /** The signer's private key as it could leak: PKCS#8 DER and raw 32 bytes, in base64, hex and a PEM line. */
    private static Map<String, String> privateKeyForms(Path keyFile, String passphrase) throws Exception {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        Matcher m = Pattern.compile("-----BEGIN ENCRYPTED PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END").matcher(pem);
        assertThat(m.find()).as("the signer wrote an encrypted key").isTrue();
        byte[] encrypted = Base64.getMimeDecoder().decode(m.group(1));
        byte[] pkcs8 = new PKCS8EncryptedPrivateKeyInfo(encrypted).decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new BouncyCastleProvider())
                        .build(passphrase.toCharArray())).getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length); // Ed25519: the last 32 bytes
        Map<String, String> forms = new LinkedHashMap<>();
        String pkcs8Base64 = Base64.getEncoder().encodeToString(pkcs8);
        forms.put("private key, PKCS#8 base64", pkcs8Base64);
        forms.put("private key, PEM first line", pkcs8Base64.substring(0, Math.min(64, pkcs8Base64.length())));
        forms.put("private key, PKCS#8 hex", HexFormat.of().formatHex(pkcs8));
        forms.put("private key, raw base64", Base64.getEncoder().withoutPadding().encodeToString(raw));
        forms.put("private key, raw base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        forms.put("private key, raw hex", HexFormat.of().formatHex(raw));
        forms.put("private key, raw HEX", HexFormat.of().withUpperCase().formatHex(raw));
        forms.put("encrypted key file body", m.group(1).strip().lines().findFirst().orElseThrow());
        return forms;
    }

    private static String get(HttpClient client, int port, String path) throws Exception {
        try {
            return client.request(HttpMethod.GET, port, "localhost", path)
                    .compose(r -> r.send().compose(resp -> resp.body().map(body -> {
                        assertThat(resp.statusCode()).as(path).isEqualTo(200);
                        return body.toString();
                    }))).await(10, TimeUnit.SECONDS);
        } finally {
            java.lang.ref.Reference.reachabilityFence(client); // Vert.x 5 closes an unreachable client's pool
        }
    }

    private static String random() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Path secretFile(Path file, String secret) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n");
        return file;
    }

    /** The first of {@code count} consecutive free loopback ports. */
    private static int freePorts(int count) throws IOException {
        SecureRandom r = new SecureRandom();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + r.nextInt(30_000);
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IOException("no " + count + " consecutive free ports");
    }

    private static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
