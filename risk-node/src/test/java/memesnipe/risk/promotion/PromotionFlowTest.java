package memesnipe.risk.promotion;

import memesnipe.model.Decision;
import memesnipe.model.DenyReason;
import memesnipe.model.money.Fixed;
import memesnipe.performance.MetricsConfig;
import memesnipe.performance.Sampling;
import memesnipe.performance.promotion.Evidence;
import memesnipe.performance.promotion.Gate;
import memesnipe.performance.promotion.GateResult;
import memesnipe.performance.promotion.Promotion;
import memesnipe.performance.promotion.PromotionGates;
import memesnipe.performance.promotion.Stage;
import memesnipe.performance.promotion.StageChange;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.engine.RiskEngine;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static memesnipe.risk.promotion.Pipelines.CAPITAL;
import static memesnipe.risk.promotion.Pipelines.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on a planted edge, with a manual clock: the edge's backtest evidence promotes it to SHADOW; its
 * shadow evidence and the (configured, two-hour) minimum shadow period promote it to LIVE, where it trades on the
 * portfolio; when the edge decays, its live figures fail the gates and demote it, with the figures as the reason. A strategy without an
 * edge never leaves BACKTEST, and its entries are denied all along.
 */
class PromotionFlowTest {
    static final long HOUR = Sampling.HOUR_MS;
    static final long T1 = T0 + 24 * HOUR;
    static final PromotionGates GATES = PromotionGates.defaults().withMinShadowMs(2 * HOUR);
    static final MetricsConfig MINUTE_RETURNS = new MetricsConfig(new Sampling(Sampling.MINUTE_MS), 500, 7);

    final List<StageChange> changes = new ArrayList<>();
    final List<Promotion> after = new ArrayList<>();

    /**
     * The backtest: 60 cycles of the strategy on an engine of its own (no pipeline), its curve, trades and (no)
     * latencies measured as risk measures shadow and live evidence.
     */
    static Evidence backtest(String strategy, String symbol, boolean alternate) {
        RiskEngine engine = new RiskEngine(RiskLimits.defaults(), BreakerThresholds.defaults(),
                ExecutionQuality.Limits.defaults(), CAPITAL, T0, t -> { });
        PlantedMarket m = new PlantedMarket(engine, T0);
        StageEvidence evidence = new StageEvidence(T0, Fixed.bps(CAPITAL, 1_000), 0, 10_000, 14 * Sampling.DAY_MS);
        int seen = 0;
        for (int k = 0; k < 60; k++) {
            m.cycle(strategy, symbol, alternate && k % 2 == 1 ? -0.01 : 0.01);
            for (; seen < m.fills.size(); seen++) {
                evidence.fill(m.fills.get(seen), -1);
            }
            evidence.sample(m.now, engine.portfolio().strategyPnlE8(strategy));
        }
        return evidence.measure(m.now, MINUTE_RETURNS);
    }

