package memesnipe.risk.engine;

import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
import memesnipe.model.Tier;
import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerThresholds;
import memesnipe.risk.breaker.Transition;
import memesnipe.risk.limits.RiskLimits;
import memesnipe.risk.quality.ExecutionQuality;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Risk's own timer ({@link RiskEngine#nextDueMs}): an engine evaluated only when its core says a timer is due behaves
 * exactly as one evaluated every millisecond, so the backtest (which evaluates only then) and the node (which also
 * evaluates every period) decide alike.
 */
class RiskTimersTest {
    static final long T0 = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
    static final long USD = Fixed.ONE;

    static RiskEngine engine(List<Transition> transitions) {
        RiskLimits d = RiskLimits.defaults();
        // a tight book so a short random run moves the breaker: 3 s stale, caps of 20 % per trade
        RiskLimits limits = new RiskLimits(2000, 5000, 5000, 9000, 20, USD, 2_000, 3_000, 50, 50, 900, 300,
                d.maxOrderNotionalE8(), d.maxOrderQtyE8());
        BreakerThresholds t = new BreakerThresholds(60, 150, 2500, 100, 200, 3000, 50, 4_000, List.of(25, 50, 100), 2_500,
                ZoneId.of("UTC"));
        ExecutionQuality.Limits q = new ExecutionQuality.Limits(20, 3, 800, 2_000, 50, 200, 20, 40, 9_000);
        return new RiskEngine(limits, t, q, 10_000 * USD, T0, transitions::add);
    }

    @Test
    void flatBook_nextTimerIsTheNextTradingDay_andAHeldSymbolAddsItsStaleDeadline() {
        RiskEngine e = engine(new ArrayList<>());
        e.onTick("SOL", 100 * USD, T0, T0);
        assertThat(e.nextDueMs(T0)).as("flat: only the next UTC midnight").isEqualTo(1_700_006_400_000L);

        Decision d = e.submit(new Intent("a", "momentum_5m", "SOL", Side.BUY, Purpose.ENTRY, 100 * USD, 100 * USD, 1, T0,
                0, 0, 0), T0);
        OrderRequest o = d.order().orElseThrow();
        e.onFill(new FillEvent("x", 1, o.clientOrderId(), o.strategy(), o.symbol(), o.side(), o.qtyE8(), 100 * USD, 0, T0),
                T0 + 5);
        long staleAt = T0 + 3_000 + 1;
        assertThat(e.nextDueMs(T0 + 5)).as("held SOL, last priced at T0").isEqualTo(staleAt);
        e.onTimer(staleAt - 1);
        assertThat(e.breaker().tier()).as("one ms before the deadline").isEqualTo(Tier.NORMAL);
        e.onTimer(staleAt);
        assertThat(e.breaker().tier()).as("at the deadline").isEqualTo(Tier.CRITICAL);
        assertThat(e.breaker().reason()).contains("stale");
    }

    @Test
    void evaluatingOnlyWhenDue_decidesExactlyAsEvaluatingEveryMillisecond() {
        for (int seed = 1; seed <= 12; seed++) {
            Run dense = new Run(seed, false);
            Run due = new Run(seed, true);
            dense.play();
            due.play();
            assertThat(due.log).as("seed " + seed).isEqualTo(dense.log);
            assertThat(due.transitions).as("seed " + seed).isEqualTo(dense.transitions);
            assertThat(due.timerEvaluations).as("seed " + seed + ": far fewer evaluations")
                    .isLessThan(dense.timerEvaluations / 20);
        }
        // the scenarios exercise what the timers are for
        Run sample = new Run(3, true);
        sample.play();
        assertThat(sample.transitions).isNotEmpty();
    }

    /** One random 60 s scenario: ticks with gaps (stale), drops (drawdown), entries, fills, failures (retries). */
    static final class Run {
        final SplittableRandom rnd;
        final boolean onlyWhenDue;
        final List<Transition> transitions = new ArrayList<>();
        final RiskEngine e = engine(transitions);
        final List<String> log = new ArrayList<>();
        final List<OrderRequest> pending = new ArrayList<>();
        long now = T0;
        long price = 100 * USD;
        long fillSeq;
        long timerEvaluations;

        Run(int seed, boolean onlyWhenDue) {
            this.rnd = new SplittableRandom(seed);
            this.onlyWhenDue = onlyWhenDue;
        }

        void play() {
            int n = 0;
            while (now < T0 + 60_000) {
                long next = now + (rnd.nextInt(10) == 0 ? 2_000 + rnd.nextInt(4_000) : 1 + rnd.nextInt(400));
                timersUntil(next);
                now = next;
                switch (rnd.nextInt(6)) {
                    case 0, 1, 2 -> {
                        price = Math.max(USD, price + (rnd.nextInt(100) - (rnd.nextInt(8) == 0 ? 70 : 48)) * USD / 100);
                        record("tick", e.onTick("SOL", price, now, now));
                    }
                    case 3 -> {
                        Decision d = e.submit(new Intent("s" + (++n), "momentum_5m", "SOL", Side.BUY, Purpose.ENTRY,
                                500 * USD, price, n, now, 0, 0, 0), now);
                        log.add(now + " decide " + d.verdict() + " " + d.reason() + " " + d.approvedQtyE8());
                        d.order().ifPresent(pending::add);
                    }
                    default -> settleOne();
                }
            }
        }

        void settleOne() {
            if (pending.isEmpty()) {
                return;
            }
            OrderRequest o = pending.remove(0);
            if (rnd.nextInt(4) == 0) {
                record("failed " + o.clientOrderId(), e.onOrderFailed(o.clientOrderId(), now));
            } else {
                record("filled " + o.clientOrderId(), e.onFill(new FillEvent("x", ++fillSeq, o.clientOrderId(),
                        o.strategy(), o.symbol(), o.side(), o.qtyE8(), price, 0, now), now));
            }
        }

        void timersUntil(long untilMs) {
            if (onlyWhenDue) {
                for (long due = e.nextDueMs(now); due < untilMs; due = e.nextDueMs(now)) {
                    now = due;
                    timer();
                }
            } else {
                for (long t = now + 1; t < untilMs; t++) {
                    now = t;
                    timer();
                }
            }
        }

        void timer() {
            timerEvaluations++;
            List<OrderRequest> out = e.onTimer(now);
            if (!out.isEmpty()) {
                record("timer", out);
            }
        }

        void record(String what, List<OrderRequest> orders) {
            for (OrderRequest o : orders) {
                log.add(now + " " + what + " -> " + o.clientOrderId() + " " + o.side() + " " + o.qtyE8());
                pending.add(o);
            }
            log.add(now + " " + what + " tier " + e.breaker().tier());
        }
    }
}
