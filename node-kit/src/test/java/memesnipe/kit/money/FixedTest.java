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
}
