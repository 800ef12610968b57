package memesnipe.kit.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixedTest {
    @Test
    void format_matchesBigDecimal_onRandomAndEdgeValues() {
        Random rnd = new Random(3);
        long[] edges = {0, 1, -1, Fixed.ONE, -Fixed.ONE, 150_000_000L, -150_000_000L, Long.MAX_VALUE, Long.MIN_VALUE,
                10_000_000_000L, 99_999_999L};
        for (long v : edges) {
            assertThat(Fixed.format(v)).isEqualTo(reference(v));
        }
        for (int i = 0; i < 100_000; i++) {
            long v = rnd.nextLong() >> rnd.nextInt(63);
            assertThat(Fixed.format(v)).isEqualTo(reference(v));
        }
        assertThat(Fixed.format(12_345_000_000L)).isEqualTo("123.45");
    }

    static String reference(long v) {
        BigDecimal d = BigDecimal.valueOf(v, 8).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    @Test
    void mulAndDiv_areExact_andOverflowThrows() {
        assertThat(Fixed.mul(Fixed.parse("1.5"), Fixed.parse("100"))).isEqualTo(Fixed.parse("150"));
        assertThat(Fixed.mul(Long.MAX_VALUE / 2, 2 * Fixed.ONE / 100)).isEqualTo(Long.MAX_VALUE / 2 / 50);
        assertThat(Fixed.div(Fixed.parse("200"), Fixed.parse("150"))).isEqualTo(133_333_333L);
        assertThat(Fixed.bps(Fixed.parse("1000"), 10)).isEqualTo(Fixed.ONE);
        assertThatThrownBy(() -> Fixed.mul(Long.MAX_VALUE, Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fixed.parse("0.123456789")).hasMessageContaining("at most 8 places");
    }

    /** Exact reference: the true result at scale 1e8 rounded toward zero, or null when it does not fit a long. */
    static Long referenceMul(long a, long b) {
        java.math.BigInteger r = java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                .divide(java.math.BigInteger.valueOf(Fixed.ONE));
        return r.bitLength() < 64 ? r.longValue() : null;
    }

    static Long referenceDiv(long a, long b) {
        java.math.BigInteger r = java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(Fixed.ONE))
                .divide(java.math.BigInteger.valueOf(b));
        return r.bitLength() < 64 ? r.longValue() : null;
    }

    @Test
    void mulDivAddSub_overRandomExtremeValues_areExactOrThrow_neverWrapSilently() {
        Random rnd = new Random(11);
        long[] extremes = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, -1, 0, 1, Fixed.ONE, -Fixed.ONE,
                Long.MAX_VALUE / Fixed.ONE, -(Long.MAX_VALUE / Fixed.ONE), 1204, 92_233_720_368L};
        for (int i = 0; i < 200_000; i++) {
            long a = i < 144 ? extremes[i % 12] : rnd.nextLong() >> rnd.nextInt(64);
            long b = i < 144 ? extremes[i / 12] : rnd.nextLong() >> rnd.nextInt(64);
            Long mul = referenceMul(a, b);
            if (mul == null) {
                assertThatThrownBy(() -> Fixed.mul(a, b)).isInstanceOf(ArithmeticException.class);
            } else {
                assertThat(Fixed.mul(a, b)).as("%d * %d", a, b).isEqualTo(mul);
            }
            if (b != 0) {
                Long div = referenceDiv(a, b);
                if (div == null) {
                    assertThatThrownBy(() -> Fixed.div(a, b)).isInstanceOf(ArithmeticException.class);
                } else {
                    assertThat(Fixed.div(a, b)).as("%d / %d", a, b).isEqualTo(div);
                }
            }
            java.math.BigInteger sum = java.math.BigInteger.valueOf(a).add(java.math.BigInteger.valueOf(b));
            if (sum.bitLength() < 64) {
                assertThat(Fixed.add(a, b)).isEqualTo(sum.longValue());
            } else {
                assertThatThrownBy(() -> Fixed.add(a, b)).isInstanceOf(ArithmeticException.class);
            }
        }
    }

    @Test
    void div_ofLongMinValue_isExactNotZero() {
        assertThat(Fixed.div(Long.MIN_VALUE, Fixed.ONE * 2)).isEqualTo(Long.MIN_VALUE / 2);
        assertThatThrownBy(() -> Fixed.div(Long.MIN_VALUE, Fixed.ONE / 2)).isInstanceOf(ArithmeticException.class);
        assertThat(Fixed.div(Long.MIN_VALUE, Long.MIN_VALUE)).isEqualTo(Fixed.ONE);
    }
}
