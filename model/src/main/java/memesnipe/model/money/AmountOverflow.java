package memesnipe.model.money;

import java.math.BigInteger;

/**
 * An amount whose exact result does not fit a signed 64-bit integer: the typed overflow every {@link Fixed}
 * operation reports instead of wrapping around. It carries the operation, its operands and the exact result, so a
 * node can turn it into a typed denial with the figures (risk: AMOUNT_OUT_OF_RANGE; executor: a REJECTED order).
 */
public final class AmountOverflow extends ArithmeticException {
    /** The operation that overflowed; its symbol is used in the text. */
    public enum Operation {
        /** a + b. */
        ADD("%s + %s"),
        /** a - b. */
        SUBTRACT("%s - %s"),
        /** a x b / 10^8 (scale e8 values). */
        MULTIPLY("%s x %s"),
        /** a x 10^8 / b (scale e8 values). */
        DIVIDE("%s / %s"),
        /** a x b / c (raw integers). */
        MULTIPLY_DIVIDE("%s x %s / %s"),
        /** A decimal (or double) converted to scale e8. */
        CONVERT("%s");

        private final String pattern;

        Operation(String pattern) {
            this.pattern = pattern;
        }
    }

    private final Operation operation;
    private final long[] operands;
    private final String exact;

    AmountOverflow(Operation operation, String exact, long... operands) {
        super(text(operation, exact, operands));
        this.operation = operation;
        this.operands = operands.clone();
        this.exact = exact;
    }

    AmountOverflow(Operation operation, BigInteger exactRaw, long... operands) {
        this(operation, exactDecimal(operation, exactRaw), operands);
    }

    public Operation operation() {
        return operation;
    }

    /** The operands as given (scale e8 for ADD, SUBTRACT, MULTIPLY, DIVIDE; raw integers for MULTIPLY_DIVIDE). */
    public long[] operands() {
        return operands.clone();
    }

    /** The exact result as a plain decimal (scale e8 values shown as decimals), which does not fit 64 bits. */
    public String exact() {
        return exact;
    }

    private static String exactDecimal(Operation op, BigInteger raw) {
        return op == Operation.MULTIPLY_DIVIDE ? raw.toString()
                : new java.math.BigDecimal(raw, 8).stripTrailingZeros().toPlainString();
    }

    private static String text(Operation op, String exact, long[] operands) {
        Object[] shown = new Object[operands.length];
        for (int i = 0; i < operands.length; i++) {
            shown[i] = op == Operation.MULTIPLY_DIVIDE ? Long.toString(operands[i]) : Fixed.format(operands[i]);
        }
        String expression = op == Operation.CONVERT ? exact : String.format(java.util.Locale.ROOT, op.pattern, shown);
        return expression + (op == Operation.CONVERT ? "" : " = " + exact) + " does not fit a 64-bit amount (at most "
                + (op == Operation.MULTIPLY_DIVIDE ? Long.toString(Long.MAX_VALUE) : Fixed.format(Long.MAX_VALUE)) + ")";
    }
}
