package memesnipe.performance.promotion;

import memesnipe.performance.Figure;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One gate evaluated on measured evidence: the outcome, the figure, the threshold and the samples behind the figure,
 * from which {@link #text()} writes the one-line reason.
 *
 * @param figure     the measured figure (fractions for rates and drawdowns, ms for latency and time)
 * @param threshold  the gate's threshold in the figure's unit
 * @param samples    how many observations the figure rests on (0 for {@link Gate#SHADOW_PERIOD})
 * @param minSamples how many it needs before it can pass
 */
public record GateResult(Gate gate, Outcome outcome, Figure figure, double threshold, long samples, long minSamples)
        implements Reason {
    /** What the gate says of the evidence. */
    public enum Outcome {
        PASS,
        FAIL,
        /** Too few samples for the figure to pass, or the figure is not available; never a pass. */
        INSUFFICIENT_DATA
    }

    public GateResult {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(figure, "figure");
        if (outcome != Outcome.INSUFFICIENT_DATA && !(figure instanceof Figure.Value)) {
            throw new IllegalArgumentException(outcome + " needs a measured figure: " + figure);
        }
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }

    /**
     * E.g. "Sharpe (annualized) 1.62 >= 1.50 (45 periods)", "win rate 55.00 % <= 55.00 % (60 trades)",
     * "p-value of the edge: 12 periods, needs at least 30", "Sharpe (annualized) n/a: flat equity (40 periods)".
     */
    @Override
    public String text() {
        String counted = gate.sampleUnit().isEmpty() ? "" : " (" + samples + " " + gate.sampleUnit() + ")";
        if (figure instanceof Figure.Value v && outcome != Outcome.INSUFFICIENT_DATA) {
            String[] shown = distinct(v.value(), threshold);
            return gate.label() + " " + shown[0] + " " + gate.comparison().symbol(passed()) + " " + shown[1] + counted;
        }
        if (samples < minSamples) {
            return gate.label() + ": " + samples + " " + gate.sampleUnit() + ", needs at least " + minSamples;
        }
        String why = figure instanceof Figure.NotAvailable n ? n.why()
                : figure instanceof Figure.Unbounded u ? "unbounded: " + u.why() : "not decided";
        return gate.label() + " n/a: " + why + counted;
    }

    /** Figure and threshold in the gate's unit, with as many decimals as it takes to tell unequal ones apart. */
    private String[] distinct(double figure, double threshold) {
        int decimals = switch (gate) {
            case SIGNIFICANCE -> 3;
            case AVERAGE_LATENCY -> 1;
            default -> 2;
        };
        String a = format(figure, decimals);
        String b = format(threshold, decimals);
        while (a.equals(b) && figure != threshold && decimals < 20) {
            decimals++;
            a = format(figure, decimals);
            b = format(threshold, decimals);
        }
        return new String[] {a, b};
    }

    private String format(double x, int decimals) {
        return switch (gate) {
            case WIN_RATE, MAX_DRAWDOWN -> String.format(Locale.ROOT, "%." + decimals + "f %%", x * 100);
            case AVERAGE_LATENCY -> String.format(Locale.ROOT, "%." + decimals + "f ms", x);
            case SHADOW_PERIOD -> Duration.ofMillis((long) x).toString();
            case SHARPE, SIGNIFICANCE -> String.format(Locale.ROOT, "%." + decimals + "f", x);
        };
    }
}
