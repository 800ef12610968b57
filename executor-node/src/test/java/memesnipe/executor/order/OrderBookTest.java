package memesnipe.executor.order;

import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderBookTest {
    final OrderBook<String> book = new OrderBook<>();

    @Test
    void happyPath_goesReceivedSigningSentFilled() {
        assertThat(book.receive("a")).isTrue();
        assertThat(book.state("a")).contains(OrderBook.State.RECEIVED);
        book.signing("a");
        assertThat(book.state("a")).contains(OrderBook.State.SIGNING);
        book.sent("a");
        assertThat(book.state("a")).contains(OrderBook.State.SENT);
        book.filled("a", "report-a");
        assertThat(book.state("a")).contains(OrderBook.State.FILLED);
        assertThat(book.filled()).isEqualTo(1);
    }

    @Test
    void rejection_fromSigning_keepsTheReason() {
        book.receive("a");
        book.signing("a");
        book.rejected("a", "SIGNER_DENIED: NOTIONAL_LIMIT", "report-a");
        assertThat(book.state("a")).contains(OrderBook.State.REJECTED);
        assertThat(book.rejectReason("a")).contains("SIGNER_DENIED: NOTIONAL_LIMIT");
        assertThat(book.rejected()).isEqualTo(1);
    }

    @Test
    void illegalTransitions_throw() {
        book.receive("a");
        assertThatThrownBy(() -> book.sent("a")).isInstanceOf(IllegalStateException.class); // skips SIGNING
        assertThatThrownBy(() -> book.filled("a", "r")).isInstanceOf(IllegalStateException.class);
        book.signing("a");
        book.rejected("a", "X", "r");
        assertThatThrownBy(() -> book.rejected("a", "Y", "r2")).hasMessageContaining("already REJECTED");
        assertThatThrownBy(() -> book.signing("unknown")).hasMessageContaining("unknown order");
    }

    @Test
    void duplicateAfterCompletion_getsTheFirstReport_andIsCounted() {
        book.receive("a");
        book.signing("a");
        book.sent("a");
        book.filled("a", "first");
        assertThat(book.receive("a")).isFalse();
        List<String> got = new ArrayList<>();
        book.whenDone("a", got::add);
        assertThat(got).containsExactly("first");
        assertThat(book.duplicates()).isEqualTo(1);
        assertThat(book.received()).isEqualTo(1);
    }

    @Test
    void duplicateWhileInFlight_getsTheReportWhenTheFirstCompletes() {
        book.receive("a");
        book.signing("a");
        assertThat(book.receive("a")).isFalse();
        assertThat(book.receive("a")).isFalse();
        List<String> got = new ArrayList<>();
        book.whenDone("a", got::add);
        book.whenDone("a", got::add);
        assertThat(got).isEmpty();
        book.sent("a");
        book.filled("a", "first");
        assertThat(got).containsExactly("first", "first");
        assertThat(book.duplicates()).isEqualTo(2);
        assertThat(book.filled()).isEqualTo(1);
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
