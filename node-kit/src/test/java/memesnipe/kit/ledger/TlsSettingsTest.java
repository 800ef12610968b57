package memesnipe.kit.ledger;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.redis.client.RedisOptions;
import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.Settings;
import memesnipe.kit.testing.TestServerCa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pg-ca-file and redis-ca-file: read and checked with the config, refused where they would do nothing, applied per sslmode. */
class TlsSettingsTest {
    private static Path ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCa() {
        ca = TestServerCa.create("settings test CA").caFile();
    }

    private static DatabaseSettings pg(String url, String caFile) {
        Settings s = Settings.empty().with("pg-url", url);
        if (caFile != null) {
            s = s.with("pg-ca-file", caFile);
        }
        return ConfigReader.validate(s, DatabaseSettings::read);
    }

    private static RedisSettings redis(String url, String caFile) {
        Settings s = Settings.empty().with("redis-url", url);
        if (caFile != null) {
            s = s.with("redis-ca-file", caFile);
        }
        return ConfigReader.validate(s, RedisSettings::read);
    }

    @ParameterizedTest(name = "pg-url query \"{0}\"")
    @ValueSource(strings = {"", "?sslmode=disable", "?sslmode=allow", "?sslmode=prefer"})
    void pgCaFile_withoutAVerifyingSslmode_isAConfigProblem(String query) {
        assertThatThrownBy(() -> pg("postgresql://me@db:5432/ledger" + query, ca.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pg-ca-file has no effect without sslmode=require, verify-ca or verify-full");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"verify-ca", "verify-full"})
    void verifyingSslmode_withoutPgCaFile_isAConfigProblem(String mode) {
        assertThatThrownBy(() -> pg("postgresql://me@db:5432/ledger?sslmode=" + mode, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sslmode=" + mode + " needs pg-ca-file");
    }

    @Test
    void redisCaFile_withPlainRedis_isAConfigProblem() {
        assertThatThrownBy(() -> redis("redis://cache:6379", ca.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("redis-ca-file has no effect without rediss://");
    }

    @Test
    void caFiles_thatAreMissingOrNotPem_areOneLineProblems_withTheFileNameEscaped() throws Exception {
        Path missing = dir.resolve("no\nsuch.pem");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----\n");
        Path garbled = Files.writeString(dir.resolve("garbled.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        for (Path bad : new Path[]{missing, key, garbled, dir}) {
            for (String key2 : new String[]{"pg-ca-file", "redis-ca-file"}) {
                Throwable err = org.assertj.core.api.Assertions.catchThrowable(() -> {
                    if (key2.startsWith("pg")) {
                        pg("postgresql://me@db:5432/ledger?sslmode=verify-full", bad.toString());
                    } else {
                        redis("rediss://cache:6379", bad.toString());
                    }
                });
                assertThat(err).as(bad + " for " + key2).isInstanceOf(ConfigException.class);
                var problems = ((ConfigException) err).problems();
                assertThat(problems).as(bad + " for " + key2).hasSize(1);
                assertThat(problems.get(0)).startsWith(key2 + ": ").doesNotContain("\n");
            }
        }
        assertThatThrownBy(() -> pg("postgresql://me@db:5432/ledger?sslmode=verify-full", missing.toString()))
                .hasMessageContaining("no\\u000asuch.pem").hasMessageContaining("no such file");
        assertThatThrownBy(() -> redis("rediss://cache:6379", key.toString()))
                .hasMessageContaining("holds no PEM certificate");
        assertThatThrownBy(() -> redis("rediss://cache:6379", garbled.toString()))
                .hasMessageContaining("certificate 1 is not a valid X.509 certificate");
    }

    @Test
    void verifyFull_trustsTheCaFileAndChecksTheHostName_inBothClients() {
        DatabaseSettings s = pg("postgresql://me@db.internal:5432/ledger?sslmode=verify-full", ca.toString());
        PgConnectOptions o = s.connectOptions();
        assertThat(o.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(o.getSslOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(o.getSslOptions().isTrustAll()).isFalse();
        assertThat(((PemTrustOptions) o.getSslOptions().getTrustOptions()).getCertPaths())
                .containsExactly(ca.toAbsolutePath().toString());
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/ledger?sslmode=verify-full&sslrootcert="
                + URLEncoder.encode(ca.toAbsolutePath().toString(), StandardCharsets.UTF_8) + "&connectTimeout=10");
    }

    @Test
    void verifyCa_andRequireWithACaFile_checkTheChainButNotTheName() {
        for (String mode : new String[]{"verify-ca", "require"}) {
            DatabaseSettings s = pg("postgresql://me@db:5432/ledger?sslmode=" + mode, ca.toString());
            assertThat(s.connectOptions().getSslOptions().getHostnameVerificationAlgorithm()).isEmpty();
            assertThat(s.connectOptions().getSslOptions().isTrustAll()).isFalse();
            assertThat(s.connectOptions().getSslOptions().getTrustOptions()).isNotNull();
            // pgjdbc's require never verifies: the URL asks for verify-ca, as libpq does require with a root cert
            assertThat(s.jdbcUrl()).contains("?sslmode=verify-ca&sslrootcert=");
        }
    }

    @Test
    void requireWithoutCaFile_encryptsOnly_andDisableHasNoTls() {
        DatabaseSettings require = pg("postgresql://me@db:5432/ledger?sslmode=require", null);
        assertThat(require.connectOptions().getSslOptions().isTrustAll()).isTrue();
        assertThat(require.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/ledger?sslmode=require&connectTimeout=10");
        DatabaseSettings plain = pg("postgresql://me@db:5432/ledger", null);
        assertThat(plain.sslMode()).isEqualTo(SslMode.DISABLE);
        assertThat(plain.caFile()).isNull();
        assertThat(plain.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/ledger?sslmode=disable&connectTimeout=10");
    }

    @Test
    void rediss_verifiesTheCertificateAndTheName_againstTheCaFileWhenGiven() {
        RedisOptions withCa = redis("rediss://cache.internal:6380", ca.toString()).options();
        assertThat(withCa.getNetClientOptions().isSsl()).isTrue();
        assertThat(withCa.getNetClientOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(withCa.getNetClientOptions().isTrustAll()).isFalse();
        assertThat(((PemTrustOptions) withCa.getNetClientOptions().getTrustOptions()).getCertPaths())
                .containsExactly(ca.toAbsolutePath().toString());
        RedisOptions defaultCas = redis("rediss://cache.internal:6380", null).options();
        assertThat(defaultCas.getNetClientOptions().isSsl()).isTrue();
        assertThat(defaultCas.getNetClientOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(defaultCas.getNetClientOptions().getTrustOptions()).isNull();
        assertThat(redis("redis://cache.internal:6379", null).options().getNetClientOptions().isSsl()).isFalse();
    }

    @Test
    void documentation_listsBothCaKeys() {
        assertThat(ConfigReader.describe(DatabaseSettings::read)).containsKey("pg-ca-file");
        assertThat(ConfigReader.describe(RedisSettings::read)).containsKey("redis-ca-file");
    }
}
