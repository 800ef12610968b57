package memesnipe.model.money;

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
                assertThatThrownBy(() -> Fixed.mul(a, b)).isInstanceOf(AmountOverflow.class);
            } else {
                assertThat(Fixed.mul(a, b)).as("%d * %d", a, b).isEqualTo(mul);
            }
            if (b != 0) {
                Long div = referenceDiv(a, b);
                if (div == null) {
                    assertThatThrownBy(() -> Fixed.div(a, b)).isInstanceOf(AmountOverflow.class);
                } else {
                    assertThat(Fixed.div(a, b)).as("%d / %d", a, b).isEqualTo(div);
                }
            }
            java.math.BigInteger sum = java.math.BigInteger.valueOf(a).add(java.math.BigInteger.valueOf(b));
            if (sum.bitLength() < 64) {
                assertThat(Fixed.add(a, b)).isEqualTo(sum.longValue());
            } else {
                assertThatThrownBy(() -> Fixed.add(a, b)).isInstanceOf(AmountOverflow.class);
            }
            java.math.BigInteger difference = java.math.BigInteger.valueOf(a).subtract(java.math.BigInteger.valueOf(b));
            if (difference.bitLength() < 64) {
                assertThat(Fixed.sub(a, b)).isEqualTo(difference.longValue());
            } else {
                assertThatThrownBy(() -> Fixed.sub(a, b)).isInstanceOf(AmountOverflow.class);
            }
        }
    }

    @Test
    void div_ofLongMinValue_isExactNotZero() {
        assertThat(Fixed.div(Long.MIN_VALUE, Fixed.ONE * 2)).isEqualTo(Long.MIN_VALUE / 2);
        assertThatThrownBy(() -> Fixed.div(Long.MIN_VALUE, Fixed.ONE / 2)).isInstanceOf(ArithmeticException.class);
        assertThat(Fixed.div(Long.MIN_VALUE, Long.MIN_VALUE)).isEqualTo(Fixed.ONE);
    }

    /** Values that break naive arithmetic: the ends of the range, their neighbours, the scale, and small ones. */
    static final long[] EXTREMES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE / 2, Long.MAX_VALUE,
            Long.MAX_VALUE - 1, Long.MAX_VALUE / 2, -1, 0, 1, 2, -2, 100, 10_000, -10_000, Fixed.ONE, -Fixed.ONE,
            Long.MAX_VALUE / Fixed.ONE, -(Long.MAX_VALUE / Fixed.ONE), Long.MAX_VALUE / Fixed.ONE + 1, 1204,
            3_037_000_499L, 3_037_000_500L, -3_037_000_500L, Integer.MAX_VALUE, Integer.MIN_VALUE};

    /** An extreme value, a random one of any magnitude, or a random one near an extreme. */
    static long pick(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> EXTREMES[rnd.nextInt(EXTREMES.length)];
            case 1 -> rnd.nextLong() >> rnd.nextInt(64);
            default -> EXTREMES[rnd.nextInt(EXTREMES.length)] + (rnd.nextInt(2001) - 1000);
        };
    }

    @Test
    void mulDivAndBps_overRandomExtremeValues_equalTheBigIntegerReference_orReportTheTypedOverflow() {
        Random rnd = new Random(29);
        for (int i = 0; i < 300_000; i++) {
            long a = pick(rnd);
            long b = pick(rnd);
            long c = pick(rnd);
            if (c != 0) {
                java.math.BigInteger r = java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                        .divide(java.math.BigInteger.valueOf(c));
                if (r.bitLength() < 64) {
                    assertThat(Fixed.mulDiv(a, b, c)).as("%d x %d / %d", a, b, c).isEqualTo(r.longValue());
                } else {
                    assertThatThrownBy(() -> Fixed.mulDiv(a, b, c)).as("%d x %d / %d", a, b, c)
                            .isInstanceOf(AmountOverflow.class);
                }
            }
            java.math.BigInteger fee = java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                    .divide(java.math.BigInteger.valueOf(10_000));
            if (fee.bitLength() < 64) {
                assertThat(Fixed.bps(a, b)).as("%d bps of %d", b, a).isEqualTo(fee.longValue());
            } else {
                assertThatThrownBy(() -> Fixed.bps(a, b)).isInstanceOf(AmountOverflow.class);
            }
        }
    }

    @Test
    void mulDiv_ofLongMinValueByMinusOne_isReportedNotWrappedToItself() {
        assertThatThrownBy(() -> Fixed.mulDiv(Long.MIN_VALUE, 1, -1)).isInstanceOf(AmountOverflow.class);
        assertThatThrownBy(() -> Fixed.mulDiv(Long.MIN_VALUE, -1, 1)).isInstanceOf(AmountOverflow.class);
        assertThat(Fixed.mulDiv(Long.MIN_VALUE, 1, 1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void overflow_carriesTheOperationItsOperandsAndTheExactResult() {
        long qty = 90_000_000_000L * Fixed.ONE; // 9e10 units
        AmountOverflow e = catchOverflow(() -> Fixed.mul(qty, Fixed.parse("1.5")));
        assertThat(e.operation()).isEqualTo(AmountOverflow.Operation.MULTIPLY);
        assertThat(e.operands()).containsExactly(qty, Fixed.parse("1.5"));
        assertThat(e.exact()).isEqualTo("135000000000");
        assertThat(e.getMessage()).isEqualTo("90000000000 x 1.5 = 135000000000 does not fit a 64-bit amount "
                + "(at most 92233720368.54775807)");
        assertThat(catchOverflow(() -> Fixed.add(Long.MAX_VALUE, 1)).exact()).isEqualTo("92233720368.54775808");
        assertThat(catchOverflow(() -> Fixed.mulDiv(Long.MAX_VALUE, 50, 1)).getMessage())
                .startsWith("9223372036854775807 x 50 / 1 = 461168601842738790350 does not fit");
    }

    static AmountOverflow catchOverflow(Runnable r) {
        try {
            r.run();
        } catch (AmountOverflow e) {
            return e;
        }
        throw new AssertionError("no overflow reported");
    }

    @Test
    void fromDouble_beyondTheLongRange_isReportedNotClampedToTheLargestLong() {
        assertThatThrownBy(() -> Fixed.fromDouble(1e11)).isInstanceOf(AmountOverflow.class)
                .hasMessageContaining("100000000000 does not fit");
        assertThatThrownBy(() -> Fixed.fromDouble(-1e11)).isInstanceOf(AmountOverflow.class);
        assertThat(Fixed.fromDouble(92_233_720_368.0)).isEqualTo(9_223_372_036_800_000_000L);
        assertThat(Fixed.fromDouble(0.000012)).isEqualTo(1200);
        Random rnd = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            double v = (rnd.nextDouble() * 2 - 1) * Math.pow(10, rnd.nextInt(14)) + (i % 7 == 0 ? 0.5e-8 : 0);
            // the scaled double, rounded half up (as Math.round does), when it fits a long
            java.math.BigInteger rounded = new BigDecimal(v * Fixed.ONE).add(new BigDecimal("0.5"))
                    .setScale(0, java.math.RoundingMode.FLOOR).toBigIntegerExact();
            if (rounded.bitLength() < 64) {
                assertThat(Fixed.fromDouble(v)).as("%s", v).isEqualTo(rounded.longValue());
            } else {
                assertThatThrownBy(() -> Fixed.fromDouble(v)).isInstanceOf(AmountOverflow.class);
            }
        }
    }

    @Test
    void parse_saysWhetherADecimalHasTooManyPlacesOrIsOutOfRange() {
        assertThat(Fixed.parse("92233720368.54775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Fixed.parse("-92233720368.54775808")).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> Fixed.parse("92233720368.54775808")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Fixed.parse("100000000000")).hasMessage(
                "out of range: '100000000000' is beyond +-92233720368.54775807");
        assertThatThrownBy(() -> Fixed.parse("1e400")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Fixed.parse("abc")).hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> Fixed.parse("1e-999999999")).hasMessageContaining("at most 8 places"); // fast
        assertThat(Fixed.parse("1.500000000000")).isEqualTo(150_000_000L); // trailing zeros are not places
        Random rnd = new Random(17);
        for (int i = 0; i < 50_000; i++) {
            long v = pick(rnd);
            assertThat(Fixed.parse(Fixed.format(v))).isEqualTo(v);
        }
    }
}
