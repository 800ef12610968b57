package memesnipe.cli;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayEvent;
import memesnipe.gateway.replay.ReplayFiles;
import memesnipe.gateway.replay.ReplayFormat;
import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.validation.ValidationLimits;
import memesnipe.model.money.Fixed;
import memesnipe.model.text.Printable;
import memesnipe.strategy.core.Strategies;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options `memesnipe backtest` and `memesnipe walkforward` share: the market data file and the costs and capital
 * the kernel runs with; reads the file and builds the kernel's settings (both with one-line errors).
 */
final class MarketDataOptions {
    @Option(names = "--data", paramLabel = "FILE",
            description = "market data: trades CSV (timestamp,price,amount), OHLCV bars (CSV or JSON), a journal "
                    + "export, or JSON Lines of trades and signals (required unless a command offers --scenario)")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "the data's format (default: guessed from the file); one of trades-csv, bars-csv, "
                    + "bars-json, journal-csv, jsonl")
    String format;

    @Option(names = "--lot-exponents", paramLabel = "SYMBOL=K,...",
            description = "symbols traded in lots of 10^K units, e.g. PEPE=6 (as the gateway's setting; default: "
                    + "single units)")
    String lotExponents;

    @Option(names = "--symbol", defaultValue = "BTC",
            description = "symbol of a file that names none (default: ${DEFAULT-VALUE})")
    String symbol;

    @Option(names = "--fee-bps", paramLabel = "BPS", description = "paper fee on the fill notional (default: the executor's)")
    Integer feeBps;

    @Option(names = "--slippage-bps", paramLabel = "BPS",
            description = "paper slippage against the mark (default: the executor's)")
    Integer slippageBps;

    @Option(names = "--participation-bps", paramLabel = "BPS",
            description = "paper fills take at most this share of the volume the latest event traded, the rest is not "
                    + "filled (default: the executor's, 0 = no cap)")
    Integer participationBps;

    @Option(names = "--capital", paramLabel = "USD", description = "starting capital (default: a new deployment's)")
    String capital;

    @Option(names = "--liquidity-usd", defaultValue = "1000000000", paramLabel = "USD",
            description = "quoted liquidity assumed for data that carries none, for the liquidity check (default: ${DEFAULT-VALUE})")
    double liquidityUsd;

    /** The format asked for, or null to guess; IllegalArgumentException for an unknown one. */
    ReplayFormat format() {
        if (format == null) {
            return null;
        }
        return ReplayFormat.fromId(format).orElseThrow(() -> new IllegalArgumentException(
                "--format must be one of " + ReplayFormat.ids()));
    }

    /**
     * Reads the file (ReplayFileException with one line when it cannot be used), pricing perp marks per lot of the
     * settings.
     */
    ReplayData load(KernelSettings settings) {
        return ReplayFiles.load(data, format(), symbol, settings.lots());
    }

    /**
     * The events (ticks and signals) arriving at their own time; ticks quote the liquidity the file records, else
     * the assumed one.
     */
    List<Arrival> arrivals(ReplayData loaded) {
        List<FeedEvent> events = new ArrayList<>(loaded.events().size());
        for (ReplayEvent e : loaded.events()) {
            events.add(e.raw(liquidityUsd));
        }
        List<Arrival> out = new ArrayList<>(events.size());
        Arrival.asRecorded(events).forEach(out::add);
        return out;
    }

    /** The kernel's settings: the nodes' defaults with these options (IllegalArgumentException for a bad value). */
    KernelSettings settings(List<String> strategies) {
        KernelSettings s = KernelSettings.defaults();
        if (strategies != null) {
            for (String name : strategies) {
                if (!Strategies.KNOWN.contains(name)) {
                    throw new IllegalArgumentException("unknown strategy '" + Printable.of(name, 80) + "' (known: "
                            + String.join(", ", Strategies.KNOWN) + ")");
                }
            }
            s = s.withStrategies(strategies);
        }
        if (feeBps != null || slippageBps != null) {
            int fee = feeBps == null ? s.feeBps() : feeBps;
            int slip = slippageBps == null ? s.slippageBps() : slippageBps;
            if (fee < 0 || fee > 1_000 || slip < 0 || slip > 1_000) {
                throw new IllegalArgumentException("--fee-bps and --slippage-bps must be within 0..1000");
            }
            s = s.withCosts(slip, fee);
        }
        if (participationBps != null) {
            if (participationBps < 0 || participationBps > 10_000) {
                throw new IllegalArgumentException("--participation-bps must be within 0..10000");
            }
            s = s.withParticipation(participationBps);
        }
        if (capital != null) {
            long c;
            try {
                c = Fixed.parse(capital);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--capital is not a decimal amount");
            }
            if (c <= 0) {
                throw new IllegalArgumentException("--capital must be > 0");
            }
            s = s.withCapital(c);
        }
        if (lotExponents != null) {
            try {
                s = s.withLots(LotExponents.parse(lotExponents));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--lot-exponents " + Printable.of(e.getMessage(), 120));
            }
        }
        if (!(liquidityUsd >= 0)) {
            throw new IllegalArgumentException("--liquidity-usd must be >= 0");
        }
        ValidationLimits v = s.validation();
        return s.withValidation(new ValidationLimits(v.maxAgeMs(), v.maxFutureMs(), v.maxDeviationPct(),
                Math.min(v.minLiquidityUsd(), liquidityUsd)));
    }

    String fileName() {
        return Printable.of(data.getFileName().toString());
    }
}
