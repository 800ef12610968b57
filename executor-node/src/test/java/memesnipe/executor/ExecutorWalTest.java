package memesnipe.executor;

import memesnipe.kit.testing.TcpProxy;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.Fill;
import memesnipe.v1.OrderStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static memesnipe.executor.ExecutorHarness.await;
import static memesnipe.executor.ExecutorHarness.exit;
import static memesnipe.executor.ExecutorHarness.order;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL cut off (a relay in front of the real server is closed; the shared server keeps running): entries
 * fail closed, exits execute once through the write-ahead file, and everything drains into the ledger when the
 * server is back, with gap-free fill numbers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutorWalTest {
    static TcpProxy proxy;
    static ExecutorHarness h;
    static Path wal;

    @BeforeAll
    static void start() throws Exception {
        proxy = TcpProxy.to(TestDatabase.port());
        h = new ExecutorHarness(Map.of());
        h.executorSettings.put("pg-url", "postgresql://" + TestDatabase.user() + "@127.0.0.1:" + proxy.port() + "/"
                + h.db.name());
        h.restartExecutor();
        wal = Path.of(h.executorSettings.get("wal-file"));
    }

    @AfterEach
    void restore() throws Exception {
        proxy.restore();
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
        proxy.close();
    }

    @Test
    @Order(1)
    void ledgerCut_entryRejectedLedgerUnavailable_exitExecutesOnce_thenTheFileDrainsWithTheRightSeq() throws Exception {
        ExecutionReport warm = h.execute(order("wal-warm", "1"));
        long seqBefore = warm.getFill().getSeq();
        String logId = h.fact("fillLogId");
        List<Fill> watched = h.watch(seqBefore, logId);

        proxy.cut();
        await("ledger shown unreachable while idle", () -> h.fact("ledger.reachable").equals("false"));
        ExecutionReport entry = h.execute(order("wal-entry", "1"));
        assertThat(entry.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(entry.getRejectReason()).isEqualTo(ExecutorVerticle.LEDGER_UNAVAILABLE);

        ExecutionReport exitReport = h.execute(exit("wal-exit", "1"));
        assertThat(exitReport.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(exitReport.getFill().getSeq()).isEqualTo(seqBefore + 1);
        assertThat(h.execute(exit("wal-exit", "1"))).as("a retry while down").isEqualTo(exitReport);
        assertThat(h.venueRecords("wal-exit")).isEqualTo(1);
        assertThat(Integer.parseInt(h.fact("ledger.pendingWrites"))).isPositive();
        assertThat(Files.size(wal)).isPositive();
        await("the exit's fill streamed while the ledger is down", () -> watched.size() == 1);
        assertThat(watched.get(0)).isEqualTo(exitReport.getFill());

        proxy.restore();
        await("drained when PostgreSQL is back", () -> h.fact("ledger.reachable").equals("true")
                && h.fact("ledger.pendingWrites").equals("0"));
        assertThat(Files.size(wal)).isZero();
        assertThat(h.sql("SELECT state FROM orders WHERE client_order_id = 'wal-exit'"))
                .containsExactly(Map.of("state", "FILLED"));
        assertThat(h.sql("SELECT seq, price_e8 FROM fills WHERE client_order_id = 'wal-exit'")).containsExactly(
                Map.of("seq", String.valueOf(seqBefore + 1), "price_e8", String.valueOf(exitReport.getFill().getPriceE8())));
        assertThat(h.sql("SELECT count(*) AS n FROM orders WHERE client_order_id = 'wal-entry'"))
                .as("a LEDGER_UNAVAILABLE entry left nothing behind").containsExactly(Map.of("n", "0"));
        ExecutionReport entryLater = h.execute(order("wal-entry", "1"));
        assertThat(entryLater.getStatus()).as("its id stayed free").isEqualTo(OrderStatus.FILLED);
        assertThat(entryLater.getFill().getSeq()).isEqualTo(seqBefore + 2);
        assertThat(h.sql("SELECT max(seq) = count(*) AS gapless FROM fills").get(0)).containsEntry("gapless", "t");
    }

    @Test
    @Order(2)
    void exitJournaledOnlyInTheFile_survivesARestart_drainedBeforeServing_andARetryGetsTheFirstReport() throws Exception {
        long seqBefore = h.lastFillSeq();
        proxy.cut();
        await("ledger shown unreachable", () -> h.fact("ledger.reachable").equals("false"));
        ExecutionReport first = h.execute(exit("wal-restart", "0.5"));
        assertThat(first.getFill().getSeq()).isEqualTo(seqBefore + 1);
        h.stopExecutor();
        proxy.restore();
        h.startExecutor();
        assertThat(h.fact("ledger.pendingWrites")).isEqualTo("0");
        assertThat(Files.size(wal)).isZero();
        assertThat(h.lastFillSeq()).isEqualTo(seqBefore + 1);
        assertThat(h.execute(exit("wal-restart", "0.5"))).isEqualTo(first);
        assertThat(h.fact("venuePlacements")).isEqualTo("0");
        assertThat(h.sql("SELECT o.state, f.seq FROM orders o JOIN fills f USING (client_order_id) "
                + "WHERE client_order_id = 'wal-restart'")).containsExactly(Map.of("state", "FILLED", "seq",
                String.valueOf(seqBefore + 1)));
    }
}
