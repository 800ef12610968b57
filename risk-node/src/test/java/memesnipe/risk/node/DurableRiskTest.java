package memesnipe.risk.node;

import io.vertx.core.Vertx;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.journal.TickJournal;
import memesnipe.model.money.Fixed;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.v1.BreakerState;
import memesnipe.v1.BreakerTier;
import memesnipe.v1.DenyReason;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.ResetRequest;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.Side;
import memesnipe.v1.TripRequest;
import memesnipe.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static memesnipe.risk.node.RiskCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The risk node on its PostgreSQL ledger, restarted the way a process is (its whole Vert.x stopped, a new one
 * started on the same database): it comes back exactly where it was, applies every fill once, and its breaker is
 * never laxer; with the ledger cut off it fails closed and catches up by itself.
 */
class DurableRiskTest {
    static final long E8 = 100_000_000L;

    static Map<String, Long> prices(long a, long b, long c) {
        return Map.of("AAA", a, "BBB", b, "CCC", c);
    }

    static BreakerState trip(RiskCluster c, String tier, String reason) throws Exception {
        return Calls.unary(c.admin, c.risk, RiskGrpcClient.Trip, TripRequest.newBuilder().setTier(tier).setReason(reason)
                .build(), 5000).await(10, TimeUnit.SECONDS);
    }

    static BreakerState reset(RiskCluster c, String reason) throws Exception {
        return Calls.unary(c.admin, c.risk, RiskGrpcClient.Reset, ResetRequest.newBuilder().setReason(reason).build(), 5000)
                .await(10, TimeUnit.SECONDS);
    }

    static RiskDecision exit(RiskCluster c, String id, String strategy, String symbol) throws Exception {
        return c.submit(OrderIntent.newBuilder().setClientOrderId(id).setStrategy(strategy).setSymbol(symbol)
                .setSide(Side.SELL).setPurpose(OrderPurpose.EXIT).setDecisionPriceE8(1).build());
    }

    static long usd(RiskCluster c, String fact) throws Exception {
        return Fixed.parse(c.status().getFactsOrThrow(fact));
    }

