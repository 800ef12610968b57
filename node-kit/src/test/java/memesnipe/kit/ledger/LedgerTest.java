package memesnipe.kit.ledger;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import memesnipe.kit.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTest {
    private static Vertx vertx;
    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        db = TestDatabase.create();
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        db.close();
    }

    @Test
    void open_onEmptyDatabase_migratesOwnSchemaAndWritesThroughThePool() throws Exception {
        Ledger ledger = Ledger.open(vertx, db.settings(), "kit_test").await(30, TimeUnit.SECONDS);
        ledger.pool().preparedQuery("INSERT INTO notes VALUES ($1, $2)").execute(Tuple.of(1L, 123_456_789_012L))
                .await(10, TimeUnit.SECONDS);
        long amount = ledger.pool().query("SELECT amount_e8 FROM kit_test.notes WHERE id = 1").execute()
                .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
        assertThat(amount).isEqualTo(123_456_789_012L);
        ledger.close().await(5, TimeUnit.SECONDS);
        // a second start finds the schema at its version and applies nothing
        Ledger again = Ledger.open(vertx, db.settings(), "kit_test").await(30, TimeUnit.SECONDS);
        assertThat(again.pool().query("SELECT count(*) FROM notes").execute().await(10, TimeUnit.SECONDS)
                .iterator().next().getLong(0)).isEqualTo(1L);
        again.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void open_whenServerUnreachable_failsWithOneLineNamingTheAddress() {
        DatabaseSettings nowhere = DatabaseSettings.of("127.0.0.1", 1, db.name(), TestDatabase.user());
        assertThatThrownBy(() -> Ledger.open(vertx, nowhere, "kit_test").await(30, TimeUnit.SECONDS))
                .isInstanceOf(Ledger.LedgerUnavailable.class)
                .hasMessageContaining("127.0.0.1:1/" + db.name())
                .hasMessageNotContaining("\n");
    }

    @Test
    void read_passwordInUrl_isRefusedAndPasswordFileIsRead() throws Exception {
        var bad = memesnipe.kit.config.Settings.empty().with("pg-url", "postgresql://u:Hunter2xyz@h:5432/d");
        assertThatThrownBy(() -> memesnipe.kit.config.ConfigReader.validate(bad, DatabaseSettings::read)).hasMessageContaining("pg-password-file").hasMessageNotContaining("Hunter2xyz");

        Path file = Files.createTempFile("pg", ".pw");
        Files.writeString(file, "s3cret\n");
        var good = memesnipe.kit.config.Settings.empty().with("pg-url", "postgresql://u@h:5433/d")
                .with("pg-password-file", file.toString());
        DatabaseSettings s = memesnipe.kit.config.ConfigReader.validate(good, DatabaseSettings::read);
        assertThat(s.password()).isEqualTo("s3cret");
        assertThat(s.toString()).doesNotContain("s3cret");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/d?sslmode=disable&connectTimeout=10");
    }
}
