package memesnipe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the memesnipe command. */
@Command(name = "memesnipe", mixinStandardHelpOptions = true, version = "memesnipe 0.1.0",
        description = "MemeSnipe: an automated crypto trading engine of five gRPC nodes. Paper trading by default.",
        subcommands = {DemoCommand.class, NodeCommand.class, CertsCommand.class, AdminCommand.class, BenchCommand.class,
                SignerCommand.class, JournalCommand.class, InitCommand.class, BacktestCommand.class, WalkForwardCommand.class,
                HealthCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setParameterExceptionHandler((ex, a) -> {
            System.err.println("memesnipe: " + ex.getMessage() + " (see memesnipe --help)");
            return 2;
        });
        System.exit(cmd.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
