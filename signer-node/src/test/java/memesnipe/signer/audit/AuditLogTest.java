package memesnipe.signer.audit;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogTest {
    @TempDir
    Path dir;
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    Path writeThree() throws Exception {
        Path file = dir.resolve("audit.log");
        AuditLog log = AuditLog.open(vertx, file).await(5, TimeUnit.SECONDS);
        log.append(new AuditLog.Entry(1000, "ord-1", "SIGNED", "SIGN_OK", "abcd"));
        log.append(new AuditLog.Entry(1001, "ord-2", "DENIED", "NOTIONAL_LIMIT", "abcd"));
        log.append(new AuditLog.Entry(1002, "ord-3\tx\ny", "SIGNED", "SIGN_OK", "abcd")).await(5, TimeUnit.SECONDS);
        return file;
    }

    @Test
    void untouchedLog_verifies_andRecordsNoKeyBytes() throws Exception {
        Path file = writeThree();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("[0-9a-f]{64} time_ms=1000\tclient_order_id=ord-1\tdecision=SIGNED\treason=SIGN_OK\tkey_id=abcd");
        assertThat(lines.get(2)).contains("client_order_id=ord-3\\tx\\ny");
        assertThat(AuditLog.verify(file).intact()).isTrue();
        assertThat(AuditLog.verify(file).lines()).isEqualTo(3);
    }

    @Test
    void tamperingOneLine_isDetectedAtThatLine() throws Exception {
        Path file = writeThree();
        List<String> lines = Files.readAllLines(file);
        lines.set(1, lines.get(1).replace("DENIED", "SIGNED"));
        Files.write(file, lines);
        AuditLog.Verification v = AuditLog.verify(file);
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenLine()).contains(2L);
    }

    @Test
    void deletingAMiddleLine_isDetected() throws Exception {
        Path file = writeThree();
        List<String> lines = Files.readAllLines(file);
        lines.remove(0);
        Files.write(file, lines);
        assertThat(AuditLog.verify(file).firstBrokenLine()).contains(1L);
    }

    @Test
    void reopening_continuesTheChain_andRefusesABrokenLog() throws Exception {
        Path file = writeThree();
        AuditLog again = AuditLog.open(vertx, file).await(5, TimeUnit.SECONDS);
        again.append(new AuditLog.Entry(2000, "ord-4", "SIGNED", "SIGN_OK", "abcd")).await(5, TimeUnit.SECONDS);
        assertThat(AuditLog.verify(file).lines()).isEqualTo(4);
        assertThat(AuditLog.verify(file).intact()).isTrue();

        Files.writeString(file, Files.readString(file).replace("ord-4", "ord-5"));
        assertThatThrownBy(() -> AuditLog.open(vertx, file).await(5, TimeUnit.SECONDS))
                .hasMessageContaining("broken at line 4");
    }
}
