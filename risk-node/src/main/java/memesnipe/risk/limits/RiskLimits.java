package memesnipe.risk.limits;

import memesnipe.model.money.Fixed;
import memesnipe.model.money.OrderMaximums;

import java.util.ArrayList;
import java.util.List;

/**
 * Position and order limits, as basis points of marked equity where relative.
 *
 * @param perTradeBps          largest single entry (default 200 = 2 % of equity)
 * @param strategyCapBps       largest exposure of one strategy (default 1000 = 10 %)
 * @param symbolCapBps         largest exposure in one symbol across strategies (default 1500 = 15 %)
 * @param grossCapBps          largest total exposure (default 5000 = 50 %)
 * @param maxOpenPositions     most (strategy, symbol) positions open at once (default 20)
 * @param minNotionalE8        smallest entry worth sending, USD e8 (default 1 USD)
 * @param markMaxAgeMs         a mark older than this is no market data for entries (default 2000)
 * @param heldStaleMs          a held symbol without a tick for this long raises CRITICAL (default 5000)
 * @param entriesPerSecond     entry order-rate throttle, token refill per second (default 10)
 * @param entryBurst           token bucket size (default 20)
 * @param portfolioStopBps     flatten all positions when equity falls this far below the day's start (default 800)
 * @param defaultStopLossBps   stop-loss when neither intent nor strategy gives one (default 500)
 * @param maxOrderNotionalE8   largest single order, USD e8; larger exits are sent in pieces (default 900 USD,
 *                             below the executor's and the signer's own 1000 USD limit)
 * @param maxOrderQtyE8        largest quantity in a single order, base units e8: entries are resized to it, exits
 *                             go in pieces of at most it (default 10^10 units, as the executor and the signer)
 */
public record RiskLimits(int perTradeBps, int strategyCapBps, int symbolCapBps, int grossCapBps, int maxOpenPositions,
                         long minNotionalE8, long markMaxAgeMs, long heldStaleMs, int entriesPerSecond, int entryBurst,
                         int portfolioStopBps, int defaultStopLossBps, long maxOrderNotionalE8, long maxOrderQtyE8) {

    /** Limits with the default per-order quantity ({@link OrderMaximums#MAX_ORDER_QTY_DEFAULT}). */
    public RiskLimits(int perTradeBps, int strategyCapBps, int symbolCapBps, int grossCapBps, int maxOpenPositions,
                      long minNotionalE8, long markMaxAgeMs, long heldStaleMs, int entriesPerSecond, int entryBurst,
                      int portfolioStopBps, int defaultStopLossBps, long maxOrderNotionalE8) {
        this(perTradeBps, strategyCapBps, symbolCapBps, grossCapBps, maxOpenPositions, minNotionalE8, markMaxAgeMs,
                heldStaleMs, entriesPerSecond, entryBurst, portfolioStopBps, defaultStopLossBps, maxOrderNotionalE8,
                Fixed.parse(OrderMaximums.MAX_ORDER_QTY_DEFAULT));
    }

    public static RiskLimits defaults() {
        return new RiskLimits(200, 1000, 1500, 5000, 20, 100_000_000L, 2000, 5000, 10, 20, 800, 500,
                Fixed.parse(OrderMaximums.RISK_MAX_ORDER_NOTIONAL_DEFAULT));
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        for (int bps : new int[]{perTradeBps, strategyCapBps, symbolCapBps, grossCapBps}) {
            if (bps <= 0 || bps > 10_000) {
                p.add("exposure caps must be within (0, 100 %]");
                break;
            }
        }
        if (perTradeBps > strategyCapBps) {
            p.add("per-trade cap must not exceed the per-strategy cap");
        }
        if (maxOpenPositions < 1) {
            p.add("max open positions must be >= 1");
        }
        if (minNotionalE8 < 0 || markMaxAgeMs <= 0 || heldStaleMs <= 0) {
            p.add("min notional must be >= 0 and ages > 0");
        }
        if (entriesPerSecond < 1 || entryBurst < 1) {
            p.add("entry rate and burst must be >= 1");
        }
        if (maxOrderNotionalE8 <= minNotionalE8) {
            p.add("max order notional must be above the min notional");
        }
        if (maxOrderQtyE8 <= 0) {
            p.add("max order quantity must be > 0");
        }
        if (portfolioStopBps < 0 || portfolioStopBps > 10_000 || defaultStopLossBps < 0 || defaultStopLossBps >= 10_000) {
            p.add("stops must be within [0, 100 %)");
        }
        return p;
    }
}
