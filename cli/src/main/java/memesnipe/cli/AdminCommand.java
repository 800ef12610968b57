package memesnipe.cli;

import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.model.text.Printable;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.v1.BreakerEvent;
import memesnipe.v1.BreakerState;
import memesnipe.v1.GetBreakerRequest;
import memesnipe.v1.ResetRequest;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.TripRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Operator commands against a running risk node, over gRPC with the admin certificate. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operator commands against the risk node (uses DIR/admin.pem from 'memesnipe certs').",
        subcommands = {AdminCommand.Breaker.class, AdminCommand.Trip.class, AdminCommand.Reset.class})
final class AdminCommand {
    @Mixin
    RiskAdminOptions admin = new RiskAdminOptions();

    /** Runs one call with the admin certificate and prints the breaker it returns; one line on failure. */
    int call(java.util.function.Function<GrpcClient, io.vertx.core.Future<BreakerState>> rpc) {
        return withAdmin("admin", admin, rpc, AdminCommand::print);
    }

    /**
     * Runs one call against the risk node of the options with their admin certificate and hands the
     * answer to {@code print}: 0 when answered, 1 (one line on stderr) when the call failed, 2 for unusable options.
     */
    static <T> int withAdmin(String command, RiskAdminOptions options,
                             java.util.function.Function<GrpcClient, io.vertx.core.Future<T>> rpc,
                             java.util.function.Consumer<T> print) {
        String risk = options.risk;
        TlsFiles tls = TlsFiles.admin(options.certs);
        List<String> problems = tls.problems();
        HostPort address;
        try {
            address = HostPort.parse(risk);
        } catch (IllegalArgumentException e) {
            problems = new java.util.ArrayList<>(problems);
            problems.add("--risk '" + risk + "' " + e.getMessage());
            address = null;
        }
        if (!problems.isEmpty()) {
            System.err.println("memesnipe " + command + ": " + String.join("; ", problems));
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        try {
            io.vertx.grpc.client.GrpcClient client = GrpcClients.create(vertx, tls);
            T answer;
            try {
                answer = rpc.apply(client).await(30, TimeUnit.SECONDS);
            } finally {
                java.lang.ref.Reference.reachabilityFence(client); // an unreachable Vert.x client closes its pool
            }
            print.accept(answer);
            return 0;
        } catch (Exception e) {
            System.err.println("memesnipe " + command + ": " + address + ": " + NodeCommand.rootMessage(e));
            return 1;
        } finally {
            vertx.close();
        }
    }

    HostPort address() {
        return admin.address();
    }

    /** Prints the risk node's answer; its text is escaped (a terminal must not run control sequences from a peer). */
    static void print(BreakerState s) {
        System.out.printf("tier=%s since=%d reason=%s drawdown=%s%% dailyLoss=%s%% sizeMultiplier=%d%% suspended=%s%n",
                s.getTier(), s.getSinceMs(), Printable.of(s.getReason(), 240),
                Printable.of(s.getDrawdownPct()), Printable.of(s.getDailyLossPct()), s.getSizeMultiplierPct(),
                s.getSuspendedStrategiesList().stream().map(Printable::of).toList());
        for (BreakerEvent e : s.getEventsList()) {
            System.out.printf("  #%d %d %s -> %s: %s%n", e.getSeq(), e.getTimeMs(), e.getFrom(), e.getTo(),
                    Printable.of(e.getReason(), 240));
        }
        for (memesnipe.v1.StageChangeView c : s.getStageChangesList()) {
            System.out.printf("  stage %d %s%n", c.getTimeMs(), Printable.of(c.getText(), 2000));
        }
    }

    /** Prints the breaker and its recent transitions. */
    @Command(name = "breaker", mixinStandardHelpOptions = true, description = "Show the breaker and recent transitions.")
    static final class Breaker implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;

        @Override
        public Integer call() {
            return parent.call(c -> Calls.unary(c, parent.address(), RiskGrpcClient.GetBreaker,
                    GetBreakerRequest.getDefaultInstance(), 5000));
        }
    }

    /** Raises the breaker by hand (EMERGENCY flattens every position). */
    @Command(name = "trip", mixinStandardHelpOptions = true,
            description = "Raise the breaker (WARNING, CRITICAL or EMERGENCY); it holds until reset.")
    static final class Trip implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;

        @Option(names = "--tier", required = true, description = "WARNING, CRITICAL or EMERGENCY")
        String tier;

        @Option(names = "--reason", required = true, description = "why (kept with the transition)")
        String reason;

        @Override
        public Integer call() {
            return parent.call(c -> Calls.unary(c, parent.address(), RiskGrpcClient.Trip,
                    TripRequest.newBuilder().setTier(tier).setReason(reason).build(), 5000));
        }
    }

    /** Returns the breaker to NORMAL. */
    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Return to NORMAL (equity peak re-based, suspensions lifted, sizes ramp back).")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        AdminCommand parent;

        @Option(names = "--reason", defaultValue = "operator reset", description = "why")
        String reason;

        @Override
        public Integer call() {
            return parent.call(c -> Calls.unary(c, parent.address(), RiskGrpcClient.Reset,
                    ResetRequest.newBuilder().setReason(reason).build(), 5000));
        }
    }
}
