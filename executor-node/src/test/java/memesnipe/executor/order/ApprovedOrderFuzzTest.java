package memesnipe.executor.order;

import memesnipe.executor.OrderValidator;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import memesnipe.kit.testing.WireFuzz;
import memesnipe.executor.venue.PaperPricing;
import memesnipe.model.time.ManualClock;
import memesnipe.v1.ApprovedOrder;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Executor/Execute from the wire to the venue's price: whatever fields arrive (any text, any number, unknown enum
 * values), the order is invalid with a one-line problem (INVALID_ARGUMENT), or an order the paper venue prices
 * or refuses with a typed reason — never an exception (an exception here used to leave an order stuck). Runs over
 * the committed corpus in the normal suite; JAZZER_FUZZ=1 fuzzes for real.
 */
class ApprovedOrderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyOrder_isInvalidOrPricedOrRefused_neverThrows(FuzzedDataProvider data) {
        PaperPricing pricing = new PaperPricing(data.consumeInt(0, 1_000), data.consumeInt(0, 1_000), 2_000,
                new ManualClock(1_700_000_000_000L));
        long mark = data.consumeLong();
        ApprovedOrder order = WireFuzz.order(data);
        pricing.mark(order.getSymbol(), mark);
        Optional<String> problem = OrderValidator.problem(order);
        if (problem.isPresent()) {
            assertThat(problem.get()).doesNotContain("\n", "\r");
            return;
        }
        PaperPricing.Quote q = pricing.quote(order.getSymbol(), order.getSide() == memesnipe.v1.Side.BUY ? memesnipe.model.Side.BUY : memesnipe.model.Side.SELL, order.getQtyE8());
        if (q instanceof PaperPricing.Priced p) {
            assertThat(p.priceE8()).isPositive();
            assertThat(p.feeE8()).isNotNegative();
        }
    }
}