    /** Waits until an entry can be approved (prices in, fill stream connected), with a 1 USD probe position in CCC. */
    static void pricedAndConnected(RiskCluster c) throws Exception {
        await("a 1 USD probe entry approved", Duration.ofSeconds(10),
                () -> c.entry("probe", "CCC", 1).getVerdict() != Verdict.DENIED);
        await("probe filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 1 && c.fact("inFlight") == 0);
    }

    @Test
    void fill_viaTheFilledReport_theStream_andTheStreamAgainAfterARestart_isOnePosition() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of())) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            pricedAndConnected(c);
            assertThat(c.entry("s1", "AAA", 100).getVerdict()).isEqualTo(Verdict.APPROVED);
            await("filled, in the ledger, and delivered by the stream", Duration.ofSeconds(10),
                    () -> c.fact("openPositions") == 2 && c.fact("inFlight") == 0
                            && c.sql("SELECT count(*) FROM risk.fills") == 2
                            && c.sql("SELECT count(*) FROM risk.fill_cursor WHERE seq = 2") == 1);
            assertThat(c.fact("fills")).isEqualTo(2);
            // the next start resumes the stream from its first fill: every fill arrives a second time
            try (var conn = c.db.connect(); var st = conn.createStatement()) {
                st.executeUpdate("UPDATE risk.fill_cursor SET seq = 0");
            }
            c.restartRisk();
            assertThat(c.fact("replayedFills")).isEqualTo(2);
            await("the stream delivered both fills again", Duration.ofSeconds(10),
                    () -> c.status().getFactsOrThrow("fillCursor").endsWith(":2"));
            assertThat(c.fact("fills")).as("each fill applied once").isEqualTo(2);
            assertThat(c.fact("openPositions")).isEqualTo(2);
            assertThat(c.sql("SELECT count(*) FROM risk.fills")).isEqualTo(2);
            assertThat(c.sql("SELECT count(DISTINCT client_order_id) FROM risk.fills")).isEqualTo(2);
        }
    }

    @Test
    void drawdownBeforeARestart_isStillThereAfterIt_withItsPeakDayStartAndEquityCurve() throws Exception {
        try (RiskCluster c = new RiskCluster(BreakerScenariosTest.CONCENTRATED)) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            pricedAndConnected(c);
            assertThat(c.entry("s1", "AAA", 3000).getVerdict()).isNotEqualTo(Verdict.DENIED);
            await("filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 2 && c.fact("inFlight") == 0);
            long before = usd(c, "equity");
            c.market.hold(prices(110 * E8, 100 * E8, 100 * E8)); // 30 AAA: +300 USD, a new peak
            await("peak", Duration.ofSeconds(5), () -> usd(c, "peakEquity") == before + 300 * E8);
            c.market.hold(prices(104 * E8, 100 * E8, 100 * E8)); // -180 USD from the peak
            await("drawdown", Duration.ofSeconds(5), () -> usd(c, "equity") == before + 120 * E8);
            String drawdown = c.status().getFactsOrThrow("drawdownPct");
            assertThat(drawdown).isEqualTo("1.74");
            await("the peak is on the equity curve", Duration.ofSeconds(5),
                    () -> c.sql("SELECT max(peak_e8) FROM risk.equity_curve") == before + 300 * E8);
            long dayStart = usd(c, "dayStartEquity");

            c.restartRisk();
            await("marked again by live ticks", Duration.ofSeconds(5), () -> usd(c, "equity") == before + 120 * E8
                    && c.status().getFactsOrThrow("drawdownPct").equals(drawdown));
            assertThat(usd(c, "peakEquity")).as("peak restored, not re-based at the restart").isEqualTo(before + 300 * E8);
            assertThat(usd(c, "dayStartEquity")).isEqualTo(dayStart);
            assertThat(c.sql("SELECT count(*) FROM risk.trading_days")).isEqualTo(1);
        }
    }

    @Test
    void lastMarksFromTheTickJournal_priceHeldPositionsAtOnceAfterARestart() throws Exception {
        try (RiskCluster c = new RiskCluster(BreakerScenariosTest.CONCENTRATED)) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            pricedAndConnected(c);
            assertThat(c.entry("s1", "AAA", 3000).getVerdict()).isNotEqualTo(Verdict.DENIED);
            await("filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 2 && c.fact("inFlight") == 0);
            long atCost = usd(c, "equity");
            c.market.silence();
            Vertx v = Vertx.vertx();
            try {
                TickJournal journal = TickJournal.create(v, TestDatabase.redis(), c.journalStream, 1000);
                long now = System.currentTimeMillis();
                journal.append(MarketEvent.newBuilder().setSeq(1).setStreamId("t").setSymbol("AAA").setPriceE8(104 * E8)
                        .setEventTimeMs(now).setIngestTimeMs(now).build()).await(10, TimeUnit.SECONDS);
                journal.close();
            } finally {
                v.close().await(10, TimeUnit.SECONDS);
            }
            c.restartRisk();
            assertThat(c.fact("marksFromJournal")).isGreaterThanOrEqualTo(1);
            assertThat(usd(c, "equity")).as("30 AAA at the journal's 104, without a live tick").isEqualTo(atCost + 120 * E8);
        }
    }

    @Test
    void trippedEmergency_isDurableBeforeTheAnswer_andStaysEmergencyAfterARestart() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of())) {
            BreakerState tripped = trip(c, "EMERGENCY", "drill before restart");
            assertThat(tripped.getTier()).isEqualTo(BreakerTier.EMERGENCY);
            // no waiting: the answer came after the write
            assertThat(c.sql("SELECT count(*) FROM risk.admin_audit WHERE action = 'TRIP' AND tier = 'EMERGENCY' "
                    + "AND reason = 'drill before restart' AND tier_after = 'EMERGENCY'")).isEqualTo(1);
            assertThat(c.sqlText("SELECT actor FROM risk.admin_audit WHERE action = 'TRIP'")).contains("memesnipe-admin");
            assertThat(c.sqlText("SELECT tier FROM risk.breaker_state")).isEqualTo("EMERGENCY");
            assertThat(c.sql("SELECT count(*) FROM risk.breaker_transitions WHERE to_tier = 'EMERGENCY'")).isEqualTo(1);

            c.restartRisk();
            BreakerState after = c.breaker();
            assertThat(after.getTier()).as("never laxer after a restart").isEqualTo(BreakerTier.EMERGENCY);
            assertThat(after.getReason()).contains("drill before restart");
            assertThat(after.getEventsList()).as("history kept").isNotEmpty();
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            assertThat(c.entry("s2", "AAA", 10).getReason()).isEqualTo(DenyReason.BREAKER_HALTED);
        }
    }

    @Test
    void withoutADeployment_riskStaysCritical_writesNothing_andInitMakesItNormal() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of(), false, false)) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            BreakerState b = c.breaker();
            assertThat(b.getTier()).isEqualTo(BreakerTier.CRITICAL);
            assertThat(b.getReason()).contains("no deployment record: run memesnipe init");
            assertThat(c.entry("s1", "AAA", 10).getReason()).isEqualTo(DenyReason.BREAKER_REDUCE_ONLY);
            assertThatThrownBy(() -> reset(c, "make it normal")).hasMessageContaining("FAILED_PRECONDITION")
                    .hasMessageContaining("memesnipe init");
            c.restartRisk();
            assertThat(c.breaker().getTier()).as("an empty ledger is never a new deployment").isEqualTo(BreakerTier.CRITICAL);
            assertThat(c.sql("SELECT count(*) FROM risk.breaker_state")).isZero();
            assertThat(c.sql("SELECT count(*) FROM risk.decisions")).isZero();

            c.init(false);
            await("the running node loads the new deployment", Duration.ofSeconds(10),
                    () -> c.breaker().getTier() == BreakerTier.NORMAL
                            && c.status().getFactsOrThrow("recovering").equals("false"));
            await("entries approved", Duration.ofSeconds(5), () -> c.entry("s1", "AAA", 10).getVerdict() == Verdict.APPROVED);
            c.restartRisk();
            assertThat(c.breaker().getTier()).isEqualTo(BreakerTier.NORMAL);
        }
    }

    @Test
    void strategySuspendedThenReset_isNotSuspendedAgainByTheReplayAfterARestart() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of())) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            pricedAndConnected(c);
            for (int i = 0; i < 5; i++) { // 5 x 200 USD = the strategy's whole 10 % allocation
                assertThat(c.entry("loser", "AAA", 200).getVerdict()).isEqualTo(Verdict.APPROVED);
                await("fill " + i, Duration.ofSeconds(10), () -> c.fact("inFlight") == 0);
            }
            c.market.hold(prices(91 * E8, 100 * E8, 100 * E8)); // -90 USD of a 1000 USD allocation = -9 %
            await("suspended and closed out", Duration.ofSeconds(10), () -> c.status().getFactsOrThrow("suspendedStrategies")
                    .equals("loser") && c.fact("openPositions") == 1 && c.fact("inFlight") == 0);
            assertThat(reset(c, "loss acknowledged").getSuspendedStrategiesList()).isEmpty();

            c.restartRisk();
            assertThat(c.fact("replayedFills")).isGreaterThanOrEqualTo(7);
            long evaluated = c.fact("evaluations");
            await("several evaluations after the replay", Duration.ofSeconds(10),
                    () -> c.fact("evaluations") >= evaluated + 5);
            assertThat(c.breaker().getSuspendedStrategiesList()).as("no suspension from replaying the loss").isEmpty();
            assertThat(c.entry("loser", "BBB", 100).getVerdict()).isNotEqualTo(Verdict.DENIED);
        }
    }

    @Test
    void ledgerCutOff_entriesDenied_exitsApprovedAndExecuted_tripAcknowledged_thenEverythingCatchesUp() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of(), true, true)) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            pricedAndConnected(c);
            assertThat(c.entry("s1", "AAA", 100).getVerdict()).isEqualTo(Verdict.APPROVED);
            await("filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 2 && c.fact("inFlight") == 0);

            c.pgProxy.cut();
            await("status shows the ledger down", Duration.ofSeconds(10),
                    () -> c.status().getFactsOrThrow("ledger.reachable").equals("false"));
            assertThat(c.entry("s2", "BBB", 100).getReason()).isEqualTo(DenyReason.LEDGER_UNAVAILABLE);
            RiskDecision out = exit(c, "exit-during-outage", "s1", "AAA");
            assertThat(out.getVerdict()).as(out.getDetail()).isEqualTo(Verdict.APPROVED);
            await("the exit executed", Duration.ofSeconds(10), () -> c.fact("openPositions") == 1 && c.fact("inFlight") == 0);
            assertThat(trip(c, "CRITICAL", "during the outage").getTier()).as("acknowledged from the local journal")
                    .isEqualTo(BreakerTier.CRITICAL);
            assertThat(Files.readString(c.walFile)).contains("during the outage");
            assertThat(c.fact("ledger.pendingWrites")).isPositive();
            assertThat(c.sql("SELECT count(*) FROM risk.fills WHERE client_order_id = 'exit-during-outage'")).isZero();

            c.pgProxy.restore();
            await("caught up by itself", Duration.ofSeconds(20), () -> c.status().getFactsOrThrow("ledger.reachable")
                    .equals("true") && c.fact("ledger.pendingWrites") == 0);
            assertThat(c.sql("SELECT count(*) FROM risk.fills WHERE client_order_id = 'exit-during-outage'")).isEqualTo(1);
            assertThat(c.sql("SELECT count(*) FROM risk.decisions WHERE client_order_id = 'exit-during-outage' "
                    + "AND verdict = 'APPROVED'")).isEqualTo(1);
            assertThat(c.sql("SELECT count(*) FROM risk.decisions WHERE reason = 'LEDGER_UNAVAILABLE'")).isEqualTo(1);
            assertThat(c.sql("SELECT count(*) FROM risk.admin_audit WHERE reason = 'during the outage'")).isEqualTo(1);
            assertThat(c.sqlText("SELECT tier FROM risk.breaker_state")).isEqualTo("CRITICAL");
            assertThat(Files.size(c.walFile)).isZero();
            c.restartRisk();
            assertThat(c.breaker().getTier()).isEqualTo(BreakerTier.CRITICAL);
            assertThat(c.fact("openPositions")).isEqualTo(1);
        }
    }

    @Test
    void exitInFlightAtARestart_isAskedForAgainUnderItsOwnId_andNeverDoubled() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of())) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            pricedAndConnected(c);
            assertThat(c.entry("s1", "AAA", 100).getVerdict()).isEqualTo(Verdict.APPROVED);
            await("filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 2 && c.fact("inFlight") == 0
                    && c.sql("SELECT count(*) FROM risk.fills") == 2);
            long held = c.sql("SELECT qty_e8 FROM risk.fills WHERE symbol = 'AAA'");
            // an exit decided just before the node died, on record but never answered
            try (var conn = c.db.connect(); var st = conn.prepareStatement("INSERT INTO risk.decisions VALUES "
                    + "('lost-exit', 'risk', 's1', 'AAA', 'EXIT', 'APPROVED', 'NONE', 'risk exit: stop-loss', ?, ?, 'NORMAL', "
                    + "0, 0, ?, NULL)")) {
                st.setLong(1, held);
                st.setLong(2, held * 100);
                st.setLong(3, System.currentTimeMillis());
                st.executeUpdate();
            }
            c.restartRisk();
            assertThat(c.fact("resentExits")).isEqualTo(1);
            trip(c, "EMERGENCY", "flatten right after the restart");
            await("flat", Duration.ofSeconds(10), () -> c.fact("openPositions") == 0 && c.fact("inFlight") == 0);
            assertThat(c.sql("SELECT count(*) FROM risk.fills WHERE client_order_id = 'lost-exit'")).isEqualTo(1);
            assertThat(c.sql("SELECT sum(CASE WHEN side = 'BUY' THEN qty_e8 ELSE -qty_e8 END) FROM risk.fills "
                    + "WHERE symbol = 'AAA'")).as("sold once").isZero();
            assertThat(c.fact("ledgerAnomalies")).isZero();
        }
    }

    @Test
    void sameClientOrderIdAfterARestart_getsTheFirstDecisionFromTheLedger_andNoSecondOrder() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of())) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            pricedAndConnected(c);
            OrderIntent intent = OrderIntent.newBuilder().setClientOrderId("idem-restart").setStrategy("s1").setSymbol("AAA")
                    .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setNotionalE8(100 * E8).setDecisionPriceE8(1).build();
            RiskDecision first = c.submit(intent);
            assertThat(first.getVerdict()).isEqualTo(Verdict.APPROVED);
            await("filled and on record", Duration.ofSeconds(10), () -> c.fact("openPositions") == 2
                    && c.sql("SELECT count(*) FROM risk.decisions WHERE client_order_id = 'idem-restart'") == 1);
            trip(c, "CRITICAL", "a new decision would now be a denial");
            c.restartRisk();
            RiskDecision again = c.submit(intent);
            assertThat(again.getVerdict()).isEqualTo(first.getVerdict());
            assertThat(again.getApprovedQtyE8()).isEqualTo(first.getApprovedQtyE8());
            assertThat(again.getDetail()).isEqualTo(first.getDetail());
            long evaluated = c.fact("evaluations");
            await("several evaluations: a second order, if one were sent, would be filled by then",
                    Duration.ofSeconds(10), () -> c.fact("evaluations") >= evaluated + 5);
            assertThat(c.fact("fills")).isEqualTo(2);
            assertThat(c.fact("inFlight")).isZero();
            assertThat(c.sql("SELECT count(*) FROM risk.fills")).isEqualTo(2);
        }
    }
}
