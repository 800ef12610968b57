package memesnipe.executor.order;

import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OrderCapsTest {
    final OrderCaps caps = new OrderCaps(Fixed.parse("10000000000"), Fixed.parse("1000"));

    @Test
    void quantityAboveTheMaximum_isRefusedFirst_withTheFigures() {
        var r = caps.check(Fixed.parse("10000000000.00000001"), 1).orElseThrow();
        assertThat(r.reason()).isEqualTo(OrderCaps.Reason.MAX_ORDER_QTY);
        assertThat(r.text()).isEqualTo("MAX_ORDER_QTY: quantity 10000000000.00000001 above the executor's maximum of "
                + "10000000000");
        assertThat(caps.check(Fixed.parse("10000000000"), 1)).isEmpty();
    }

    @Test
    void notionalAtTheReferencePrice_atBelowAbove_theMaximum() {
        assertThat(caps.check(Fixed.parse("10"), Fixed.parse("100"))).isEmpty();
        var r = caps.check(Fixed.parse("10"), Fixed.parse("100.00000001")).orElseThrow();
        assertThat(r.reason()).isEqualTo(OrderCaps.Reason.MAX_ORDER_NOTIONAL);
        assertThat(r.text()).isEqualTo("MAX_ORDER_NOTIONAL: notional 1000.0000001 USD (10 at 100.00000001) above the "
                + "executor's maximum of 1000 USD");
    }

    @Test
    void notionalBeyondALong_isAboveTheMaximum_withTheExactFigure_notAnOverflow() {
        OrderCaps wide = new OrderCaps(Long.MAX_VALUE, Long.MAX_VALUE);
        var r = wide.check(Long.MAX_VALUE, Long.MAX_VALUE).orElseThrow();
        assertThat(r.reason()).isEqualTo(OrderCaps.Reason.MAX_ORDER_NOTIONAL);
        assertThat(r.notional().toPlainString()).isEqualTo("8507059173023461584739.69077842");
    }

    @Test
    void overRandomExtremeOrders_refusedExactlyWhenTheExactProductIsAboveTheMaximum() {
        Random rnd = new Random(7);
        long[] extremes = {1, 2, Fixed.ONE, Long.MAX_VALUE, Long.MAX_VALUE / Fixed.ONE, 3_037_000_500L, 1204};
        for (int i = 0; i < 100_000; i++) {
            long qty = rnd.nextBoolean() ? extremes[rnd.nextInt(extremes.length)] : 1 + (rnd.nextLong() >>> (1 + rnd.nextInt(63)));
            long price = rnd.nextBoolean() ? extremes[rnd.nextInt(extremes.length)] : 1 + (rnd.nextLong() >>> (1 + rnd.nextInt(63)));
            java.math.BigInteger notional = java.math.BigInteger.valueOf(qty).multiply(java.math.BigInteger.valueOf(price))
                    .divide(java.math.BigInteger.valueOf(Fixed.ONE));
            boolean over = qty > Fixed.parse("10000000000")
                    || notional.compareTo(java.math.BigInteger.valueOf(Fixed.parse("1000"))) > 0;
            assertThat(caps.check(qty, price).isPresent()).as("%d x %d", qty, price).isEqualTo(over);
        }
    }
}
