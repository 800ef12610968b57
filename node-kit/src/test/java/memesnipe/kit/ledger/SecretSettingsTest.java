package memesnipe.kit.ledger;

import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passwords come from files only and never show in a settings object's text or in a configuration problem. */
class SecretSettingsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql://me@127.0.0.1:5432/db?password=Hunter2xyz",
            "postgresql://me@127.0.0.1:5432/db?sslmode=require&password=Hunter2xyz",
            "postgresql://me:Hunter2xyz@127.0.0.1:notaport/db"})
    void pgUrl_holdingAPassword_isRefused_withoutEchoingIt(String url) {
        Settings s = Settings.empty().with("pg-url", url);
        assertThatThrownBy(() -> ConfigReader.validate(s, DatabaseSettings::read))
                .hasMessageContaining("pg-password-file").hasMessageNotContaining("Hunter2xyz");
    }

    @Test
    void redisSettings_withAPasswordFile_neverShowThePasswordInTheirText() throws Exception {
        Path file = Files.writeString(dir.resolve("redis.pass"), "Sup3rSecretRedis\n");
        RedisSettings redis = ConfigReader.validate(Settings.empty().with("redis-url", "redis://127.0.0.1:6379")
                .with("redis-password-file", file.toString()), RedisSettings::read);
        assertThat(redis.password()).isEqualTo("Sup3rSecretRedis");
        assertThat(redis.toString()).doesNotContain("Sup3rSecretRedis").contains("127.0.0.1:6379");
    }

    @Test
    void databaseSettings_withAPasswordFile_neverShowThePasswordInTheirText() throws Exception {
        Path file = Files.writeString(dir.resolve("pg.pass"), "Sup3rSecretPg\n");
        DatabaseSettings db = ConfigReader.validate(Settings.empty().with("pg-password-file", file.toString()),
                DatabaseSettings::read);
        assertThat(db.password()).isEqualTo("Sup3rSecretPg");
        assertThat(db.toString()).doesNotContain("Sup3rSecretPg");
    }
}
