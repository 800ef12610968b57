package memesnipe.risk.promotion;

import memesnipe.model.Decision;
import memesnipe.model.DenyReason;
import memesnipe.model.Tier;
import memesnipe.model.Verdict;
import memesnipe.model.money.Fixed;
import memesnipe.performance.promotion.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static memesnipe.risk.promotion.Pipelines.entry;
import static memesnipe.risk.promotion.Pipelines.exit;
import static org.assertj.core.api.Assertions.assertThat;

/** Where the live engine sends each intent by its strategy's stage: the portfolio, the shadow book, or a denial. */
class StageRoutingTest extends LiveEngineFixture {
    @BeforeEach
    void setUp() {
        live = Pipelines.engine(Map.of("shadowy", Stage.SHADOW, "veteran", Stage.LIVE),
                List.of("shadowy", "veteran", "fresh"), transitions);
        tick("SOL", "100");
    }

    @Test
    void entryOfABacktestStrategy_isDeniedNotPromoted_namingTheStage_andItsExitIsNotRefusedForIt() {
        Decision in = live.submit(entry("f1", "fresh", "SOL", 100, now), now);
        Decision out = live.submit(exit("f2", "fresh", "SOL", now), now);

        assertThat(in.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(in.reason()).isEqualTo(DenyReason.STRATEGY_NOT_PROMOTED);
        assertThat(in.detail()).isEqualTo("strategy fresh is in BACKTEST, which places no orders: no backtest evidence "
                + "recorded yet (memesnipe promote --strategy fresh --data FILE runs the walk-forward and records it)");
        assertThat(out.reason()).as("an exit is decided, on what is held").isEqualTo(DenyReason.NO_POSITION);
    }

    @Test
    void exitOfARetiredStrategyHoldingALivePosition_isApprovedAndSent() {
        Decision in = live.submit(entry("v1", "veteran", "SOL", 100, now), now);
        Pipelines.fill(live, in, 1, now);
        live.promotion().orElseThrow().restore("veteran", Stage.RETIRED, now, 3, Optional.empty());

        assertThat(live.submit(entry("v2", "veteran", "SOL", 100, now), now).reason())
                .isEqualTo(DenyReason.STRATEGY_NOT_PROMOTED);
        Decision out = live.submit(exit("v3", "veteran", "SOL", now), now);
        assertThat(out.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(out.order()).as("sold on the venue, where the position is").isPresent();
    }

    @Test
    void shadowEntry_isSizedAsTheSameEntryOfALiveStrategy_butFilledOnTheShadowBook() {
        Decision liveOne = live.submit(entry("v1", "veteran", "SOL", 500, now), now);
        Decision shadowOne = live.submit(entry("s1", "shadowy", "SOL", 500, now), now);

        assertThat(shadowOne.verdict()).isEqualTo(liveOne.verdict()).isEqualTo(Verdict.RESIZED);
        assertThat(shadowOne.reason()).isEqualTo(liveOne.reason()).isEqualTo(DenyReason.PER_TRADE_CAP);
        assertThat(shadowOne.approvedNotionalE8()).isEqualTo(liveOne.approvedNotionalE8()).isEqualTo(200 * Pipelines.USD);
        assertThat(shadowOne.approvedQtyE8()).isEqualTo(liveOne.approvedQtyE8());
        assertThat(liveOne.order()).isPresent();
        assertThat(shadowOne.order()).isEmpty();
        assertThat(live.inFlightCount()).as("only the live order is in flight").isOne();
        assertThat(shadowBook().portfolio().qtyE8("shadowy", "SOL"))
                .isEqualTo(Fixed.parse("2"));
    }

    @Test
    void shadowEntry_meetsTheLiveBreaker_butItsExitDoesNot() {
        assertThat(live.submit(entry("s1", "shadowy", "SOL", 100, now), now).approved()).isTrue();
        live.trip(Tier.CRITICAL, "drill", now);

        Decision in = live.submit(entry("s2", "shadowy", "SOL", 100, now), now);
        Decision out = live.submit(exit("s3", "shadowy", "SOL", now), now);

        assertThat(in.reason()).isEqualTo(DenyReason.BREAKER_REDUCE_ONLY);
        assertThat(out.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(shadowBook().portfolio().qtyE8("shadowy", "SOL")).isZero();
    }

    @Test
    void shadowEntryInWarning_isScaledByTheLiveBreakersSizeMultiplier() {
        live.trip(Tier.WARNING, "drill", now);

        Decision d = live.submit(entry("s1", "shadowy", "SOL", 100, now), now);

        assertThat(d.approvedNotionalE8()).isEqualTo(50 * Pipelines.USD);
        assertThat(d.detail()).contains("x50% (live breaker WARNING)");
    }

    @Test
    void shadowStopLoss_firesOnTheShadowBook_andSendsNothingLive() {
        live.submit(entry("s1", "shadowy", "SOL", 100, now), now);
        now += 1_000;

        assertThat(live.onTick("SOL", 94 * Pipelines.USD, 0, ++seq, 0, now, now)).as("live exits").isEmpty();

        assertThat(shadowBook().portfolio().qtyE8("shadowy", "SOL")).isZero();
        assertThat(live.portfolio().fillCount()).isZero();
    }
}
