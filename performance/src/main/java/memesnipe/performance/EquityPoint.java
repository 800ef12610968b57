package memesnipe.performance;

/** One mark of the account's equity (cash plus positions at their marks) at a moment of the run. */
public record EquityPoint(long timeMs, long equityE8) {
}
