package memesnipe.risk.node;

import io.vertx.grpc.common.GrpcStatus;
import memesnipe.kit.grpc.Calls;
import memesnipe.performance.ConfidenceInterval;
import memesnipe.performance.EdgeSignificance;
import memesnipe.performance.Figure;
import memesnipe.performance.Sampling;
import memesnipe.performance.Significance;
import memesnipe.performance.promotion.Evidence;
import memesnipe.risk.EvidenceWire;
import memesnipe.risk.RiskConfig;
import memesnipe.risk.promotion.ShadowBook;
import memesnipe.v1.BacktestEvidence;
import memesnipe.v1.DenyReason;
import memesnipe.v1.ListStrategiesRequest;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.StrategyList;
import memesnipe.v1.StrategyView;
import memesnipe.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static memesnipe.risk.node.RiskCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The promotion pipeline in the risk node, over real gRPC, on its real PostgreSQL ledger: a new strategy starts in
 * BACKTEST and its entries are denied; the operator's backtest evidence moves it to SHADOW, durably, with its
 * reasons; a shadow entry is approved and filled on the shadow book, never on the venue; and a restart puts every
 * strategy back where it was, its last change and the breaker's history with it.
 */
class PromotionNodeTest {
    static final long E8 = 100_000_000L;

    /** Evidence that passes every backtest gate by a margin, measured well before now. */
    static Evidence passing() {
        long to = System.currentTimeMillis() - 60_000;
        return new Evidence(to - 60 * Sampling.HOUR_MS, to, Sampling.hourly(), 60, Figure.of(2.5),
                new ConfidenceInterval.Range(1.8, 3.1, 2_000), 60, 42, new ConfidenceInterval.Range(0.58, 0.81, 2_000),
                Figure.of(0.02), 0, 0, new Significance(EdgeSignificance.TEST, Figure.of(0.01), 60, 2_000, 1));
    }

    static StrategyList strategies(RiskCluster c) throws Exception {
        return Calls.unary(c.admin, c.risk, RiskGrpcClient.ListStrategies, ListStrategiesRequest.getDefaultInstance(),
                5000).await(10, TimeUnit.SECONDS);
    }

