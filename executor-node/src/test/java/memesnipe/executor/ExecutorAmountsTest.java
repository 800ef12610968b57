package memesnipe.executor;

import memesnipe.model.money.Fixed;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.OrderStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static memesnipe.executor.ExecutorHarness.order;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders at the ends of the amount range, through a real executor, signer and ledger: over a per-order maximum they
 * are refused before anything is journaled; one whose fill does not fit 64 bits ends REJECTED, durably.
 */
class ExecutorAmountsTest {
    /** The largest notional a scale e8 long holds: the notional maximums are opened up to it. */
    static final String WIDEST = Fixed.format(Long.MAX_VALUE);
    static ExecutorHarness h;

    @BeforeAll
    static void start() throws Exception {
        // 10 bps slippage (the default); the default quantity maximum; notional limits out of the way
        h = new ExecutorHarness(Map.of("max-order-notional", WIDEST), Map.of("max-order-notional", WIDEST));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    long rows(String id) throws Exception {
        return h.sql("SELECT client_order_id FROM orders WHERE client_order_id = '" + id + "'").size();
    }

    @Test
    void orderAboveTheExecutorsMaximumQuantity_isRejectedBeforeJournaling_withItsFigures_andARepeatGetsTheSameAnswer()
            throws Exception {
        ExecutionReport first = h.execute(order("too-many", "10000000001"));
        assertThat(first.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(first.getRejectReason()).isEqualTo("MAX_ORDER_QTY: quantity 10000000001 above the executor's "
                + "maximum of 10000000000");
        assertThat(h.execute(order("too-many", "10000000001"))).isEqualTo(first);
        assertThat(rows("too-many")).as("nothing journaled").isZero();
        assertThat(h.venueRecords("too-many")).as("never at the venue").isZero();
    }

    @Test
    void orderWhoseNotionalIsBeyondALong_isRejectedAboveTheMaximumNotional_withTheExactFigure() throws Exception {
        ExecutionReport r = h.execute(order("too-big", "10000000000").toBuilder()
                .setReferencePriceE8(Fixed.parse("10000")).build()); // 10^14 USD
        assertThat(r.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(r.getRejectReason()).startsWith("MAX_ORDER_NOTIONAL: notional 100000000000000 USD (10000000000 at "
                + "10000) above the executor's maximum of " + WIDEST + " USD");
        assertThat(rows("too-big")).isZero();
    }

    @Test
    void orderWhoseFillDoesNotFitALong_endsRejectedDurably_andEveryRetryOfItsIdGetsThatAnswer_alsoAfterARestart()
            throws Exception {
        // 614.5 million units at 150 is 92,175,000,000 USD (fits, and is signed); at 150.15 after slippage it does not
        var huge = order("fill-overflow", "614500000");
        ExecutionReport first = h.execute(huge);
        assertThat(first.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(first.getRejectReason()).startsWith("AMOUNT_OUT_OF_RANGE: a fill of 614500000 at 150 (mark): "
                + "614500000 x 150.15 = 92267175000 does not fit");
        assertThat(h.sql("SELECT state, reject_reason FROM orders WHERE client_order_id = 'fill-overflow'"))
                .containsExactly(Map.of("state", "REJECTED", "reject_reason", first.getRejectReason()));
        assertThat(h.execute(huge)).isEqualTo(first);
        h.restartExecutor();
        assertThat(h.execute(huge)).isEqualTo(first);
        assertThat(h.venueRecords("fill-overflow")).isEqualTo(1);
        assertThat(h.execute(order("after-overflow", "1")).getStatus()).as("the executor goes on")
                .isEqualTo(OrderStatus.FILLED);
    }
}
