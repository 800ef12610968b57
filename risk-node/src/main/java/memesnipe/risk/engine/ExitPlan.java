package memesnipe.risk.engine;

/** Exit rules for one position: stop-loss, take-profit and trailing stop in bps (0 = none), and the high-water mark. */
record ExitPlan(int stopLossBps, int takeProfitBps, int trailingStopBps, long highWaterE8) {
    ExitPlan withHigh(long priceE8) {
        return priceE8 > highWaterE8 ? new ExitPlan(stopLossBps, takeProfitBps, trailingStopBps, priceE8) : this;
    }
}
