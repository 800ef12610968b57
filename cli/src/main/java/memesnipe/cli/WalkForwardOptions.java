package memesnipe.cli;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.backtest.kernel.KernelSettings;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayFileException;
import memesnipe.model.text.Printable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** What a walk-forward runs on (market data, in-sample and out-of-sample lengths), read for walkforward and promote. */
final class WalkForwardOptions {
    @Mixin
    MarketDataOptions market = new MarketDataOptions();

    @Option(names = "--in-sample", defaultValue = "P2D", paramLabel = "DURATION",
            description = "in-sample length, ISO-8601 (P2D, PT12H; default: ${DEFAULT-VALUE})")
    String inSample;

    @Option(names = "--out-of-sample", defaultValue = "P1D", paramLabel = "DURATION",
            description = "out-of-sample length and window step (default: ${DEFAULT-VALUE})")
    String outOfSample;

    /** The kernel's settings, the two lengths and the data in arrival order. */
    record Prepared(KernelSettings settings, long inSampleMs, long outOfSampleMs, List<Arrival> data) {
    }

    /** Why a command stops before walking forward: its one-line message is printed, and this is its exit code. */
    static final class Refused extends Exception {
        final int exitCode;

        Refused(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /**
     * Reads the options and the data for these strategies; a bad option (exit code 2) or unreadable data (1) prints
     * one line, "memesnipe COMMAND: ...", and is thrown as {@link Refused}.
     */
    Prepared prepare(String command, List<String> strategies) throws Refused {
        KernelSettings settings;
        long in;
        long oos;
        try {
            settings = market.settings(strategies);
            in = WalkForwardCommand.duration(inSample, "--in-sample");
            oos = WalkForwardCommand.duration(outOfSample, "--out-of-sample");
            market.format();
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe " + command + ": " + Printable.oneLine(e.getMessage(), 300));
            throw new Refused(2);
        }
        try {
            ReplayData loaded = market.load(settings);
            return new Prepared(settings, in, oos, market.arrivals(loaded));
        } catch (ReplayFileException e) {
            System.err.println("memesnipe " + command + ": " + Printable.oneLine(e.getMessage(), 500));
            throw new Refused(1);
        }
    }
}
