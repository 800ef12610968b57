package memesnipe.cli;

import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import memesnipe.kit.tls.TlsWarmup;
import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.Settings;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs one node as its own process; settings come from --key value flags and MEMESNIPE_* environment variables. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Runs one node: gateway, strategy, risk, executor or signer.",
                "Settings: --key value flags or MEMESNIPE_KEY environment variables (flags win).",
                "Use --settings to list a node's settings with their defaults."})
final class NodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NODE", description = "gateway | strategy | risk | executor | signer")
    String node;

    @Option(names = "--settings", description = "list this node's settings and defaults, then exit")
    boolean listSettings;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        NodeName name = NodeName.fromId(node).orElse(null);
        if (name == null) {
            System.err.println("memesnipe node: unknown node '" + node + "' (one of "
                    + String.join(", ", Arrays.stream(NodeName.values()).map(NodeName::id).toList()) + ")");
            return 2;
        }
        if (listSettings) {
            for (Map.Entry<String, String> e : Nodes.documentation(name).entrySet()) {
                System.out.printf("  --%-28s %s%n", e.getKey(), e.getValue());
            }
            return 0;
        }
        VerticleBase verticle;
        try {
            verticle = Nodes.create(name, Settings.fromEnvironment(System.getenv()).withFlags(settings), Clock.system());
        } catch (ConfigException e) {
            System.err.println("memesnipe node " + name + ": invalid configuration: " + String.join("; ", e.problems()));
            return 2;
        }
        TlsWarmup.warm();
        Vertx vertx = memesnipe.kit.metrics.NodeMetrics.vertx(new io.vertx.core.VertxOptions(), name.id());
        try {
            vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("memesnipe node " + name + ": " + rootMessage(e));
            vertx.close();
            return 1;
        }
        System.err.println("memesnipe node " + name + " running, gRPC port " + Nodes.grpcPort(verticle));
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Shutdown.close(vertx);
            done.countDown();
        }));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() != null && !t.getMessage().contains(":")) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
