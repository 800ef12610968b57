package memesnipe.risk.engine;

import memesnipe.model.Side;
import memesnipe.model.Purpose;
import memesnipe.model.Verdict;
import memesnipe.model.DenyReason;
import memesnipe.model.Decision;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.FillEvent;

import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.model.Tier;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskEngineTest {
    static final long T0 = 1_700_000_000_000L;
    static final long USD = Fixed.ONE;
    long now;
    long fillSeq;
    RiskEngine engine;

    @BeforeEach
    void setUp() {
        now = T0;
        engine = new RiskEngine(RiskLimits.defaults(), BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(),
                10_000 * USD, now, t -> { });
        engine.onTick("SOL", 100 * USD, now, now);
        engine.onTick("BONK", USD / 1000, now, now);
    }

    static Intent entry(String id, String strategy, String symbol, long notionalUsd) {
        return new Intent(id, strategy, symbol, Side.BUY, Purpose.ENTRY, notionalUsd * USD, 100 * USD, 1, T0, 0, 0, 0);
    }

    static Intent exit(String id, String strategy, String symbol) {
        return new Intent(id, strategy, symbol, Side.SELL, Purpose.EXIT, 0, 100 * USD, 2, T0, 0, 0, 0);
    }

    /** Fills an approved order at its reference price, as the paper venue would without slippage. */
    List<OrderRequest> fill(OrderRequest o) {
        return engine.onFill(new FillEvent("", ++fillSeq, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), o.qtyE8(),
                o.referencePriceE8(), 0, now), now);
    }

    @Test
    void submit_smallEntryInNormal_isApprovedAtFullSize() {
        Decision d = engine.submit(entry("a1", "momentum_5m", "SOL", 150), now);
        assertThat(d.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(d.approvedNotionalE8()).isEqualTo(150 * USD);
        assertThat(d.approvedQtyE8()).isEqualTo(Fixed.parse("1.5"));
        assertThat(d.order()).isPresent();
    }

    @Test
    void submit_entryAboveTwoPercentOfEquity_isResizedToThePerTradeCap() {
        Decision d = engine.submit(entry("a1", "momentum_5m", "SOL", 500), now);
        assertThat(d.verdict()).isEqualTo(Verdict.RESIZED);
        assertThat(d.reason()).isEqualTo(DenyReason.PER_TRADE_CAP);
        assertThat(d.approvedNotionalE8()).isEqualTo(200 * USD);
    }

    @Test
    void submit_entriesBeyondTenPercentPerStrategy_areResizedThenDenied() {
        long total = 0;
        String[] symbols = {"SOL", "BONK"};
        for (int i = 0; i < 12; i++) {
            now += 1000;
            engine.onTick("SOL", 100 * USD, now, now);
            engine.onTick("BONK", USD / 1000, now, now);
            Decision d = engine.submit(entry("e" + i, "momentum_5m", symbols[i % 2], 200), now);
            if (d.approved()) {
                total += d.approvedNotionalE8();
                fill(d.order().orElseThrow());
            } else {
                assertThat(d.reason()).isEqualTo(DenyReason.STRATEGY_CAP);
            }
        }
        assertThat(total).isLessThanOrEqualTo(1_000 * USD).isGreaterThan(990 * USD);
        assertThat(engine.portfolio().exposureE8("momentum_5m")).isLessThanOrEqualTo(1_000 * USD);
        Decision other = engine.submit(entry("o1", "mean_revert_1h", "SOL", 100), now);
        assertThat(other.verdict()).as("another strategy has its own room").isEqualTo(Verdict.APPROVED);
    }

    @Test
    void submit_whenBreakerWarning_scalesEntrySizeByHalf() {
        engine.trip(Tier.WARNING, "test", now);
        Decision d = engine.submit(entry("a1", "momentum_5m", "SOL", 100), now);
        assertThat(d.verdict()).isEqualTo(Verdict.RESIZED);
        assertThat(d.reason()).isEqualTo(DenyReason.BREAKER_SIZE_SCALED);
        assertThat(d.approvedNotionalE8()).isEqualTo(50 * USD);
    }

    @Test
    void submit_whenBreakerCritical_deniesRiskIncreasingOrder_butApprovesExit() {
        OrderRequest held = engine.submit(entry("a1", "momentum_5m", "SOL", 100), now).order().orElseThrow();
        fill(held);
        engine.trip(Tier.CRITICAL, "test", now);
        Decision in = engine.submit(entry("a2", "mean_revert_1h", "BONK", 100), now);
        assertThat(in.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(in.reason()).isEqualTo(DenyReason.BREAKER_REDUCE_ONLY);
        Decision out = engine.submit(exit("x1", "momentum_5m", "SOL"), now);
        assertThat(out.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(out.approvedQtyE8()).isEqualTo(held.qtyE8());
    }

    @Test
    void trip_emergency_flattensEveryPositionAtOnce_andDeniesEntries() {
        fill(engine.submit(entry("a1", "momentum_5m", "SOL", 100), now).order().orElseThrow());
        fill(engine.submit(entry("a2", "mean_revert_1h", "BONK", 100), now).order().orElseThrow());
        List<OrderRequest> exits = engine.trip(Tier.EMERGENCY, "drill", now);
        assertThat(exits).hasSize(2).allMatch(o -> o.purpose() == Purpose.EXIT && o.side() == Side.SELL);
        assertThat(engine.onTimer(now + 1)).as("no duplicate exits while the first are in flight").isEmpty();
        exits.forEach(this::fill);
        assertThat(engine.portfolio().openPositions()).isZero();
        assertThat(engine.submit(entry("a3", "momentum_5m", "SOL", 100), now).reason()).isEqualTo(DenyReason.BREAKER_HALTED);
        engine.reset("drill over", now);
        now += 10;
        engine.onTick("SOL", 100 * USD, now, now);
        assertThat(engine.submit(entry("a4", "momentum_5m", "SOL", 100), now).approved()).isTrue();
    }

    @Test
    void submit_sameClientOrderIdTwice_returnsTheFirstDecision_andOneOrder() {
        Decision first = engine.submit(entry("dup", "momentum_5m", "SOL", 100), now);
        Decision second = engine.submit(entry("dup", "momentum_5m", "SOL", 100), now);
        assertThat(second).isSameAs(first);
        assertThat(engine.inFlightCount()).isEqualTo(1);
    }

    @Test
    void submit_withoutFreshPrice_deniesEntryForNoMarketData() {
        assertThat(engine.submit(entry("a1", "momentum_5m", "WIF", 100), now).reason()).isEqualTo(DenyReason.NO_MARKET_DATA);
        now += 2001;
        assertThat(engine.submit(entry("a2", "momentum_5m", "SOL", 100), now).reason()).isEqualTo(DenyReason.NO_MARKET_DATA);
    }

    @Test
    void submit_exitWithoutPosition_isDeniedNoPosition() {
        assertThat(engine.submit(exit("x", "momentum_5m", "SOL"), now).reason()).isEqualTo(DenyReason.NO_POSITION);
    }

    @Test
    void submit_entriesAboveTheRate_areThrottled_butExitsNeverAre() {
        RiskLimits d = RiskLimits.defaults();
        engine = new RiskEngine(new RiskLimits(d.perTradeBps(), d.strategyCapBps(), d.symbolCapBps(), d.grossCapBps(),
                100, d.minNotionalE8(), d.markMaxAgeMs(), d.heldStaleMs(), 1, 2, d.portfolioStopBps(),
                d.defaultStopLossBps(), d.maxOrderNotionalE8()), BreakerThresholds.defaults(), ExecutionQuality.Limits.defaults(), 10_000 * USD, now,
                t -> { });
        String[] symbols = {"A", "B", "C", "D"};
        for (String s : symbols) {
            engine.onTick(s, 10 * USD, now, now);
        }
        assertThat(engine.submit(entry("1", "s", "A", 10), now).approved()).isTrue();
        assertThat(engine.submit(entry("2", "s", "B", 10), now).approved()).isTrue();
        assertThat(engine.submit(entry("3", "s", "C", 10), now).reason()).isEqualTo(DenyReason.RATE_LIMITED);
        fill(engine.inFlightOrders().get(0));
        fill(engine.inFlightOrders().get(0));
        assertThat(engine.submit(exit("x1", "s", "A"), now).approved()).isTrue();
        assertThat(engine.submit(exit("x2", "s", "B"), now).approved()).isTrue();
    }

    @Test
    void malformedIntent_isRejectedWithEveryProblem() {
        Intent bad = new Intent("", "", "SOL", Side.SELL, Purpose.ENTRY, -1, 0, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> engine.submit(bad, now)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client_order_id").hasMessageContaining("strategy is required")
                .hasMessageContaining("BUY").hasMessageContaining("notional_e8");
    }

    @Test
    void stopLoss_firesAnExitFromTheTickStream() {
        Intent withStop = new Intent("a1", "momentum_5m", "SOL", Side.BUY, Purpose.ENTRY, 100 * USD, 100 * USD, 1, T0,
                300, 600, 0);
        fill(engine.submit(withStop, now).order().orElseThrow());
        assertThat(engine.onTick("SOL", Fixed.parse("97.01"), now, now)).isEmpty();
        List<OrderRequest> exits = engine.onTick("SOL", 97 * USD, now, now);
        assertThat(exits).singleElement().satisfies(o -> {
            assertThat(o.purpose()).isEqualTo(Purpose.EXIT);
            assertThat(o.qtyE8()).isEqualTo(Fixed.ONE);
        });
    }

    @Test
    void riskOwnExits_nameTheGatewayEventBehindTheMark_soThePaperVenueFillsThemAtItsPrice() {
        Intent withStop = new Intent("a1", "momentum_5m", "SOL", Side.BUY, Purpose.ENTRY, 100 * USD, 100 * USD, 1, T0,
                300, 600, 0);
        fill(engine.submit(withStop, now).order().orElseThrow());
        engine.onTick("SOL", Fixed.parse("99"), 0, 41, now, now);
        engine.onTick("BONK", USD / 1000, 0, 42, now, now); // another symbol's event does not move SOL's
        assertThat(engine.onTick("SOL", 97 * USD, 0, 43, now, now))
                .singleElement().satisfies(o -> assertThat(o.decisionSeq()).isEqualTo(43));
        engine.submit(new Intent("a2", "s2", "SOL", Side.BUY, Purpose.ENTRY, 100 * USD, 97 * USD, 43, T0, 0, 0, 0),
                now).order().ifPresent(this::fill);
        engine.onTick("SOL", 97 * USD, 0, 44, now, now);
        assertThat(engine.trip(Tier.EMERGENCY, "drill", now)) // the flatten is decided on SOL's latest mark
                .isNotEmpty().allSatisfy(o -> assertThat(o.decisionSeq()).isEqualTo(44));
    }

    @Test
    void takeProfitAndTrailingStop_fireFromTheTickStream() {
        Intent tp = new Intent("a1", "s1", "SOL", Side.BUY, Purpose.ENTRY, 100 * USD, 100 * USD, 1, T0, 300, 500, 0);
        fill(engine.submit(tp, now).order().orElseThrow());
        assertThat(engine.onTick("SOL", Fixed.parse("104.99"), now, now)).isEmpty();
        assertThat(engine.onTick("SOL", 105 * USD, now, now)).hasSize(1);

        Intent trail = new Intent("b1", "s2", "BONK", Side.BUY, Purpose.ENTRY, 100 * USD, USD / 1000, 1, T0, 0, 0, 200);
        fill(engine.submit(trail, now).order().orElseThrow());
        engine.onTick("BONK", USD / 1000 * 12 / 10, now, now);   // high water 0.0012
        assertThat(engine.onTick("BONK", 117_700, now, now)).isEmpty();   // -1.9 %
        assertThat(engine.onTick("BONK", 117_600, now, now)).hasSize(1);  // -2.0 % from the high
    }

    @Test
    void positionEqualsSumOfFills_andEquityIsMarkedToMarket() {
        OrderRequest o = engine.submit(entry("a1", "s", "SOL", 100), now).order().orElseThrow();
        engine.onFill(new FillEvent("", 1, o.clientOrderId(), "s", "SOL", Side.BUY, Fixed.parse("0.6"), 100 * USD, 0, now), now);
        engine.onFill(new FillEvent("", 2, "other", "s", "SOL", Side.BUY, Fixed.parse("0.4"), 100 * USD, 0, now), now);
        engine.onFill(new FillEvent("", 2, "other", "s", "SOL", Side.BUY, Fixed.parse("0.4"), 100 * USD, 0, now), now);
        assertThat(engine.portfolio().qtyE8("s", "SOL")).as("a replayed fill seq is applied once").isEqualTo(Fixed.ONE);
        engine.onTick("SOL", 90 * USD, now, now);
        assertThat(engine.portfolio().equityE8()).isEqualTo(9_990 * USD);
        assertThat(engine.breaker().drawdownBps()).isEqualTo(10);
    }

    @Test
    void fillsFromANewExecutorLog_areApplied_evenWithLowerSequenceNumbers() {
        engine.onFill(new FillEvent("log-a", 7, "x1", "s", "SOL", Side.BUY, Fixed.ONE, 100 * USD, 0, now), now);
        engine.onFill(new FillEvent("log-a", 7, "x1", "s", "SOL", Side.BUY, Fixed.ONE, 100 * USD, 0, now), now);
        engine.onFill(new FillEvent("log-b", 1, "x2", "s", "SOL", Side.BUY, Fixed.ONE, 100 * USD, 0, now), now);
        assertThat(engine.portfolio().qtyE8("s", "SOL")).isEqualTo(2 * Fixed.ONE);
        assertThat(engine.portfolio().fillLogId()).isEqualTo("log-b");
    }

    @Test
    void failedExit_isSentAgainUnderANewId_afterABackoff_untilThePositionIsFlat() {
        OrderRequest entry = engine.submit(entry("a1", "s", "SOL", 100), now).order().orElseThrow();
        fill(entry);
        OrderRequest exit = engine.submit(exit("x1", "s", "SOL"), now).order().orElseThrow();
        assertThat(engine.onOrderFailed(exit.clientOrderId(), now)).as("not at once: back off").isEmpty();
        assertThat(engine.onTimer(now + 100)).isEmpty();
        List<OrderRequest> retry = engine.onTimer(now + 250);
        assertThat(retry).singleElement().satisfies(o -> {
            assertThat(o.clientOrderId()).isNotEqualTo(exit.clientOrderId());
            assertThat(o.qtyE8()).isEqualTo(entry.qtyE8());
            assertThat(o.purpose()).isEqualTo(Purpose.EXIT);
        });
        assertThat(engine.onOrderFailed(retry.get(0).clientOrderId(), now + 250)).isEmpty();
        assertThat(engine.onTimer(now + 700)).as("second failure waits 500 ms").isEmpty();
        List<OrderRequest> third = engine.onTimer(now + 750);
        assertThat(third).hasSize(1);
        fill(third.get(0));
        assertThat(engine.portfolio().openPositions()).isZero();
        assertThat(engine.onTimer(now + 10_000)).isEmpty();
    }

    @Test
    void exitLargerThanTheMaxOrderNotional_goesOutInPieces_thatSumToThePosition() {
        // 950 USD of SOL held (two fills), exits are capped at 900 USD per order
        engine.onFill(new FillEvent("", 1, "e1", "s", "SOL", Side.BUY, Fixed.parse("9.5"), 100 * USD, 0, now), now);
        Decision d = engine.submit(exit("x1", "s", "SOL"), now);
        assertThat(d.approvedQtyE8()).isEqualTo(9 * Fixed.ONE);
        List<OrderRequest> rest = engine.onTimer(now);
        assertThat(rest).singleElement().satisfies(o -> assertThat(o.qtyE8()).isEqualTo(Fixed.parse("0.5")));
        assertThat(engine.onTimer(now)).as("nothing more while both are in flight").isEmpty();
    }

    @Test
    void emergencyFlatten_ofALargePosition_emitsEveryPieceAtOnce() {
        engine.onFill(new FillEvent("", 1, "e1", "s", "SOL", Side.BUY, 20 * Fixed.ONE, 100 * USD, 0, now), now);
        List<OrderRequest> exits = engine.trip(Tier.EMERGENCY, "drill", now);
        assertThat(exits).hasSize(3);
        assertThat(exits.stream().mapToLong(OrderRequest::qtyE8).sum()).isEqualTo(20 * Fixed.ONE);
        assertThat(exits).allMatch(o -> Fixed.mul(o.qtyE8(), o.referencePriceE8()) <= 900 * USD);
    }

    @Test
    void entries_whileTheFillStreamIsDown_areDeniedLedgerUnavailable_butExitsPass() {
        fill(engine.submit(entry("a1", "s", "SOL", 100), now).order().orElseThrow());
        engine.ledgerConnected(false);
        assertThat(engine.submit(entry("a2", "s", "BONK", 100), now).reason()).isEqualTo(DenyReason.LEDGER_UNAVAILABLE);
        assertThat(engine.submit(exit("x1", "s", "SOL"), now).approved()).isTrue();
    }

    @Test
    void replayedFill_withoutItsEntryPlan_stillGetsTheDefaultStopLoss() {
        engine.onFill(new FillEvent("", 1, "unknown-entry", "s", "SOL", Side.BUY, Fixed.ONE, 100 * USD, 0, now), now);
        assertThat(engine.onTick("SOL", Fixed.parse("95.01"), now, now)).isEmpty();
        assertThat(engine.onTick("SOL", 95 * USD, now, now)).hasSize(1);
    }

    @Test
    void sellFill_largerThanThePosition_creditsOnlyWhatWasHeld() {
        engine.onFill(new FillEvent("", 1, "e1", "s", "SOL", Side.BUY, Fixed.ONE, 100 * USD, 0, now), now);
        engine.onFill(new FillEvent("", 2, "x1", "s", "SOL", Side.SELL, 3 * Fixed.ONE, 100 * USD, 0, now), now);
        assertThat(engine.portfolio().cashE8()).isEqualTo(10_000 * USD);
        assertThat(engine.portfolio().overSoldFills()).isEqualTo(1);
    }

    @Test
    void sameFill_viaTheFilledReport_thenTheStreamTwice_isAppliedOnce() {
        FillEvent f = new FillEvent("log-a", 1, "e1", "s", "SOL", Side.BUY, Fixed.ONE, 100 * USD, 0, now);
        engine.onFill(f, now, false);
        engine.onFill(f, now, true);
        engine.onFill(f, now, true);
        assertThat(engine.portfolio().qtyE8("s", "SOL")).isEqualTo(Fixed.ONE);
        assertThat(engine.portfolio().fillCount()).isEqualTo(1);
        assertThat(engine.portfolio().lastFillSeq()).as("the stream position still moves").isEqualTo(1);
    }

    @Test
    void reportFillAheadOfTheStream_doesNotHideTheStreamFillsBeforeIt() {
        engine.onFill(new FillEvent("log-a", 5, "e5", "s", "SOL", Side.BUY, Fixed.ONE, 100 * USD, 0, now), now, false);
        engine.onFill(new FillEvent("log-a", 4, "e4", "s", "SOL", Side.BUY, Fixed.ONE, 100 * USD, 0, now), now, true);
        engine.onFill(new FillEvent("log-a", 5, "e5", "s", "SOL", Side.BUY, Fixed.ONE, 100 * USD, 0, now), now, true);
        assertThat(engine.portfolio().qtyE8("s", "SOL")).isEqualTo(2 * Fixed.ONE);
        assertThat(engine.portfolio().lastFillSeq()).isEqualTo(5);
    }

    @Test
    void entries_whileTheLedgerIsReplayed_areDeniedRecovering_andTheRiskLedgerDown_deniesThemAfterwards() {
        engine.startRecovery();
        assertThat(engine.submit(entry("a1", "s", "SOL", 100), now).reason()).isEqualTo(DenyReason.RECOVERING);
        engine.finishRecovery("", 0);
        engine.ledgerAvailable(false);
        assertThat(engine.submit(entry("a2", "s", "SOL", 100), now).reason()).isEqualTo(DenyReason.LEDGER_UNAVAILABLE);
        engine.ledgerAvailable(true);
        assertThat(engine.submit(entry("a3", "s", "SOL", 100), now).approved()).isTrue();
    }

    /** A strategy that lost 9 % of its 1000 USD allocation: bought 10 SOL at 100, sold them at 91. */
    static List<FillEvent> losingRoundTrip(long t) {
        return List.of(new FillEvent("log", 1, "b1", "loser", "SOL", Side.BUY, 10 * Fixed.ONE, 100 * USD, 0, t),
                new FillEvent("log", 2, "x1", "loser", "SOL", Side.SELL, 10 * Fixed.ONE, 91 * USD, 0, t));
    }

    @Test
    void replay_judgesNothingWhileItRuns_soAnAcknowledgedLossDoesNotSuspendTheStrategyAgain() {
        RiskEngine live = new RiskEngine(RiskLimits.defaults(), BreakerThresholds.defaults(),
                ExecutionQuality.Limits.defaults(), 10_000 * USD, now, t -> { });
        live.onTick("SOL", 100 * USD, now, now);
        losingRoundTrip(now).forEach(f -> live.onFill(f, now));
        assertThat(live.breaker().suspended("loser")).as("judged fill by fill, the loss suspends").isTrue();

        // after a reset (suspensions and strategy peaks cleared) the node restarts and replays the same fills
        engine.startRecovery();
        losingRoundTrip(now).forEach(engine::replayFill);
        assertThat(engine.onTimer(now)).isEmpty();
        engine.finishRecovery("log", 2);
        engine.onTimer(now + 1);
        assertThat(engine.breaker().suspended("loser")).isFalse();
        assertThat(engine.portfolio().cashE8()).isEqualTo(10_000 * USD - 90 * USD);
        assertThat(engine.portfolio().lastFillSeq()).isEqualTo(2);
        engine.onFill(losingRoundTrip(now).get(1), now);
        assertThat(engine.portfolio().fillCount()).as("a replayed fill sent again is skipped").isEqualTo(2);
    }

    @Test
    void heldSymbolWithoutAPrice_afterAStart_raisesTheBreakerOnlyAfterTheHeldStaleTime() {
        RiskEngine restarted = new RiskEngine(RiskLimits.defaults(), BreakerThresholds.defaults(),
                ExecutionQuality.Limits.defaults(), 10_000 * USD, now, t -> { });
        restarted.startRecovery();
        restarted.replayFill(new FillEvent("log", 1, "b1", "s", "WIF", Side.BUY, Fixed.ONE, 100 * USD, 0, now - 60_000));
        restarted.finishRecovery("log", 1);
        restarted.onTimer(now + 4_000);
        assertThat(restarted.breaker().tier()).isEqualTo(Tier.NORMAL);
        restarted.onTimer(now + 5_001);
        assertThat(restarted.breaker().tier()).isEqualTo(Tier.CRITICAL);
        assertThat(restarted.breaker().reason()).contains("stale");
    }

    /** Ten approved entries the executor refuses: an error rate of 100 % raises CRITICAL (execution quality bad). */
    void failTenOrders() {
        for (int i = 0; i < ExecutionQuality.Limits.defaults().minSamples(); i++) {
            Decision d = engine.submit(entry("q" + i, "momentum_5m", "SOL", 50), now);
            assertThat(d.verdict()).isEqualTo(Verdict.APPROVED);
            engine.onOrderFailed("q" + i, now);
        }
        engine.onTimer(now);
        assertThat(engine.breaker().tier()).isEqualTo(Tier.CRITICAL);
        assertThat(engine.breaker().reason()).contains("execution quality bad");
    }

    @Test
    void executionQualityCritical_isClearedByAReset_thoughNoNewOrderEverArrives() {
        failTenOrders();
        now += 1_000;
        engine.reset("venue fixed", now);
        for (int i = 1; i <= 10; i++) {
            engine.onTimer(now + i * 250L);
        }
        assertThat(engine.breaker().tier()).as("the old window no longer judges").isEqualTo(Tier.NORMAL);
        assertThat(engine.quality().samples()).isEmpty();
        engine.onTick("SOL", 100 * USD, now + 3_000, now + 3_000);
        Decision after = engine.submit(entry("after-reset", "momentum_5m", "SOL", 50), now + 3_000);
        assertThat(after.verdict()).as(after.detail()).isNotEqualTo(Verdict.DENIED);
    }

    @Test
    void executionQualityCritical_decaysWithTime_whenEntriesStop() {
        failTenOrders();
        long maxAge = ExecutionQuality.Limits.defaults().maxAgeMs();
        engine.onTimer(now + maxAge - 1);
        assertThat(engine.breaker().tier()).as("still within the window").isEqualTo(Tier.CRITICAL);
        for (long t = now + maxAge + 1; t < now + 2 * maxAge; t += 1_000) {
            engine.onTimer(t);
        }
        assertThat(engine.quality().samples()).isEmpty();
        assertThat(engine.breaker().tier()).as("the breaker steps down once the bad samples have aged out")
                .isNotEqualTo(Tier.CRITICAL);
    }

    @Test
    void submit_sameIdFromAnotherCaller_isDeniedIdInUse_andTheFirstCallerStillGetsItsOwnDecision() {
        Decision owners = engine.submit("CN=strategy", entry("a1", "momentum_5m", "SOL", 150), now);
        assertThat(owners.verdict()).isEqualTo(Verdict.APPROVED);
        Decision squatter = engine.submit("CN=intruder", entry("a1", "momentum_5m", "SOL", 150), now);
        assertThat(squatter.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(squatter.reason()).isEqualTo(DenyReason.ID_IN_USE);
        assertThat(squatter.order()).isEmpty();
        assertThat(engine.submit("CN=strategy", entry("a1", "momentum_5m", "SOL", 150), now)).isSameAs(owners);
        assertThat(engine.decisionOf("CN=intruder", "a1")).isEmpty();
        assertThat(engine.inFlightCount()).as("one order for the id").isEqualTo(1);
    }

    @Test
    void submit_fromAStrategyOutsideTheKnownOnes_isDeniedUnknownStrategy_withItsNameEscaped() {
        engine.knownStrategies(java.util.Set.of("momentum_5m"));
        Decision d = engine.submit(entry("u1", "invented", "SOL", 150), now);
        assertThat(d.reason()).isEqualTo(DenyReason.UNKNOWN_STRATEGY);
        assertThat(d.detail()).contains("'invented'").contains("momentum_5m");
        assertThat(engine.submit(exit("u2", "invented", "SOL"), now).reason()).isEqualTo(DenyReason.UNKNOWN_STRATEGY);
        assertThat(engine.submit(entry("u3", "momentum_5m", "SOL", 150), now).verdict()).isEqualTo(Verdict.APPROVED);
    }

    @Test
    void malformedStrategyNameOrDecisionPrice_isRejectedBeforeAnythingIsDecided() {
        for (Intent bad : List.of(entry("m1", "s\nERROR forged", "SOL", 10), entry("m2", "x".repeat(65), "SOL", 10),
                new Intent("m3", "s", "SOL", Side.BUY, Purpose.ENTRY, 10 * USD, 0, 1, T0, 0, 0, 0),
                new Intent("m4", "s", "SOL", Side.SELL, Purpose.EXIT, 0, -5, 1, T0, 0, 0, 0))) {
            assertThatThrownBy(() -> engine.submit(bad, now)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(engine.approvedCount() + engine.deniedCount()).isZero();
    }
}
