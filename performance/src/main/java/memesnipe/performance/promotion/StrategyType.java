package memesnipe.performance.promotion;

/** The kind of edge a strategy claims, which sets the win rate it must beat ({@link PromotionGates#minWinRateBps}). */
public enum StrategyType {
    /** Follows moves: fewer, larger wins (win rate must be above 55 % by default). */
    MOMENTUM,
    /** Fades moves back to a mean: many small wins (win rate must be above 65 % by default). */
    MEAN_REVERSION
}
