package memesnipe.risk.breaker;

/** Execution quality as judged from latency, slippage and error rate; feeds the breaker tiers. */
public enum ExecQuality {
    OK, DEGRADED, BAD
}
