package memesnipe.executor;

import io.vertx.core.Future;
import memesnipe.executor.venue.PaperPricing;
import memesnipe.executor.paper.PaperVenue;
import memesnipe.model.money.Fixed;
import memesnipe.model.time.Clock;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.Fill;
import memesnipe.v1.OrderStatus;
import memesnipe.v1.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static memesnipe.executor.ExecutorHarness.await;
import static memesnipe.executor.ExecutorHarness.exit;
import static memesnipe.executor.ExecutorHarness.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor against its real PostgreSQL ledger: journal, state machine, idempotency and reconciliation across restarts. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutorLedgerTest {
    static ExecutorHarness h;

    @BeforeAll
    static void start() throws Exception {
        // small memory bounds, so duplicates and WatchFills must reach into the ledger
        h = new ExecutorHarness(Map.of("recent-orders", "2", "recent-fills", "2"));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    static Map<String, String> row(String clientOrderId) throws Exception {
        List<Map<String, String>> rows = h.sql("SELECT * FROM orders WHERE client_order_id = '" + clientOrderId + "'");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    static long ms(Map<String, String> row, String column) {
        return Long.parseLong(row.get(column));
    }

    @Test
    @Order(1)
    void migrations_fromAnEmptyDatabase_createTheExecutorSchema_andOneStableFillLogId() throws Exception {
        assertThat(h.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'executor' ORDER BY 1"))
                .extracting(r -> r.get("table_name"))
                .contains("fills", "flyway_schema_history", "meta", "orders");
        assertThat(h.sql("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY "
                + "installed_rank")).containsExactly(Map.of("version", "1", "success", "t"), Map.of("version", "2", "success", "t"));
        List<Map<String, String>> meta = h.sql("SELECT log_id FROM meta");
        assertThat(meta).hasSize(1);
        assertThat(h.fact("fillLogId")).isEqualTo(meta.get(0).get("log_id"));
        assertThat(h.fact("ledger.reachable")).isEqualTo("true");
        assertThat(h.fact("ledger.pendingWrites")).isEqualTo("0");
        assertThat(h.fact("reconciling")).isEqualTo("0");
    }

    @Test
    @Order(2)
    void execute_journalsEachStateWithItsTimestamp_andTheFillWithItsSeq() throws Exception {
        ExecutionReport filled = h.execute(order("sm-fill", "1"));
        assertThat(filled.getStatus()).isEqualTo(OrderStatus.FILLED);
        Map<String, String> o = row("sm-fill");
        assertThat(o).containsEntry("state", "FILLED").containsEntry("strategy", "momentum_5m").containsEntry("side", "BUY")
                .containsEntry("purpose", "ENTRY").containsEntry("qty_e8", "100000000")
                .containsEntry("reference_price_e8", String.valueOf(ExecutorHarness.SOL_MARK_E8))
                .containsEntry("key_id", filled.getFill().getKeyId()).containsEntry("signature", filled.getFill().getSignature())
                .containsEntry("decision_seq", "42").containsEntry("reject_reason", null);
        assertThat(ms(o, "received_ms")).isPositive().isLessThanOrEqualTo(ms(o, "signed_ms"));
        assertThat(ms(o, "signed_ms")).isLessThanOrEqualTo(ms(o, "sent_ms"));
        assertThat(ms(o, "sent_ms")).isLessThanOrEqualTo(ms(o, "final_ms"));
        Map<String, String> f = h.sql("SELECT * FROM fills WHERE client_order_id = 'sm-fill'").get(0);
        assertThat(f).containsEntry("seq", String.valueOf(filled.getFill().getSeq()))
                .containsEntry("price_e8", String.valueOf(filled.getFill().getPriceE8()))
                .containsEntry("fee_e8", String.valueOf(filled.getFill().getFeeE8()));

        ExecutionReport denied = h.execute(order("sm-denied", "10")); // 1,500 USD > the signer's 1,000
        assertThat(denied.getRejectReason()).startsWith("SIGNER_DENIED");
        Map<String, String> d = row("sm-denied");
        assertThat(d).containsEntry("state", "REJECTED").containsEntry("reject_reason", denied.getRejectReason())
                .containsEntry("signed_ms", null).containsEntry("sent_ms", null);
        assertThat(ms(d, "final_ms")).isGreaterThanOrEqualTo(ms(d, "received_ms"));

        assertThat(h.execute(order("sm-noprice", "1").toBuilder().setSymbol("NOPE").build()).getRejectReason())
                .isEqualTo("NO_PRICE");
        assertThat(row("sm-noprice")).containsEntry("state", "REJECTED").containsEntry("reject_reason", "NO_PRICE");
    }

    @Test
    @Order(3)
    void ledger_refusesIllegalTransitions_andChangesToFinalOrders() {
        assertThatThrownBy(() -> h.sqlUpdate("UPDATE orders SET state = 'SENT' WHERE client_order_id = 'sm-fill'"))
                .hasMessageContaining("illegal transition FILLED -> SENT");
        assertThatThrownBy(() -> h.sqlUpdate("UPDATE orders SET reject_reason = 'x' WHERE client_order_id = 'sm-fill'"))
                .hasMessageContaining("do not change");
        assertThatThrownBy(() -> h.sqlUpdate("INSERT INTO orders (client_order_id, strategy, symbol, side, purpose, qty_e8, "
                + "reference_price_e8, venue, decision_seq, decision_ingest_time_ms, approved_time_ms, state, received_ms) "
                + "VALUES ('sm-fill', 's', 'SOL', 'BUY', 'ENTRY', 1, 1, 'paper', 0, 0, 0, 'RECEIVED', 1)"))
                .hasMessageContaining("duplicate key");
    }

    @Test
    @Order(4)
    void execute_twoConcurrentCallsForOneId_placeOnceAtTheVenue_andShareTheReport() throws Exception {
        long placements = Long.parseLong(h.fact("venuePlacements"));
        Future<ExecutionReport> a = h.executeAsync(order("twin-1", "1"));
        Future<ExecutionReport> b = h.executeAsync(order("twin-1", "1"));
        ExecutionReport first = a.await(15, TimeUnit.SECONDS);
        assertThat(b.await(15, TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(first.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(Long.parseLong(h.fact("venuePlacements"))).isEqualTo(placements + 1);
        assertThat(h.venueRecords("twin-1")).isEqualTo(1);
        assertThat(h.sql("SELECT count(*) AS n FROM fills WHERE client_order_id = 'twin-1'").get(0)).containsEntry("n", "1");
    }

    @Test
    @Order(5)
    void execute_retryOfAnIdNoLongerInMemory_returnsTheFirstReport_fromTheLedger() throws Exception {
        ExecutionReport first = h.execute(order("old-1", "0.5"));
        for (int i = 0; i < 3; i++) {
            h.execute(order("filler-" + i, "0.1")); // recent-orders=2: old-1 leaves memory
        }
        long placements = Long.parseLong(h.fact("venuePlacements"));
        assertThat(h.execute(order("old-1", "0.5"))).isEqualTo(first);
        assertThat(Long.parseLong(h.fact("venuePlacements"))).isEqualTo(placements);
    }

    @Test
    @Order(6)
    void execute_retryAfterARestart_returnsTheFirstReport_withoutASecondVenuePlacement() throws Exception {
        ExecutionReport filled = h.execute(order("restart-fill", "1"));
        ExecutionReport rejected = h.execute(order("restart-denied", "10"));
        String logId = h.fact("fillLogId");
        long lastSeq = h.lastFillSeq();
        h.restartExecutor();
        assertThat(h.fact("venuePlacements")).isEqualTo("0");
        assertThat(h.fact("fillLogId")).as("the same fill log across restarts").isEqualTo(logId);
        assertThat(h.lastFillSeq()).isEqualTo(lastSeq);
        assertThat(h.execute(order("restart-fill", "1"))).isEqualTo(filled);
        assertThat(h.execute(order("restart-denied", "10"))).isEqualTo(rejected);
        assertThat(h.fact("venuePlacements")).isEqualTo("0");
        assertThat(h.fact("duplicates")).isEqualTo("2");
        assertThat(h.venueRecords("restart-fill")).isEqualTo(1);
        ExecutionReport next = h.execute(order("after-restart", "1"));
        assertThat(next.getFill().getSeq()).as("numbering goes on without a gap").isEqualTo(lastSeq + 1);
    }

    @Test
    @Order(7)
    void watchFills_resumingAtAnySeqOfTheSameLog_afterARestart_getsEveryFillInOrder() throws Exception {
        String logId = h.fact("fillLogId");
        long last = h.lastFillSeq();
        assertThat(last).isGreaterThan(5);
        h.restartExecutor();
        List<Fill> all = h.watch(0, logId); // recent-fills=2: most come from the ledger
        await("every fill replayed", () -> all.size() == last);
        assertThat(all).extracting(Fill::getSeq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(all).allMatch(f -> f.getLogId().equals(logId));
        List<Fill> tail = h.watch(last - 3, logId);
        await("resumed after seq " + (last - 3), () -> tail.size() == 3);
        ExecutionReport live = h.execute(order("watch-live", "0.1"));
        await("live fill to both watchers", () -> all.size() == last + 1 && tail.size() == 4);
        assertThat(tail.get(3)).isEqualTo(live.getFill());
        List<Fill> otherLog = h.watch(last, "some-other-log");
        await("a watcher of another log starts from the first fill", () -> otherLog.size() == last + 1);
        assertThat(otherLog.get(0).getSeq()).isEqualTo(1);
    }

    /** Writes a SENT order straight into the ledger, as a process killed while the order was at the venue leaves it. */
    static void insertSentOrder(String id, Side side) throws Exception {
        h.sqlUpdate("INSERT INTO orders (client_order_id, strategy, symbol, side, purpose, qty_e8, reference_price_e8, venue, "
                + "decision_seq, decision_ingest_time_ms, approved_time_ms, state, key_id, signature, received_ms, signed_ms, "
                + "sent_ms) VALUES ('" + id + "', 'momentum_5m', 'SOL', '" + side + "', 'EXIT', 100000000, 15000000000, "
                + "'paper', 7, 8, 9, 'SENT', 'k1', 'c2ln', 1000, 1001, 1002)");
    }

    @Test
    @Order(8)
    void restart_reconcilesSentOrders_filledAtTheVenueIsRecordedOnce_unknownIsCancelledThere() throws Exception {
        h.stopExecutor();
        long lastSeq = Long.parseLong(h.sql("SELECT max(seq) AS m FROM fills").get(0).get("m"));
        insertSentOrder("rec-filled", Side.SELL);
        insertSentOrder("rec-unknown", Side.SELL);
        h.sqlUpdate("INSERT INTO orders (client_order_id, strategy, symbol, side, purpose, qty_e8, reference_price_e8, venue, "
                + "decision_seq, decision_ingest_time_ms, approved_time_ms, state, received_ms) VALUES ('rec-received', "
                + "'s', 'SOL', 'BUY', 'ENTRY', 100000000, 1, 'paper', 0, 0, 0, 'RECEIVED', 1000)");
        // the venue filled rec-filled before the process died (its own record says so)
        PaperPricing pricing = new PaperPricing(0, 0, 60_000, Clock.system());
        pricing.mark("SOL", Fixed.parse("151"));
        PaperVenue venue = h.vertx.getOrCreateContext().<Void>executeBlocking(() -> null)
                .compose(v -> PaperVenue.open(h.vertx, h.dir.resolve("paper-venue"), pricing, Clock.system(), 100))
                .await(10, TimeUnit.SECONDS);
        PaperVenue.Filled atVenue = (PaperVenue.Filled) venue.place(new PaperVenue.VenueOrder("rec-filled", "SOL", memesnipe.model.Side.SELL,
                Fixed.ONE)).await(10, TimeUnit.SECONDS).outcome();
        venue.close().await(10, TimeUnit.SECONDS);

        h.startExecutor();
        await("reconciled", () -> h.fact("reconciling").equals("0") && h.fact("ordersOpen").equals("0"));
        assertThat(row("rec-filled")).containsEntry("state", "FILLED");
        Map<String, String> fill = h.sql("SELECT * FROM fills WHERE client_order_id = 'rec-filled'").get(0);
        assertThat(fill).containsEntry("seq", String.valueOf(lastSeq + 1)).containsEntry("price_e8", String.valueOf(atVenue.priceE8()))
                .containsEntry("fill_time_ms", String.valueOf(atVenue.timeMs())).containsEntry("signature", "c2ln");
        assertThat(row("rec-unknown")).containsEntry("state", "CANCELLED")
                .containsEntry("reject_reason", ExecutorVerticle.NOT_AT_VENUE);
        assertThat(row("rec-received")).containsEntry("state", "REJECTED")
                .containsEntry("reject_reason", ExecutorVerticle.NOT_SIGNED);
        assertThat(h.venueRecords("rec-unknown")).as("cancelled at the venue: a late arrival is refused").isEqualTo(1);
        assertThat(h.fact("venuePlacements")).isEqualTo("0");

        ExecutionReport retry = h.execute(exit("rec-filled", "1"));
        assertThat(retry.getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(retry.getFill().getSeq()).isEqualTo(lastSeq + 1);
        assertThat(retry.getFill().getPriceE8()).isEqualTo(atVenue.priceE8());
        ExecutionReport cancelled = h.execute(exit("rec-unknown", "1"));
        assertThat(cancelled.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(cancelled.getRejectReason()).isEqualTo(ExecutorVerticle.NOT_AT_VENUE);
        assertThat(h.fact("venuePlacements")).isEqualTo("0");
        assertThat(h.sql("SELECT count(*) AS n FROM fills WHERE client_order_id LIKE 'rec-%'").get(0)).containsEntry("n", "1");
        assertThat(h.sql("SELECT max(seq) = count(*) AS gapless FROM fills").get(0)).containsEntry("gapless", "t");
    }
}
