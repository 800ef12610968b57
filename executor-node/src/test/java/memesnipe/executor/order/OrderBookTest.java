package memesnipe.executor.order;

import memesnipe.executor.OrderValidator;
import memesnipe.executor.order.OrderBook.Admission;
import memesnipe.executor.order.OrderBook.State;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderBookTest {
    final OrderBook<String, String> book = new OrderBook<>(3);

    @Test
    void happyPath_goesReceivedSignedSentFilled() {
        assertThat(book.admit("a", 0)).isEqualTo(Admission.NEW);
        assertThat(book.state("a")).contains(State.RECEIVED);
        book.signed("a", 1);
        assertThat(book.state("a")).contains(State.SIGNED);
        book.sent("a", 2);
        assertThat(book.state("a")).contains(State.SENT);
        assertThat(book.claim("a")).isTrue();
        book.finish("a", State.FILLED, "report-a");
        assertThat(book.state("a")).contains(State.FILLED);
        assertThat(book.report("a")).contains("report-a");
        assertThat(book.filled()).isEqualTo(1);
        assertThat(book.openCount()).isZero();
    }

    @Test
    void illegalTransitions_throw() {
        book.admit("a", 0);
        assertThatThrownBy(() -> book.sent("a", 1)).isInstanceOf(IllegalStateException.class); // skips SIGNED
        assertThatThrownBy(() -> book.finish("a", State.SENT, "r")).isInstanceOf(IllegalArgumentException.class);
        book.finish("a", State.REJECTED, "r");
        assertThatThrownBy(() -> book.finish("a", State.REJECTED, "r2")).hasMessageContaining("final order a");
        assertThatThrownBy(() -> book.signed("unknown", 1)).hasMessageContaining("unknown order");
    }

    @Test
    void duplicateAfterCompletion_getsTheFirstReport_andIsCounted() {
        book.admit("a", 0);
        book.finish("a", State.REJECTED, "first");
        assertThat(book.admit("a", 1)).isEqualTo(Admission.DONE);
        List<String> got = new ArrayList<>();
        book.whenDone("a", got::add);
        assertThat(got).containsExactly("first");
        assertThat(book.duplicates()).isEqualTo(1);
        assertThat(book.admitted()).isEqualTo(1);
    }

    @Test
    void duplicateWhileInFlight_getsTheReportWhenTheFirstCompletes() {
        book.admit("a", 0);
        book.signed("a", 0);
        assertThat(book.admit("a", 1)).isEqualTo(Admission.OPEN);
        assertThat(book.admit("a", 2)).isEqualTo(Admission.OPEN);
        List<String> got = new ArrayList<>();
        book.whenDone("a", got::add);
        book.whenDone("a", got::add);
        assertThat(got).isEmpty();
        book.sent("a", 3);
        book.finish("a", State.FILLED, "first");
        assertThat(got).containsExactly("first", "first");
        assertThat(book.duplicates()).isEqualTo(2);
        assertThat(book.filled()).isEqualTo(1);
    }

    @Test
    void finalOrders_areBounded_oldestForgottenFirst_openOnesNeverDropped() {
        book.admit("open", 0);
        for (int i = 0; i < 5; i++) {
            book.admit("d" + i, 0);
            book.finish("d" + i, State.REJECTED, "r" + i);
        }
        assertThat(book.doneCount()).isEqualTo(3);
        assertThat(book.report("d0")).isEmpty();
        assertThat(book.report("d4")).contains("r4");
        assertThat(book.state("open")).contains(State.RECEIVED);
        assertThat(book.admit("d0", 1)).as("forgotten here: the ledger decides").isEqualTo(Admission.NEW);
    }

    @Test
    void claim_isGrantedOnce_soOnlyOneOfVenueAnswerAndReconciliationRecords() {
        book.admit("a", 0);
        book.signed("a", 0);
        book.sent("a", 0);
        assertThat(book.startReconciling("a")).isTrue();
        assertThat(book.startReconciling("a")).isFalse();
        assertThat(book.reconcilingCount()).isEqualTo(1);
        assertThat(book.claim("a")).isTrue();
        assertThat(book.claim("a")).isFalse();
        assertThat(book.live("a")).isFalse();
        book.finish("a", State.CANCELLED, "CANCELLED: not at venue");
        assertThat(book.reconcilingCount()).isZero();
        assertThat(book.cancelled()).isEqualTo(1);
    }

    @Test
    void overdue_listsOnlySentUnclaimedOrdersPastTheTimeout() {
        book.admit("sent", 0);
        book.signed("sent", 0);
        book.sent("sent", 100);
        book.admit("signed", 0);
        book.signed("signed", 0);
        assertThat(book.overdue(1_099, 1_000)).isEmpty();
        assertThat(book.overdue(1_100, 1_000)).containsExactly("sent");
        book.startReconciling("sent");
        assertThat(book.overdue(5_000, 1_000)).isEmpty();
    }

    @Test
    void adoptedFromLedger_isOpenInItsState_andDuplicatesWaitForIt() {
        assertThat(book.adopt("x", State.SENT, "order-x", 0)).isTrue();
        assertThat(book.adopt("x", State.SENT, "order-x", 0)).isFalse();
        assertThat(book.order("x")).contains("order-x");
        assertThat(book.admit("x", 1)).isEqualTo(Admission.OPEN);
        List<String> got = new ArrayList<>();
        book.whenDone("x", got::add);
        book.claim("x");
        book.finish("x", State.FILLED, "filled-x");
        assertThat(got).containsExactly("filled-x");
        assertThatThrownBy(() -> book.adopt("y", State.FILLED, "o", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forget_answersTheWaiters_andLeavesTheIdFree() {
        book.admit("a", 0);
        List<String> got = new ArrayList<>();
        book.whenDone("a", got::add);
        book.forget("a", "LEDGER_UNAVAILABLE");
        assertThat(got).containsExactly("LEDGER_UNAVAILABLE");
        assertThat(book.state("a")).isEmpty();
        assertThat(book.admit("a", 1)).isEqualTo(Admission.NEW);
    }

    @Test
    void settle_withAReportFromTheLedger_answersWaiters_withoutCountingItAsThisRunsOutcome() {
        book.admit("a", 0);
        List<String> got = new ArrayList<>();
        book.whenDone("a", got::add);
        book.settle("a", State.FILLED, "first-from-ledger");
        assertThat(got).containsExactly("first-from-ledger");
        assertThat(book.filled()).isZero();
        assertThat(book.admit("a", 1)).isEqualTo(Admission.DONE);
    }

    @Test
    void validator_rejectsEachMissingField() {
        ApprovedOrder ok = ApprovedOrder.newBuilder().setClientOrderId("id-1").setStrategy("s").setSymbol("SOL")
                .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setQtyE8(1).setReferencePriceE8(1).build();
        assertThat(OrderValidator.problem(ok)).isEmpty();
        assertThat(OrderValidator.problem(ok.toBuilder().setClientOrderId("").build())).get().asString().contains("client_order_id");
        assertThat(OrderValidator.problem(ok.toBuilder().setClientOrderId("bad id").build())).isPresent();
        assertThat(OrderValidator.problem(ok.toBuilder().setStrategy("").build())).get().asString().contains("strategy");
        assertThat(OrderValidator.problem(ok.toBuilder().setSymbol("").build())).get().asString().contains("symbol");
        assertThat(OrderValidator.problem(ok.toBuilder().setSide(Side.SIDE_UNSPECIFIED).build())).get().asString().contains("side");
        assertThat(OrderValidator.problem(ok.toBuilder().setPurpose(OrderPurpose.PURPOSE_UNSPECIFIED).build())).get().asString().contains("purpose");
        assertThat(OrderValidator.problem(ok.toBuilder().setQtyE8(0).build())).get().asString().contains("qty_e8");
        assertThat(OrderValidator.problem(ok.toBuilder().setReferencePriceE8(-1).build())).get().asString().contains("reference_price_e8");
    }
}
