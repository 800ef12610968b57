package memesnipe.e2e;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five nodes as five JVMs started from the built jar, talking gRPC over TLS with certificates made by
 * `memesnipe certs`; nodes are SIGKILLed and restarted while the status API and fills are watched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessClusterTest {
    static final String[] NODES = {"signer", "executor", "risk", "strategy", "gateway"};
    static Path dir;
    static Path certs;
    /** The executor's ledger. */
    static memesnipe.kit.testing.TestDatabase executorDb;
    static final String STREAM = "e2e:events:" + java.util.UUID.randomUUID();
    static final Map<String, Integer> ports = new LinkedHashMap<>();
    static final Map<String, NodeProcess> procs = new LinkedHashMap<>();
    static int httpPort;
    static long startedAtNs;

    @BeforeAll
    static void startCluster() throws Exception {
        dir = Files.createTempDirectory("memesnipe-e2e");
        executorDb = memesnipe.kit.testing.TestDatabase.create();
        certs = dir.resolve("certs");
        NodeProcess certsCmd = new NodeProcess(dir, "certs", List.of("certs", "--out", certs.toString())).start();
        assertThat(certsCmd.waitFor(Duration.ofSeconds(60))).as(certsCmd.output()).isZero();
        NodeProcess init = new NodeProcess(dir, "init", List.of("init", "--pg-url", executorDb.url())).start();
        assertThat(init.waitFor(Duration.ofSeconds(60))).as(init.output()).isZero();
        for (String n : NODES) {
            ports.put(n, NodeProcess.freePort());
        }
        httpPort = NodeProcess.freePort();
        startedAtNs = System.nanoTime();
        for (String n : NODES) {
            start(n);
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (NodeProcess p : procs.values()) {
            p.stop();
        }
        if (executorDb != null) {
            executorDb.close();
        }
    }

    static String addr(String node) {
        return "127.0.0.1:" + ports.get(node);
    }

    static void start(String node) throws Exception {
        List<String> args = new ArrayList<>(List.of("node", node, "--host", "127.0.0.1",
                "--grpc-port", String.valueOf(ports.get(node)), "--certs-dir", certs.toString()));
        switch (node) {
            case "gateway" -> args.addAll(List.of("--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
                    "--strategy", addr("strategy"), "--risk", addr("risk"), "--executor", addr("executor"),
                    "--journal-stream", STREAM));
            case "strategy" -> args.addAll(List.of("--gateway", addr("gateway"), "--risk", addr("risk")));
            case "risk" -> args.addAll(List.of("--gateway", addr("gateway"), "--executor", addr("executor"),
                    "--pg-url", executorDb.url(), "--wal-file", dir.resolve("risk-wal.log").toString(),
                    "--journal-stream", STREAM));
            case "executor" -> args.addAll(List.of("--gateway", addr("gateway"), "--signer", addr("signer"),
                    "--pg-url", executorDb.url(), "--wal-file", dir.resolve("executor-wal.log").toString(),
                    "--paper-venue-dir", dir.resolve("paper-venue").toString()));
            case "signer" -> args.addAll(List.of("--gateway", addr("gateway"), "--key-file", dir.resolve("signer-key.der").toString(),
                    "--audit-file", dir.resolve("signer-audit.log").toString(),
                    "--key-passphrase-file", memesnipe.kit.testing.TestSecrets.passphraseFile(dir).toString()));
            default -> throw new IllegalArgumentException(node);
        }
        procs.put(node, new NodeProcess(dir, node, args).start());
    }

    static StatusApi api() {
        return new StatusApi(httpPort);
    }

    static JsonObject status() {
        return api().status();
    }

    static long fills() {
        return api().portfolio("fills");
    }

    static Boolean serving(String node) {
        return api().serving(node);
    }

    static void await(String what, Duration within, Supplier<Boolean> condition) throws InterruptedException {
        api().await(what, within, condition, () -> {
            StringBuilder logs = new StringBuilder();
            procs.forEach((n, p) -> logs.append("\n--- ").append(n).append(" (alive=").append(p.alive()).append(")\n")
                    .append(tail(p.output())));
            return logs.toString();
        });
    }

    static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    @Test
    @Order(1)
    void allNodesServe_andFillsAppear() throws Exception {
        // a bound for liveness, not a speed figure: five JVMs starting on a busy two-core machine take their time
        Duration left = Duration.ofSeconds(60).minusNanos(System.nanoTime() - startedAtNs);
        await("a fill reported by the status API", left, () -> fills() > 0);
        await("every node serving", Duration.ofSeconds(5), () -> {
            for (String n : NODES) {
                if (!Boolean.TRUE.equals(serving(n))) {
                    return false;
                }
            }
            return true;
        });
        JsonObject s = status();
        assertThat(s.getJsonObject("breaker").getString("tier")).isEqualTo("NORMAL");
        assertThat(s.getJsonObject("feed").getLong("eventsIn")).isPositive();
        assertThat(s.getJsonArray("nodes")).hasSize(5);
        assertThat(s.getJsonArray("nodes").getJsonObject(0).getString("address")).startsWith("127.0.0.1:");
    }

    @Test
    @Order(2)
    void strategyKilled_isShownNotServingWithin5s_andFillsResumeAfterRestart() throws Exception {
        procs.get("strategy").kill();
        await("strategy shown as not serving", Duration.ofSeconds(5), () -> Boolean.FALSE.equals(serving("strategy")));
        start("strategy");
        await("strategy serving again", Duration.ofSeconds(20), () -> Boolean.TRUE.equals(serving("strategy")));
        long before = fills();
        await("fills resume after the strategy restart", Duration.ofSeconds(40), () -> fills() > before);
    }

    @Test
    @Order(3)
    void gatewayKilled_subscribersReconnectAfterRestart_andFillsResume() throws Exception {
        procs.get("gateway").kill();
        await("status API down with the gateway", Duration.ofSeconds(5), () -> status() == null);
        start("gateway");
        await("status API back", Duration.ofSeconds(20), () -> status() != null);
        await("strategy, risk and executor resubscribed", Duration.ofSeconds(15), () -> {
            JsonObject s = status();
            return s != null && s.getJsonObject("feed").getLong("subscribers", 0L) >= 3;
        });
        long before = fills();
        await("fills resume after the gateway restart", Duration.ofSeconds(40), () -> fills() > before);
    }

    @Test
    @Order(4)
    void executorKilled_showsExecutorAndSignerNotServing_andAfterRestartFillsResume() throws Exception {
        procs.get("executor").kill();
        await("executor and signer (seen through it) not serving", Duration.ofSeconds(5),
                () -> Boolean.FALSE.equals(serving("executor")) && Boolean.FALSE.equals(serving("signer")));
        assertThat(serving("risk")).isTrue();
        long before = fills();
        start("executor");
        await("executor and signer serving again", Duration.ofSeconds(20),
                () -> Boolean.TRUE.equals(serving("executor")) && Boolean.TRUE.equals(serving("signer")));
        await("fills from the restarted executor reach risk", Duration.ofSeconds(60),
                () -> fills() > before);
    }
}