    @Test
    void plantedEdge_goesBacktestShadowLive_andIsDemotedWhenItDecays_whileNoEdgeNeverLeavesBacktest() {
        PromotionSettings settings = new PromotionSettings(GATES, Map.of(), Map.of(), 5 * 60_000, 10_000,
                14 * Sampling.DAY_MS, MINUTE_RETURNS, Pipelines.COSTS);
        RiskEngine live = Pipelines.engine(settings, List.of("edge", "noedge"), new ArrayList<>(), T1);
        StrategyPipeline pipeline = live.promotion().orElseThrow().onStageChange((c, p) -> {
            changes.add(c);
            after.add(p);
        });
        PlantedMarket market = new PlantedMarket(live, T1);

        // BACKTEST -> SHADOW on the edge's backtest evidence; the no-edge strategy's fails and it stays
        pipeline.recordBacktest("edge", backtest("edge", "EDGE", false), T1, live.portfolio());
        StrategyReport noEdge = pipeline.recordBacktest("noedge", backtest("noedge", "NOEDGE", true), T1,
                live.portfolio()).orElseThrow();
        assertThat(pipeline.stage("edge")).isEqualTo(Stage.SHADOW);
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.text())
                .startsWith("edge BACKTEST -> SHADOW: Sharpe (annualized) "));
        assertThat(noEdge.stage()).isEqualTo(Stage.BACKTEST);
        assertThat(noEdge.gates()).filteredOn(GateResult::failed).extracting(GateResult::gate)
                .containsExactly(Gate.SHARPE, Gate.WIN_RATE, Gate.SIGNIFICANCE);
        assertThat(noEdge.why()).startsWith("its backtest evidence does not pass: Sharpe (annualized) ")
                .contains("win rate 50.00 % <= 55.00 % (60 trades)");

        // SHADOW -> LIVE once the shadow evidence passes and two hours have passed; nothing trades live before
        long shadowSince = T1;
        while (pipeline.stage("edge") == Stage.SHADOW && market.now < T1 + 4 * HOUR) {
            market.cycle("edge", "EDGE", 0.01);
            market.cycle("noedge", "NOEDGE", 0.01);
            if (pipeline.stage("edge") == Stage.SHADOW) {
                assertThat(live.portfolio().fillCount()).as("no live fill in shadow").isZero();
                assertThat(live.equityE8()).isEqualTo(CAPITAL);
            }
        }
        assertThat(pipeline.stage("edge")).isEqualTo(Stage.LIVE);
        StageChange promoted = changes.get(1);
        assertThat(promoted.from()).isEqualTo(Stage.SHADOW);
        assertThat(promoted.atMs() - shadowSince).as("the minimum shadow period").isGreaterThanOrEqualTo(2 * HOUR)
                .isLessThan(2 * HOUR + 10 * 60_000);
        assertThat(promoted.reasons()).map(r -> ((GateResult) r).gate()).containsExactly(Gate.SHARPE, Gate.WIN_RATE,
                Gate.MAX_DRAWDOWN, Gate.AVERAGE_LATENCY, Gate.SIGNIFICANCE, Gate.SHADOW_PERIOD);
        assertThat(promoted.text()).contains("average decision-to-fill latency 50.0 ms <= 500.0 ms");

        // LIVE: it trades on the portfolio; then its edge decays and its drawdown demotes it
        for (int k = 0; k < 5; k++) {
            market.cycle("edge", "EDGE", 0.01);
        }
        assertThat(live.portfolio().fillCount()).as("live fills: 5 round trips").isEqualTo(10);
        assertThat(pipeline.stage("edge")).isEqualTo(Stage.LIVE);
        for (int k = 0; k < 60 && pipeline.stage("edge") == Stage.LIVE; k++) {
            market.cycle("edge", "EDGE", -0.02);
        }
        assertThat(pipeline.stage("edge")).isEqualTo(Stage.SHADOW);
        StageChange demoted = changes.get(2);
        assertThat(demoted.from()).isEqualTo(Stage.LIVE);
        assertThat(demoted.reasons()).as("only failures demote").allSatisfy(r -> assertThat(((GateResult) r).failed())
                .isTrue());
        assertThat(demoted.reasons()).map(r -> ((GateResult) r).gate()).contains(Gate.SHARPE);
        assertThat(demoted.text()).matches("edge LIVE -> SHADOW: Sharpe \\(annualized\\) -\\d+\\.\\d\\d < 1\\.50 "
                + "\\(\\d+ periods\\).*");
        assertThat(after.get(2).demotions()).isOne();
        long liveFills = live.portfolio().fillCount();
        market.cycle("edge", "EDGE", 0.01);
        assertThat(market.decisions.get(market.decisions.size() - 2).detail()).as("its entries go to the shadow book")
                .startsWith(ShadowBook.DETAIL_PREFIX);
        assertThat(live.portfolio().fillCount()).isEqualTo(liveFills);

        // the strategy without an edge: never moved, every entry denied with the typed reason
        assertThat(pipeline.stage("noedge")).isEqualTo(Stage.BACKTEST);
        assertThat(changes).extracting(StageChange::strategy).containsOnly("edge");
        List<Decision> noEdgeEntries = market.decisions.stream()
                .filter(d -> d.clientOrderId().startsWith("noedge-e")).toList();
        assertThat(noEdgeEntries).hasSizeGreaterThanOrEqualTo(30)
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DenyReason.STRATEGY_NOT_PROMOTED));
        assertThat(market.fills).noneMatch(f -> f.strategy().equals("noedge"));
    }
}
