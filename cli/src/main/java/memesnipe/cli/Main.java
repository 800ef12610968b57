package memesnipe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the memesnipe command. */
@Command(name = "memesnipe", mixinStandardHelpOptions = true, version = "memesnipe 0.1.0",
        description = "MemeSnipe: an automated crypto trading engine of five gRPC nodes. Paper trading by default.",
        subcommands = {DemoCommand.class, NodeCommand.class, CertsCommand.class, AdminCommand.class, BenchCommand.class,
                SignerCommand.class, JournalCommand.class, InitCommand.class, BacktestCommand.class, WalkForwardCommand.class,
                PromoteCommand.class, StrategiesCommand.class, HealthCommand.class})
public final class Main implements Runnable {
    /** The system property (and environment variable) logback.xml reads to pick the log line format. */
    static final String LOG_FORMAT = "MEMESNIPE_LOG_FORMAT";

    @CommandLine.Option(names = "--log-format", paramLabel = "TEXT|JSON", scope = CommandLine.ScopeType.LOCAL,
            description = "log lines as TEXT (default) or JSON objects, one per line (also MEMESNIPE_LOG_FORMAT); "
                    + "give it before the command, e.g. memesnipe --log-format json node risk")
    void logFormat(String format) {
        logFormatOf(format); // validated here too, for the usage message; applied in main before logging starts
    }

    public static void main(String[] args) {
        // logging is configured as the first class logs, which can happen before picocli has parsed: read the flag
        // (or else the environment variable) first; a bad value is a usage error (exit 2), as for any other flag
        String format = System.getenv(LOG_FORMAT);
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--log-format=")) {
                format = args[i].substring("--log-format=".length());
            } else if (args[i].equals("--log-format") && i + 1 < args.length) {
                format = args[i + 1];
            }
        }
        if (format != null) {
            try {
                System.setProperty(LOG_FORMAT, logFormatOf(format));
            } catch (IllegalArgumentException e) {
                System.err.println("memesnipe: " + e.getMessage() + ", not " + memesnipe.model.text.Printable.of(format));
                System.exit(2);
            }
        }
        CommandLine cmd = new CommandLine(new Main());
        cmd.setParameterExceptionHandler((ex, a) -> {
            System.err.println("memesnipe: " + ex.getMessage() + " (see memesnipe --help)");
            return 2;
        });
        System.exit(cmd.execute(args));
    }

    /** TEXT or JSON, whatever the case it was given in. */
    static String logFormatOf(String format) {
        String f = format.toUpperCase(java.util.Locale.ROOT);
        if (!f.equals("TEXT") && !f.equals("JSON")) {
            throw new IllegalArgumentException("--log-format must be TEXT or JSON");
        }
        return f;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
