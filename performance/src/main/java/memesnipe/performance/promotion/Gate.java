package memesnipe.performance.promotion;

/** One promotion gate: the figure it reads, how that figure must compare with its threshold, and what it counts. */
public enum Gate {
    /** Annualized Sharpe ratio of the period returns, at least the minimum. */
    SHARPE("Sharpe (annualized)", Comparison.AT_LEAST, "periods"),
    /** Share of closed trades won, strictly above the strategy type's minimum. */
    WIN_RATE("win rate", Comparison.ABOVE, "trades"),
    /** Peak-to-trough fall of the marked equity curve, at most the maximum. */
    MAX_DRAWDOWN("max drawdown", Comparison.AT_MOST, "periods"),
    /** Mean decision-to-fill latency, at most the maximum. */
    AVERAGE_LATENCY("average decision-to-fill latency", Comparison.AT_MOST, "fills"),
    /** p-value of the test that the edge is not luck, at most the maximum. */
    SIGNIFICANCE("p-value of the edge", Comparison.AT_MOST, "periods"),
    /** Time since entering SHADOW, at least the minimum shadow period. */
    SHADOW_PERIOD("time in shadow", Comparison.AT_LEAST, "");

    /** How a figure must compare with its threshold to pass; the text of a pass and of a failure. */
    public enum Comparison {
        AT_LEAST(">=", "<"),
        ABOVE(">", "<="),
        AT_MOST("<=", ">");

        private final String holdsSymbol;
        private final String failsSymbol;

        Comparison(String holdsSymbol, String failsSymbol) {
            this.holdsSymbol = holdsSymbol;
            this.failsSymbol = failsSymbol;
        }

        /** Whether the figure passes against the threshold. */
        public boolean holds(double figure, double threshold) {
            return switch (this) {
                case AT_LEAST -> figure >= threshold;
                case ABOVE -> figure > threshold;
                case AT_MOST -> figure <= threshold;
            };
        }

        /** The symbol that holds between the figure and the threshold, e.g. {@code >=} or, when it fails, {@code <}. */
        public String symbol(boolean holds) {
            return holds ? holdsSymbol : failsSymbol;
        }
    }

    private final String label;
    private final Comparison comparison;
    private final String sampleUnit;

    Gate(String label, Comparison comparison, String sampleUnit) {
        this.label = label;
        this.comparison = comparison;
        this.sampleUnit = sampleUnit;
    }

    public String label() {
        return label;
    }

    public Comparison comparison() {
        return comparison;
    }

    /** What the gate's samples are ("periods", "trades", "fills"), empty when it counts none. */
    public String sampleUnit() {
        return sampleUnit;
    }
}
