package memesnipe.gateway.feed;

import java.util.List;

/**
 * How one simulated symbol behaves.
 *
 * @param symbol        upper-case symbol
 * @param startPrice    initial (and long-run fair) price, USD
 * @param volPerSecond  standard deviation of the log return over one second (0.002 = 0.2 %)
 * @param liquidityUsd  typical quoted liquidity, USD
 * @param tradeUsd      mean traded notional per tick, USD
 */
public record SymbolSpec(String symbol, double startPrice, double volPerSecond, double liquidityUsd, double tradeUsd) {

    /** The default memecoin-flavoured universe. */
    public static List<SymbolSpec> defaults() {
        return List.of(
                new SymbolSpec("SOL", 150.0, 0.0020, 2_000_000, 2_000),
                new SymbolSpec("BONK", 0.000025, 0.0050, 300_000, 500),
                new SymbolSpec("WIF", 2.50, 0.0040, 500_000, 800),
                new SymbolSpec("PEPE", 0.000012, 0.0050, 60_000, 300),
                new SymbolSpec("JUP", 0.90, 0.0030, 800_000, 1_000));
    }
}
