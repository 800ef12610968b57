package memesnipe.cli;

import memesnipe.backtest.kernel.Arrival;
import memesnipe.gateway.feed.sim.Scenarios;
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

    @Option(names = "--scenario", paramLabel = "NAME[:plain]",
            description = "instead of --data: the signal simulator NAME (the gateway's feed-scenarios names), its "
                    + "effect planted, or not with :plain")
    String scenario;

    @Option(names = "--scenario-hours", defaultValue = "8", paramLabel = "H",
            description = "simulated hours of --scenario, from Monday 2026-01-05 00:00 UTC (default: ${DEFAULT-VALUE})")
    int scenarioHours;

    @Option(names = "--scenario-seed", defaultValue = "1", paramLabel = "N",
            description = "the simulator's seed (default: ${DEFAULT-VALUE})")
    long scenarioSeed;

    /** Where a scenario's simulated time starts: a Monday 00:00 UTC, which is 09:00 in Seoul. */
    static final long SCENARIO_START_MS = java.time.Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

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
        if ((market.data == null) == (scenario == null)) {
            System.err.println("memesnipe " + command + ": give either --data FILE or --scenario NAME");
            throw new Refused(2);
        }
        if (scenario != null) {
            return new Prepared(settings, in, oos, simulated(command));
        }
        try {
            ReplayData loaded = market.load(settings);
            return new Prepared(settings, in, oos, market.arrivals(loaded));
        } catch (ReplayFileException e) {
            System.err.println("memesnipe " + command + ": " + Printable.oneLine(e.getMessage(), 500));
            throw new Refused(1);
        }
    }

    /** The scenario's events over its hours (one more second, so the last window is whole), polled every second. */
    private List<Arrival> simulated(String command) throws Refused {
        List<Scenarios.Spec> spec;
        try {
            spec = Scenarios.parse(scenario);
        } catch (IllegalArgumentException e) {
            System.err.println("memesnipe " + command + ": --scenario " + Printable.oneLine(e.getMessage(), 300));
            throw new Refused(2);
        }
        if (spec.size() != 1 || scenarioHours < 1 || scenarioHours > 24 * 31) {
            System.err.println("memesnipe " + command + ": one --scenario, and --scenario-hours within 1..744");
            throw new Refused(2);
        }
        return Arrival.simulate(Scenarios.create(spec, scenarioSeed).get(0), SCENARIO_START_MS,
                SCENARIO_START_MS + scenarioHours * 3_600_000L + 1_000, 1_000);
    }

    /** What the data is, for reports: the file's name or the scenario with its seed and length. */
    String source() {
        return scenario == null ? market.fileName()
                : "scenario " + scenario + " (seed " + scenarioSeed + ", " + scenarioHours + " simulated hours)";
    }
}
