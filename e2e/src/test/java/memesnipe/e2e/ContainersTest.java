package memesnipe.e2e;

import io.vertx.core.Vertx;
import memesnipe.kit.testing.Await;
import memesnipe.kit.testing.TcpProxy;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real node image (scripts/image.sh) run as five podman containers, each on its own address, on networks laid
 * out as in deploy/compose: trading (gateway, strategy, risk, executor), signing (the executor and the signer only;
 * the signer listens on that address alone), feed (the signer subscribes to the gateway's prices) and data
 * (PostgreSQL and Redis, reached through relays on that network's host address, since the test servers listen on
 * loopback). Every container runs non-root on a read-only root filesystem with all capabilities dropped and
 * restarts itself. Shown: the system trades; the signer is reachable from the executor's container and from no
 * other; a SIGKILLed container comes back by itself and trading goes on.
 * Needs podman (scripts/podman-setup.sh); skipped without it, except under CI=true where it fails.
 */
class ContainersTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String IMAGE = "localhost/memesnipe:latest";
    static final String JAVA = "/opt/jre/bin/java";

    final String run = "ms" + Long.toHexString(System.nanoTime() & 0xffffffL);
    final List<String> containers = Collections.synchronizedList(new ArrayList<>());
    final List<String> networks = new ArrayList<>();

    @Test
    void realImages_onTheirOwnAddresses_trade_onlyTheExecutorReachesTheSigner_andAKilledContainerRecovers()
            throws Exception {
        requirePodman();
        buildNodeImage();
        Path dir = Files.createTempDirectory("containers");
        Vertx vertx = Vertx.vertx();
        TcpProxy pg = null;
        TcpProxy redis = null;
        try (TestDatabase db = TestDatabase.create()) {
            String trading = network("trading", false);
            String signing = network("signing", true);
            String feed = network("feed", false);
            String data = network("data", false);
            String signerIp = subnetPrefix(signing) + ".10";

            Path certs = dir.resolve("certs");
            CertificateAuthority.writeDeployment(certs, List.of(signerIp), Duration.ofDays(1));
            Map<NodeName, Path> mounts = new EnumMap<>(NodeName.class);
            for (NodeName n : NodeName.values()) {
                Path own = Files.createDirectories(dir.resolve("mount").resolve(n.id()));
                for (String f : List.of("ca.pem", n.id() + ".pem", n.id() + "-key.pem")) {
                    Files.copy(certs.resolve(f), own.resolve(f));
                }
                mounts.put(n, own);
            }
            Files.copy(certs.resolve("risk-approval.key"), mounts.get(NodeName.RISK).resolve("risk-approval.key"));
            Files.copy(certs.resolve("risk-approval.pub"), mounts.get(NodeName.EXECUTOR).resolve("risk-approval.pub"));
            Files.copy(certs.resolve("risk-approval.pub"), mounts.get(NodeName.SIGNER).resolve("risk-approval.pub"));
            Files.writeString(mounts.get(NodeName.SIGNER).resolve("signer-key.pass"), "container-test-passphrase\n");
            sh(dir, 30, "chmod", "-R", "go-rwx", "mount");
            sh(dir, 30, "chown", "-R", "65532:65532", "mount");
            memesnipe.risk.ledger.Deployments.init(vertx, db.settings(), 10_000 * memesnipe.model.money.Fixed.ONE, true,
                    "containers", System.currentTimeMillis()).await(60, TimeUnit.SECONDS);

            int statusPort = free();
            // the gateway first: its start brings the data network's host address up, where the relays listen
            start(NodeName.GATEWAY, mounts, List.of(trading + ":alias=gateway", feed + ":alias=gateway", data),
                    List.of("-p", "127.0.0.1:" + statusPort + ":8080"),
                    Map.of("MEMESNIPE_HTTP_HOST", "0.0.0.0", "MEMESNIPE_HTTP_PORT", "8080",
                            "MEMESNIPE_STRATEGY", "strategy:7002", "MEMESNIPE_RISK", "risk:7003",
                            "MEMESNIPE_EXECUTOR", "executor:7004", "MEMESNIPE_REDIS_URL", "redis://REDIS"));
            InetAddress host = InetAddress.getByName(gateway(data));
            Await.until("the data network's host address is up", Duration.ofSeconds(30), () -> {
                try (ServerSocket probe = new ServerSocket(0, 1, host)) {
                    return true;
                }
            });
            pg = TcpProxy.on(host, Integer.parseInt(db.url().replaceAll(".*:(\\d+)/.*", "$1")));
            redis = TcpProxy.on(host, 6379);
            String pgUrl = "postgresql://" + TestDatabase.user() + "@" + host.getHostAddress() + ":" + pg.port() + "/" + db.name();
            String redisUrl = "redis://" + host.getHostAddress() + ":" + redis.port();
            // the gateway's Redis address is only known now: restart it with it (its journal reconnects anyway)
            remove(NodeName.GATEWAY);
            start(NodeName.GATEWAY, mounts, List.of(trading + ":alias=gateway", feed + ":alias=gateway", data),
                    List.of("-p", "127.0.0.1:" + statusPort + ":8080"),
                    Map.of("MEMESNIPE_HTTP_HOST", "0.0.0.0", "MEMESNIPE_HTTP_PORT", "8080",
                            "MEMESNIPE_STRATEGY", "strategy:7002", "MEMESNIPE_RISK", "risk:7003",
                            "MEMESNIPE_EXECUTOR", "executor:7004", "MEMESNIPE_REDIS_URL", redisUrl));
            start(NodeName.SIGNER, mounts, List.of(signing + ":ip=" + signerIp, feed), List.of(),
                    Map.of("MEMESNIPE_HOST", signerIp, "MEMESNIPE_GATEWAY", "gateway:7001",
                            "MEMESNIPE_KEY_FILE", "/data/signer-key.pem",
                            "MEMESNIPE_KEY_PASSPHRASE_FILE", "/etc/memesnipe/certs/signer-key.pass",
                            "MEMESNIPE_AUDIT_FILE", "/data/signer-audit.log"));
            start(NodeName.EXECUTOR, mounts, List.of(trading + ":alias=executor", signing, data), List.of(),
                    Map.of("MEMESNIPE_GATEWAY", "gateway:7001", "MEMESNIPE_SIGNER", signerIp + ":7005",
                            "MEMESNIPE_PG_URL", pgUrl, "MEMESNIPE_WAL_FILE", "/data/executor-wal.log",
                            "MEMESNIPE_PAPER_VENUE_DIR", "/data/paper-venue"));
            start(NodeName.RISK, mounts, List.of(trading + ":alias=risk", data), List.of(),
                    Map.of("MEMESNIPE_GATEWAY", "gateway:7001", "MEMESNIPE_EXECUTOR", "executor:7004",
                            "MEMESNIPE_PG_URL", pgUrl, "MEMESNIPE_WAL_FILE", "/data/risk-wal.log",
                            "MEMESNIPE_REDIS_URL", redisUrl));
            start(NodeName.STRATEGY, mounts, List.of(trading + ":alias=strategy"), List.of(),
                    Map.of("MEMESNIPE_GATEWAY", "gateway:7001", "MEMESNIPE_RISK", "risk:7003"));

            StatusApi api = new StatusApi(statusPort);
            api.await("all five containers serve and the system trades", Duration.ofSeconds(180),
                    () -> allServing(api) && api.portfolio("fills") > 0, this::logs);

            // who can reach the signer: a health check from inside each container, over each route it has
            assertThat(healthFrom(NodeName.EXECUTOR, signerIp + ":7005")).as("executor -> signer").isZero();
            for (NodeName n : List.of(NodeName.GATEWAY, NodeName.STRATEGY, NodeName.RISK)) {
                assertThat(healthFrom(n, signerIp + ":7005")).as(n + " -> signer (signing address)").isEqualTo(1);
            }
            String signerOnFeed = address(NodeName.SIGNER, feed);
            assertThat(healthFrom(NodeName.GATEWAY, signerOnFeed + ":7005"))
                    .as("gateway -> signer's feed address, where it does not listen").isEqualTo(1);
            assertThat(healthFrom(NodeName.RISK, "executor:7004")).as("risk -> executor").isZero();

            // SIGKILL one node: its container restarts by itself, the others reconnect, trading goes on
            long fillsBefore = api.portfolio("fills");
            // the node's JVM dies as in a crash (killed from the host; `podman kill` would count as an operator's stop)
            String pid = sh(dir, 30, "podman", "inspect", name(NodeName.RISK), "--format", "{{.State.Pid}}").trim();
            sh(dir, 30, "kill", "-KILL", pid);
            Await.until("risk restarted by its container's restart policy", Duration.ofSeconds(60),
                    () -> restarts(NodeName.RISK) >= 1);
            api.await("every node serves again and new fills arrive", Duration.ofSeconds(180),
                    () -> allServing(api) && api.portfolio("fills") > fillsBefore, this::logs);
            System.out.printf("containers: %d fills before the kill, %d after; risk restarted %d time(s)%n",
                    fillsBefore, api.portfolio("fills"), restarts(NodeName.RISK));
        } finally {
            for (String c : List.copyOf(containers)) {
                quietly("podman", "rm", "-f", "-v", c);
            }
            for (String n : networks) {
                quietly("podman", "network", "rm", "-f", n);
            }
            if (pg != null) {
                pg.close();
            }
            if (redis != null) {
                redis.close();
            }
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static boolean imageBuilt;

    /** Builds the node image (scripts/image.sh) once per test run: the container tests share it. */
    static synchronized void buildNodeImage() throws Exception {
        if (!imageBuilt) {
            sh(REPO, 300, "scripts/image.sh");
            imageBuilt = true;
        }
    }

    static boolean allServing(StatusApi api) {
        for (NodeName n : NodeName.values()) {
            if (!Boolean.TRUE.equals(api.serving(n.id()))) {
                return false;
            }
        }
        return true;
    }

    String name(NodeName n) {
        return run + "-" + n.id();
    }

    /** Runs one node's container: the real image, hardened as in deploy/compose, restarting itself. */
    void start(NodeName n, Map<NodeName, Path> mounts, List<String> nets, List<String> extra, Map<String, String> env)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("podman", "run", "-d", "--name", name(n), "--restart=always",
                "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "--memory", "512m", "-v", mounts.get(n) + ":/etc/memesnipe/certs:ro", "-v", "/data",
                "-e", "MEMESNIPE_GRPC_PORT=" + grpcPort(n)));
        for (String net : nets) {
            cmd.add("--network");
            cmd.add(net);
        }
        env.forEach((k, v) -> {
            cmd.add("-e");
            cmd.add(k + "=" + v);
        });
        cmd.addAll(extra);
        cmd.addAll(List.of(IMAGE, "node", n.id()));
        containers.add(name(n));
        sh(REPO, 60, cmd.toArray(String[]::new));
    }

    void remove(NodeName n) throws Exception {
        sh(REPO, 60, "podman", "rm", "-f", "-v", name(n));
        containers.remove(name(n));
    }

    static int grpcPort(NodeName n) {
        return 7001 + n.ordinal();
    }

    /** Exit code of `memesnipe health` run inside the node's container against that address (0 = SERVING). */
    int healthFrom(NodeName from, String address) throws Exception {
        Process p = new ProcessBuilder("podman", "exec", name(from), JAVA, "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-jar", "/opt/memesnipe/memesnipe.jar", "health", "--address", address, "--timeout-ms", "3000")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    int restarts(NodeName n) throws Exception {
        return Integer.parseInt(sh(REPO, 30, "podman", "inspect", name(n), "--format", "{{.RestartCount}}").trim());
    }

    String address(NodeName n, String network) throws Exception {
        return sh(REPO, 30, "podman", "inspect", name(n), "--format",
                "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}").trim();
    }

    String network(String purpose, boolean internal) throws Exception {
        String name = run + "-" + purpose;
        List<String> cmd = new ArrayList<>(List.of("podman", "network", "create"));
        if (internal) {
            cmd.add("--internal");
        }
        cmd.add(name);
        sh(REPO, 30, cmd.toArray(String[]::new));
        networks.add(name);
        return name;
    }

    static String subnetPrefix(String network) throws Exception {
        String subnet = sh(REPO, 30, "podman", "network", "inspect", network, "--format",
                "{{range .Subnets}}{{.Subnet}}{{end}}").trim();
        assertThat(subnet).as("a /24 subnet").endsWith(".0/24");
        return subnet.substring(0, subnet.lastIndexOf('.'));
    }

    static String gateway(String network) throws Exception {
        return sh(REPO, 30, "podman", "network", "inspect", network, "--format",
                "{{range .Subnets}}{{.Gateway}}{{end}}").trim();
    }

    /** The last lines of every container's log, for a failure message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (String c : List.copyOf(containers)) {
            try {
                Process p = new ProcessBuilder("podman", "logs", "--tail", "15", c).redirectErrorStream(true).start();
                b.append("--- ").append(c).append('\n')
                        .append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                b.append("--- ").append(c).append(": ").append(e).append('\n');
            }
        }
        return b.toString();
    }

    static void requirePodman() {
        boolean usable;
        try {
            Process p = new ProcessBuilder("podman", "info").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            usable = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            usable = false;
        }
        if (!usable && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("podman is not usable: scripts/podman-setup.sh installs and configures it");
        }
        Assumptions.assumeTrue(usable, "podman not usable here: run scripts/podman-setup.sh");
    }

    /** Runs a command to completion and returns its output; a non-zero exit fails the test with the output. */
    static String sh(Path dir, int timeoutSeconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    static void quietly(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // cleanup: nothing more to do
        }
    }

    static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
