package memesnipe.risk.ledger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import memesnipe.kit.ledger.DatabaseSettings;
import memesnipe.model.money.Fixed;
import memesnipe.kit.testing.TcpProxy;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.model.time.Clock;
import memesnipe.risk.breaker.BreakerRecord;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.CircuitBreaker;
import memesnipe.risk.breaker.Conditions;
import memesnipe.model.Tier;
import memesnipe.risk.breaker.Transition;
import memesnipe.model.Decision;
import memesnipe.model.DenyReason;
import memesnipe.model.FillEvent;
import memesnipe.model.Verdict;
import memesnipe.model.Side;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The risk ledger against a real PostgreSQL: migrations, init, breaker writes, the local journal, fills once. */
class RiskLedgerTest {
    static final long T0 = 1_700_000_000_000L;
    static final long CAPITAL = 10_000 * Fixed.ONE;
    Vertx vertx;
    Context ctx;
    TestDatabase db;
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        ctx = vertx.getOrCreateContext();
        db = TestDatabase.create();
        dir = Files.createTempDirectory("risk-ledger");
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        db.close();
    }

    /** Runs on the ledger's context (it is used from one event loop only) and waits for the result. */
    <T> T on(Supplier<Future<T>> work) throws Exception {
        Promise<T> p = Promise.promise();
        ctx.runOnContext(v -> work.get().onComplete(p));
        return p.future().await(30, TimeUnit.SECONDS);
    }

    RiskLedger open(DatabaseSettings settings) throws Exception {
        return on(() -> RiskLedger.open(vertx, settings, dir.resolve("risk-wal.log"), 10_000, Clock.system()));
    }

    Deployment init() throws Exception {
        return Deployments.init(vertx, db.settings(), CAPITAL, false, "test", T0).await(30, TimeUnit.SECONDS).deployment();
    }

    long count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void await(String what, Duration within, Check ok) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ok.ok()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within " + within + ": " + what);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    @Test
    void migrations_onAnEmptyDatabase_createEveryTableOfSchemaRisk_andNoDeployment() throws Exception {
        RiskLedger ledger = open(db.settings());
        Set<String> tables = new TreeSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'risk'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("deployment", "fills", "fill_cursor", "equity_curve", "trading_days", "breaker_state",
                "breaker_transitions", "decisions", "admin_audit", "quality_samples");
        assertThat(on(ledger::deployment)).as("never inferred: an empty ledger has no deployment").isEmpty();
        on(ledger::close);
    }

    @Test
    void init_createsADeploymentOnce_refusesASecond_andForceNewErasesRisksLedger() throws Exception {
        Deployment first = init();
        assertThat(first.initialCapitalE8()).isEqualTo(CAPITAL);
        assertThat(count("SELECT count(*) FROM risk.breaker_state WHERE tier = 'NORMAL' AND version = 1")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM risk.admin_audit WHERE action = 'INIT' AND actor = 'test'")).isEqualTo(1);
        assertThatThrownBy(() -> Deployments.init(vertx, db.settings(), CAPITAL, false, "test", T0 + 1)
                .await(30, TimeUnit.SECONDS)).isInstanceOf(Deployments.DeploymentExists.class)
                .hasMessageContaining(first.id()).hasMessageContaining("--force-new");

        RiskLedger ledger = open(db.settings());
        on(() -> {
            ledger.fill(new FillEvent("log", 1, "e1", "s", "SOL", Side.BUY, Fixed.ONE, 100 * Fixed.ONE, 0, T0), "STREAM", T0);
            return Future.succeededFuture();
        });
        await("fill written", Duration.ofSeconds(10), () -> count("SELECT count(*) FROM risk.fills") == 1);
        on(ledger::close);

        Deployments.Created second = Deployments.init(vertx, db.settings(), 500 * Fixed.ONE, true, "test", T0 + 2)
                .await(30, TimeUnit.SECONDS);
        assertThat(second.replaced()).map(Deployment::id).contains(first.id());
        assertThat(second.describe()).contains("replaced deployment " + first.id()).contains("500");
        assertThat(count("SELECT count(*) FROM risk.fills")).isZero();
        assertThat(count("SELECT count(*) FROM risk.deployment")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM risk.admin_audit WHERE action = 'INIT'")).as("the audit is kept").isEqualTo(2);
    }

    @Test
    void breakerWrite_readsBackEqual_withPeaksSuspensionsTransitionsAndTheQualityWindow() throws Exception {
        Deployment d = init();
        RiskLedger ledger = open(db.settings());
        CircuitBreaker b = new CircuitBreaker(BreakerThresholds.defaults(), CAPITAL, T0);
        List<Transition> made = new ArrayList<>();
        b.evaluate(9_000 * Fixed.ONE, Conditions.OK, T0 + 1).ifPresent(made::add);
        b.evaluateStrategy("s1", 900 * Fixed.ONE);
        b.evaluateStrategy("s1", 800 * Fixed.ONE);
        assertThat(b.tier()).isEqualTo(Tier.EMERGENCY);
        BreakerRecord r = b.export();
        BreakerWriter writer = on(() -> Future.succeededFuture(ledger.startBreakerWriter(d, new BreakerWriter.Source() {
            @Override
            public BreakerRecord state() {
                return r;
            }

            @Override
            public long equityE8() {
                return 9_000 * Fixed.ONE;
            }
        }, 1, null)));
        on(() -> {
            made.forEach(writer::transition);
            ledger.quality(new ExecutionQuality.Sample(T0, 40, 3, false));
            ledger.quality(new ExecutionQuality.Sample(T0 + 1, 4000, 0, true));
            return writer.audit(new BreakerWrite.Audit("a1", T0 + 2, "TRIP", "EMERGENCY", "drill", "CN=admin", "EMERGENCY"));
        });
        await("quality written", Duration.ofSeconds(10), () -> count("SELECT count(*) FROM risk.quality_samples") == 2);
        on(ledger::close);

        RiskLedger again = open(db.settings());
        RiskLedger.Recovered rec = on(() -> again.load(d, 50));
        assertThat(rec.breaker()).isPresent();
        assertThat(rec.breaker().get().record()).isEqualTo(r);
        assertThat(rec.breaker().get().version()).isEqualTo(2);
        assertThat(rec.transitions()).containsExactlyElementsOf(made);
        assertThat(rec.quality()).extracting(ExecutionQuality.Sample::latencyMs).containsExactly(40L, 4000L);
        assertThat(rec.newestSample()).map(BreakerWrite.EquitySample::equityE8).contains(9_000 * Fixed.ONE);
        assertThat(count("SELECT count(*) FROM risk.trading_days")).as("the day started with this write").isEqualTo(1);
        on(again::close);
    }

    @Test
    void qualityCleared_byAReset_isNotBroughtBackByARestart_butLaterSamplesAre() throws Exception {
        Deployment d = init();
        RiskLedger ledger = open(db.settings());
        on(() -> {
            for (int i = 0; i < 12; i++) {
                ledger.quality(new ExecutionQuality.Sample(T0 + i, 5_000, 0, true));
            }
            ledger.qualityCleared(T0 + 100);
            ledger.quality(new ExecutionQuality.Sample(T0 + 101, 40, 1, false));
            return Future.succeededFuture();
        });
        // the sample after the clear written and nothing else left (a first batch of one sample also counts 1 row)
        await("clear written", Duration.ofSeconds(10), () -> count("SELECT count(*) FROM risk.quality_samples") == 1
                && count("SELECT count(*) FROM risk.quality_samples WHERE latency_ms = 40") == 1);
        on(ledger::close);

        RiskLedger again = open(db.settings());
        RiskLedger.Recovered rec = on(() -> again.load(d, 50));
        assertThat(rec.quality()).extracting(ExecutionQuality.Sample::latencyMs).containsExactly(40L);
        on(again::close);
    }

    @Test
    void breakerWrite_whilePostgresIsCutOff_isAcknowledgedFromTheLocalJournal_thenDrainedIntoTheLedger() throws Exception {
        Deployment d = init();
        try (TcpProxy proxy = TcpProxy.to(TestDatabase.port())) {
            DatabaseSettings via = DatabaseSettings.of("127.0.0.1", proxy.port(), db.name(), TestDatabase.user());
            RiskLedger ledger = open(via);
            BreakerRecord tripped = new BreakerRecord("EMERGENCY", "manual trip: outage drill", T0, CAPITAL, CAPITAL, 1,
                    true, 2, T0, 0, Map.of(), Set.of(), 1);
            BreakerWriter writer = on(() -> Future.succeededFuture(ledger.startBreakerWriter(d, new BreakerWriter.Source() {
                @Override
                public BreakerRecord state() {
                    return tripped;
                }

                @Override
                public long equityE8() {
                    return CAPITAL;
                }
            }, 1, null)));
            proxy.cut();
            on(() -> writer.audit(new BreakerWrite.Audit("trip-1", T0, "TRIP", "EMERGENCY", "outage drill", "CN=admin",
                    "EMERGENCY")));
            assertThat(Files.readString(dir.resolve("risk-wal.log"))).contains("trip-1").contains("EMERGENCY");
            assertThat(count("SELECT count(*) FROM risk.admin_audit WHERE id = 'trip-1'")).isZero();
            assertThat(on(() -> Future.succeededFuture(ledger.pendingWrites()))).isEqualTo(1);
            assertThat(ledger.health().reachable()).isFalse();

            proxy.restore();
            await("drained into the ledger", Duration.ofSeconds(15),
                    () -> count("SELECT count(*) FROM risk.admin_audit WHERE id = 'trip-1'") == 1);
            assertThat(count("SELECT count(*) FROM risk.breaker_state WHERE tier = 'EMERGENCY' AND version = 2")).isEqualTo(1);
            await("journal emptied, nothing pending", Duration.ofSeconds(5), () -> Files.size(dir.resolve("risk-wal.log")) == 0
                    && on(() -> Future.succeededFuture(ledger.pendingWrites())) == 0);
            assertThat(ledger.health().reachable()).isTrue();
            on(ledger::close);
        }
    }

    @Test
    void journalLeftByACrash_isAppliedAtTheNextStart_butOneOfAnotherDeploymentIsNot() throws Exception {
        Deployment d = init();
        BreakerRecord tripped = new BreakerRecord("CRITICAL", "manual trip: before the crash", T0, CAPITAL, CAPITAL, 1,
                true, 2, T0, 0, Map.of(), Set.of(), 1);
        BreakerWrite w = new BreakerWrite(5, T0, tripped, List.of(), List.of(new BreakerWrite.Audit("trip-9", T0, "TRIP",
                "CRITICAL", "before the crash", "CN=admin", "CRITICAL")), new BreakerWrite.EquitySample(T0, CAPITAL, CAPITAL),
                null);
        BreakerWrite foreign = new BreakerWrite(99, T0, new BreakerRecord("NORMAL", "x", T0, CAPITAL, CAPITAL, 1, false, 2,
                T0, 0, Map.of(), Set.of(), 0), List.of(), List.of(), new BreakerWrite.EquitySample(T0, CAPITAL, CAPITAL), null);
        Path wal = dir.resolve("risk-wal.log");
        Files.writeString(wal, BreakerCodec.toJson(d.id(), w).encode() + "\n" + BreakerCodec.toJson("other", foreign).encode()
                + "\n{\"v\":1,\"deployment\":\"" + d.id() + "\",\"version\":6,\"sta"); // torn last line: never acknowledged
        RiskLedger ledger = open(db.settings());
        RiskLedger.Recovered rec = on(() -> ledger.load(d, 50));
        assertThat(rec.journalApplied()).isEqualTo(1);
        assertThat(rec.journalProblem()).isEmpty();
        assertThat(rec.breaker().get().record().tier()).isEqualTo("CRITICAL");
        assertThat(rec.breaker().get().version()).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM risk.admin_audit WHERE id = 'trip-9'")).isEqualTo(1);
        assertThat(Files.size(wal)).isZero();
        on(ledger::close);
    }

    @Test
    void demotionLeftInTheJournalByAnOutage_isAppliedAtTheNextStart_andReadBackWithItsReasons() throws Exception {
        Deployment d = init();
        BreakerRecord normal = new BreakerRecord("NORMAL", "start", T0, CAPITAL, CAPITAL, 1, false, 2, T0, 0, Map.of(),
                Set.of(), 0);
        BreakerWrite registered = new BreakerWrite(3, T0, normal, List.of(), List.of(),
                new BreakerWrite.EquitySample(T0, CAPITAL, CAPITAL), null, List.of(new BreakerWrite.StageWrite("r-1",
                "momentum_5m", "MOMENTUM", "LIVE", T0, 0, "", List.of(), T0)));
        BreakerWrite demoted = new BreakerWrite(4, T0 + 1_000, normal, List.of(), List.of(),
                new BreakerWrite.EquitySample(T0 + 1_000, CAPITAL, CAPITAL), null, List.of(new BreakerWrite.StageWrite(
                "c-1", "momentum_5m", "MOMENTUM", "SHADOW", T0 + 1_000, 1, "LIVE",
                List.of("max drawdown 6.10 % > 5.00 % (40 periods)"), T0 + 1_000)));
        Files.writeString(dir.resolve("risk-wal.log"), BreakerCodec.toJson(d.id(), registered).encode() + "\n"
                + BreakerCodec.toJson(d.id(), demoted).encode() + "\n");
        RiskLedger ledger = open(db.settings());

        RiskLedger.Recovered rec = on(() -> ledger.load(d, 50));

        assertThat(rec.journalApplied()).isEqualTo(2);
        assertThat(rec.stages()).singleElement().satisfies(w -> {
            assertThat(w.strategy()).isEqualTo("momentum_5m");
            assertThat(w.stage()).isEqualTo("SHADOW");
            assertThat(w.sinceMs()).isEqualTo(T0 + 1_000);
            assertThat(w.demotions()).isOne();
        });
        assertThat(rec.stageChanges()).singleElement().satisfies(w -> {
            assertThat(w.fromStage()).isEqualTo("LIVE");
            assertThat(w.stage()).isEqualTo("SHADOW");
            assertThat(w.reasons()).containsExactly("max drawdown 6.10 % > 5.00 % (40 periods)");
        });
        on(ledger::close);
    }

    @Test
    void sameFillWrittenTwice_orUnderTheSameClientOrderId_isOneRow_andReplaysInTheOrderApplied() throws Exception {
        init();
        RiskLedger ledger = open(db.settings());
        on(() -> {
            ledger.fill(new FillEvent("log", 2, "b", "s", "SOL", Side.BUY, Fixed.ONE, 100 * Fixed.ONE, 0, T0), "REPORT", T0);
            ledger.fill(new FillEvent("log", 1, "a", "s", "SOL", Side.BUY, Fixed.ONE, 100 * Fixed.ONE, 0, T0), "STREAM", T0);
            ledger.fill(new FillEvent("log", 2, "b", "s", "SOL", Side.BUY, Fixed.ONE, 100 * Fixed.ONE, 0, T0), "STREAM", T0);
            ledger.fill(new FillEvent("log2", 7, "b", "s", "SOL", Side.BUY, Fixed.ONE, 100 * Fixed.ONE, 0, T0), "STREAM", T0);
            ledger.cursor("log", 2, T0);
            return Future.succeededFuture();
        });
        await("written", Duration.ofSeconds(10), () -> count("SELECT count(*) FROM risk.fill_cursor WHERE seq = 2") == 1);
        assertThat(count("SELECT count(*) FROM risk.fills")).isEqualTo(2);
        List<String> order = new ArrayList<>();
        long n = on(() -> ledger.replayFills(f -> order.add(f.clientOrderId())));
        assertThat(n).isEqualTo(2);
        assertThat(order).containsExactly("b", "a");
        on(ledger::close);
    }

    @Test
    void fillsAndExitsInLots_replayInTheirLot_soARestartNeverRevaluesAPositionAThousandFold() throws Exception {
        init();
        RiskLedger ledger = open(db.settings());
        var exit = new memesnipe.model.OrderRequest("x-1", "s", "BABYDOGE", Side.SELL,
                memesnipe.model.Purpose.EXIT, 10_000 * Fixed.ONE, 3_000_000L, 0, 0, T0, 9);
        Decision exitDecision = new Decision("x-1", Verdict.APPROVED, DenyReason.NONE, "risk exit", 300 * Fixed.ONE,
                10_000 * Fixed.ONE, Tier.NORMAL, CAPITAL, 0, Optional.of(exit));
        on(() -> {
            ledger.fill(new FillEvent("log", 1, "m-1", "s", "BABYDOGE", Side.BUY, 20_000 * Fixed.ONE, 3_000_000L, 0, T0, 9),
                    "STREAM", T0);
            ledger.cursor("log", 1, T0);
            return ledger.decisionBeforeSending(exitDecision, "risk", "s", "BABYDOGE", "EXIT", T0);
        });
        await("written", Duration.ofSeconds(10), () -> count("SELECT count(*) FROM risk.fill_cursor WHERE seq = 1") == 1);
        List<FillEvent> replayed = new ArrayList<>();
        on(() -> ledger.replayFills(replayed::add));
        assertThat(replayed).singleElement().satisfies(f -> assertThat(f.lotExponent()).isEqualTo(9));
        assertThat(on(() -> ledger.openExits(0))).singleElement()
                .satisfies(x -> assertThat(x.lotExponent()).isEqualTo(9));
        on(ledger::close);
    }

    @Test
    void decisionsByCaller_aSecondCallersDecisionUnderTheSameId_neverReplacesTheFirst_queuedOrInTheTable()
            throws Exception {
        RiskLedger ledger = open(db.settings());
        init();
        Decision owners = new Decision("ord-1", Verdict.APPROVED, DenyReason.NONE, "approved", 100 * Fixed.ONE,
                Fixed.ONE, Tier.NORMAL, CAPITAL, 0, Optional.empty());
        Decision squatters = new Decision("ord-1", Verdict.DENIED, DenyReason.BREAKER_HALTED, "squatted", 0, 0,
                Tier.NORMAL, CAPITAL, 0, Optional.empty());
        ctx.runOnContext(v -> {
            ledger.decision(owners, "CN=strategy", "s1", "SOL", "ENTRY", T0);
            ledger.decision(squatters, "CN=intruder", "s1", "SOL", "ENTRY", T0 + 1);
        });
        var queued = on(() -> ledger.findDecision("ord-1")).orElseThrow();
        assertThat(queued.caller()).isEqualTo("CN=strategy");
        assertThat(queued.decision().detail()).isEqualTo("approved");
        await("written", Duration.ofSeconds(10), () -> count("SELECT count(*) FROM risk.decisions") == 1);
        RiskLedger reopened = open(db.settings());
        var stored = on(() -> reopened.findDecision("ord-1")).orElseThrow();
        assertThat(stored.caller()).isEqualTo("CN=strategy");
        assertThat(stored.decision().verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(stored.decision().approvedQtyE8()).isEqualTo(Fixed.ONE);
        assertThat(on(() -> reopened.findDecision("ord-2"))).isEmpty();
    }

    @Test
    void everyDecidedId_mayBeInTheLedger_afterAReopenToo_whileMostNewIdsCertainlyAreNot() throws Exception {
        RiskLedger ledger = open(db.settings());
        init();
        List<String> decided = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            decided.add("ord-" + i);
        }
        ctx.runOnContext(v -> decided.forEach(id -> ledger.decision(new Decision(id, Verdict.DENIED,
                DenyReason.BREAKER_HALTED, "halted", 0, 0, Tier.NORMAL, CAPITAL, 0, Optional.empty()), "CN=strategy",
                "s1", "SOL", "ENTRY", T0)));
        assertThat(on(() -> Future.succeededFuture(decided.stream().allMatch(ledger::mayHoldDecision))))
                .as("ids decided by this process, written or still queued").isTrue();
        await("written", Duration.ofSeconds(30), () -> count("SELECT count(*) FROM risk.decisions") == 3_000);

        RiskLedger reopened = open(db.settings());
        await("the decided ids read", Duration.ofSeconds(30),
                () -> on(() -> Future.succeededFuture(!reopened.mayHoldDecision("never-used-" + System.nanoTime()))));
        assertThat(on(() -> Future.succeededFuture(decided.stream().allMatch(reopened::mayHoldDecision))))
                .as("a restart knows every id in the ledger: none is decided anew").isTrue();
        long certainlyNew = on(() -> Future.succeededFuture(java.util.stream.IntStream.range(0, 10_000)
                .filter(i -> !reopened.mayHoldDecision("fresh-" + i)).count()));
        assertThat(certainlyNew).as("new ids skip the ledger lookup (false positives about 1 %%)")
                .isGreaterThan(9_500);
    }
}