    static StrategyView strategy(RiskCluster c, String name) throws Exception {
        return strategies(c).getStrategiesList().stream().filter(s -> s.getStrategy().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void newStrategy_isPromotedByBacktestEvidence_tradesInShadowOnly_andKeepsItsStageAcrossARestart() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of(RiskConfig.STRATEGIES_KEY, "s1,probe,newbie",
                RiskConfig.STRATEGY_STAGES_KEY, "s1=LIVE,probe=LIVE"))) {
            c.market.hold(DurableRiskTest.prices(100 * E8, 100 * E8, 100 * E8));
            DurableRiskTest.pricedAndConnected(c);
            StrategyList before = strategies(c);
            assertThat(before.getPromotion()).isTrue();
            assertThat(before.getStrategiesList()).extracting(StrategyView::getStrategy, StrategyView::getStage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", "LIVE"),
                            org.assertj.core.groups.Tuple.tuple("probe", "LIVE"),
                            org.assertj.core.groups.Tuple.tuple("newbie", "BACKTEST"));
            assertThat(c.sqlText("SELECT stage FROM risk.strategy_stages WHERE strategy = 'newbie'"))
                    .as("the initial stage is written down").isEqualTo("BACKTEST");
            RiskDecision denied = c.entry("newbie", "CCC", 10);
            assertThat(denied.getReason()).isEqualTo(DenyReason.STRATEGY_NOT_PROMOTED);
            assertThat(denied.getDetail()).contains("newbie is in BACKTEST");

            BacktestEvidence evidence = BacktestEvidence.newBuilder().setStrategy("newbie")
                    .setEvidence(EvidenceWire.toWire(passing())).setSource("test").build();
            assertThatThrownBy(() -> Calls.unary(c.client, c.risk, RiskGrpcClient.RecordBacktestEvidence, evidence,
                    5000).await(10, TimeUnit.SECONDS)).as("the strategy node's certificate may not")
                    .isInstanceOfSatisfying(Calls.CallFailed.class,
                            e -> assertThat(e.status()).isEqualTo(GrpcStatus.PERMISSION_DENIED));
            StrategyView promoted = Calls.unary(c.admin, c.risk, RiskGrpcClient.RecordBacktestEvidence, evidence, 5000)
                    .await(10, TimeUnit.SECONDS);

            assertThat(promoted.getStage()).isEqualTo("SHADOW");
            assertThat(promoted.getLastChange().getText()).startsWith("newbie BACKTEST -> SHADOW: Sharpe (annualized) "
                    + "2.50 >= 1.50 (60 periods); win rate 70.00 % > 55.00 % (60 trades); p-value of the edge 0.010 "
                    + "<= 0.050 (60 periods)");
            assertThat(promoted.getGatesList()).extracting(g -> g.getGate() + " " + g.getOutcome())
                    .containsExactly("SHARPE PASS", "WIN_RATE PASS", "SIGNIFICANCE PASS");
            assertThat(promoted.getGates(0).getCi().getLow()).isEqualTo(1.8);
            // durable before the answer
            assertThat(c.sqlText("SELECT stage FROM risk.strategy_stages WHERE strategy = 'newbie'")).isEqualTo("SHADOW");
            assertThat(c.sqlText("SELECT array_to_string(reasons, ' | ') FROM risk.stage_changes WHERE strategy = "
                    + "'newbie' AND from_stage = 'BACKTEST' AND to_stage = 'SHADOW'"))
                    .startsWith("Sharpe (annualized) 2.50 >= 1.50 (60 periods) | win rate 70.00 %");

            long fills = c.fact("fills");
            // the shadow book is fed ticks only while a strategy is in SHADOW: it prices CCC from the next tick on
            RiskDecision[] first = new RiskDecision[1];
            await("the shadow book's first CCC tick after the promotion", Duration.ofSeconds(10), () -> {
                first[0] = c.entry("newbie", "CCC", 10);
                return first[0].getReason() != DenyReason.NO_MARKET_DATA;
            });
            RiskDecision shadow = first[0];
            assertThat(shadow.getVerdict()).as(shadow.getReason() + ": " + shadow.getDetail()).isEqualTo(Verdict.APPROVED);
            assertThat(shadow.getDetail()).startsWith(ShadowBook.DETAIL_PREFIX);
            RiskDecision shadowExit = DurableRiskTest.exit(c, "newbie-x1", "newbie", "CCC");
            assertThat(shadowExit.getVerdict()).isEqualTo(Verdict.APPROVED);
            assertThat(shadowExit.getDetail()).startsWith(ShadowBook.DETAIL_PREFIX);
            await("both on record as shadow decisions", Duration.ofSeconds(10), () -> c.sql("SELECT count(*) FROM "
                    + "risk.decisions WHERE strategy = 'newbie' AND outcome = 'SHADOW'") == 2);
            assertThat(c.fact("fills")).as("nothing reached the venue").isEqualTo(fills);
            assertThat(c.fact("inFlight")).isZero();

            long since = promoted.getSinceMs();
            c.restartRisk();
            assertThat(c.fact("resentExits")).as("a shadow exit is never asked of the venue").isZero();
            assertThat(c.fact("fills")).isEqualTo(fills);
            StrategyView after = strategy(c, "newbie");
            assertThat(after.getStage()).as("a restart moves no one").isEqualTo("SHADOW");
            assertThat(after.getSinceMs()).isEqualTo(since);
            assertThat(after.getLastChange().getText()).isEqualTo(promoted.getLastChange().getText());
            assertThat(strategy(c, "s1").getStage()).isEqualTo("LIVE");
            assertThat(c.breaker().getStageChangesList()).singleElement()
                    .satisfies(s -> assertThat(s.getText()).isEqualTo(promoted.getLastChange().getText()));
            await("the node lists its stages", Duration.ofSeconds(5), () -> c.status().getFactsOrThrow("promotion")
                    .equals("s1=LIVE,probe=LIVE,newbie=SHADOW"));
            assertThat(c.sql("SELECT count(*) FROM risk.stage_changes")).isOne();
        }
    }

    @Test
    void promotionOff_listsEveryStrategyLive_andRefusesEvidence() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of(RiskConfig.PROMOTION_KEY, "off"))) {
            StrategyList list = strategies(c);
            assertThat(list.getPromotion()).isFalse();
            assertThat(list.getStrategiesList()).extracting(StrategyView::getStage).containsOnly("LIVE");
            assertThatThrownBy(() -> Calls.unary(c.admin, c.risk, RiskGrpcClient.RecordBacktestEvidence,
                    BacktestEvidence.newBuilder().setStrategy("s1").setEvidence(EvidenceWire.toWire(passing())).build(),
                    5000).await(10, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(Calls.CallFailed.class,
                            e -> assertThat(e.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION));
            assertThat(c.sql("SELECT count(*) FROM risk.strategy_stages")).isZero();
        }
    }
}
