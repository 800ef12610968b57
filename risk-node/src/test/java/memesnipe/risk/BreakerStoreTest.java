package memesnipe.risk;

import io.vertx.core.Vertx;
import memesnipe.kit.money.Fixed;
import memesnipe.risk.breaker.BreakerRecord;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.CircuitBreaker;
import memesnipe.risk.breaker.Conditions;
import memesnipe.risk.breaker.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BreakerStoreTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void savedState_loadsBackEqual_soARestartKeepsTheBreaker() throws Exception {
        Path file = Files.createTempDirectory("store").resolve("state.json");
        CircuitBreaker b = new CircuitBreaker(BreakerThresholds.defaults(), 10_000 * Fixed.ONE, 1_700_000_000_000L);
        b.evaluate(9_000 * Fixed.ONE, Conditions.OK, 1_700_000_000_001L);
        b.evaluateStrategy("s1", 900 * Fixed.ONE);
        b.evaluateStrategy("s1", 800 * Fixed.ONE);
        BreakerRecord r = b.export();
        assertThat(b.tier()).isEqualTo(Tier.EMERGENCY);
        BreakerStore store = new BreakerStore(vertx, file);
        vertx.runOnContext(v -> store.save(r));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        BreakerStore.Loaded loaded = new BreakerStore(vertx, file).load().await(5, TimeUnit.SECONDS);
        assertThat(loaded.exists()).isTrue();
        assertThat(loaded.record()).contains(r);
    }

    @Test
    void missingFile_isANewDeployment_butACorruptOne_startsCritical() throws Exception {
        Path dir = Files.createTempDirectory("store");
        BreakerStore.Loaded none = new BreakerStore(vertx, dir.resolve("absent.json")).load().await(5, TimeUnit.SECONDS);
        assertThat(none.exists()).isFalse();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"version\":1,\"tier\":\"NORMAL\"");
        BreakerStore.Loaded corrupt = new BreakerStore(vertx, bad).load().await(5, TimeUnit.SECONDS);
        assertThat(corrupt.exists()).isTrue();
        assertThat(corrupt.record()).isEmpty();
        assertThat(CircuitBreaker.restore(BreakerThresholds.defaults(), corrupt.record().orElse(null), Fixed.ONE, 0).tier())
                .isEqualTo(Tier.CRITICAL);
        Files.writeString(bad, "{\"version\":1,\"tier\":\"NORMAL\",\"reason\":\"x\"}");
        assertThat(new BreakerStore(vertx, bad).load().await(5, TimeUnit.SECONDS).record()).as("missing fields").isEmpty();
    }
}
