package memesnipe.e2e;

import memesnipe.kit.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static memesnipe.e2e.ContainersTest.REPO;
import static memesnipe.e2e.ContainersTest.quietly;
import static memesnipe.e2e.ContainersTest.sh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose/compose.yaml started end to end as a user starts it, with compose.standins.yaml on top (local
 * stand-ins for the upstream PostgreSQL, Redis, Prometheus and Alertmanager images, built offline by
 * deploy/compose/standins/build.sh; Grafana has none and is left out) and the real node image (scripts/image.sh), after
 * deploy/compose/prepare.sh. docker-compose 1.29 drives podman through its Docker API (`podman system service`): it
 * honours the file's start conditions, health checks and fixed addresses (podman-compose 1.0.3 ignores the first and
 * cannot read the last). Podman runs health checks from systemd timers, which this machine lacks: the test runs each
 * container's own check at its interval instead. Shown: every service starts and passes its health check (the init job
 * completes), the system trades (fills in the status API on the published port), Prometheus scrapes every node, the
 * signer answers at its address to the executor's container and to no other node's, and `down -v` removes
 * everything, also when the test fails. Runs on one machine take turns (a lock file): the file's fixed subnets exist
 * once. Needs podman, docker-compose (scripts/podman-setup.sh), openssl and root (the reachability probes run in the
 * containers' network namespaces); skipped without them, except under CI=true.
 */
class ComposeTest {
    static final String PROJECT = "memesnipe-composetest";
    static final String LABEL = "label=com.docker.compose.project=" + PROJECT;
    static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), PROJECT + ".lock");
    /** Services without a local stand-in (deploy/README.md). */
    static final Set<String> NOT_HERE = Set.of("grafana");
    static final Pattern PEER = Pattern.compile("Peer certificate: .*CN = ([\\w-]+)");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void composeFile_withStandIns_startsHealthy_trades_isScraped_andOnlyTheExecutorReachesTheSigner() throws Exception {
        requireTools();
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("compose");
        try (FileChannel lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = exclusively(lockFile)) {
            removeProject(); // left by a killed run (the lock is ours: no other run uses it); its subnets exist once
            Path deploy = Files.createDirectories(dir.resolve("deploy"));
            for (String d : List.of("compose", "prometheus", "alertmanager", "grafana")) {
                sh(REPO, 60, "cp", "-r", REPO.resolve("deploy").resolve(d).toString(), deploy.resolve(d).toString());
            }
            Path compose = deploy.resolve("compose");
            sh(compose, 60, "rm", "-rf", "secrets");
            ContainersTest.buildNodeImage();
            sh(REPO, 300, "deploy/compose/standins/build.sh");
            sh(compose, 60, "env", "MEMESNIPE_JAR=" + REPO.resolve("cli/target/memesnipe.jar"), "./prepare.sh");
            progress(started, "images built, secrets prepared");

            Path socket = dir.resolve("podman.sock");
            Process api = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("podman-service.log").toFile()).start();
            Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + socket, "COMPOSE_HTTP_TIMEOUT", "300",
                    "GATEWAY_HTTP_PORT", String.valueOf(ContainersTest.free()),
                    "PROMETHEUS_PORT", String.valueOf(ContainersTest.free()));
            try (HealthTimers timers = new HealthTimers()) {
                within("podman's Docker API answers on " + socket, Duration.ofSeconds(30), () -> answers(socket));
                upAndCheck(compose, env, started);
            } finally {
                try {
                    compose(compose, env, 180, "down", "-v", "--timeout", "5");
                } catch (AssertionError | Exception e) {
                    System.err.println("compose: down failed, removing the project with podman: " + e.getMessage());
                } finally {
                    removeProject();
                    api.destroy();
                    api.waitFor(30, TimeUnit.SECONDS);
                    progress(started, "down -v");
                }
            }
        } finally {
            quietly("rm", "-rf", dir.toString());
        }
        assertThat(sh(REPO, 30, "podman", "ps", "-a", "-q", "--filter", LABEL)).as("containers left").isBlank();
    }

    /** Starts every service but those without a stand-in, then checks what a user would look at. */
    static void upAndCheck(Path compose, Map<String, String> env, long started) throws Exception {
        List<String> services = new ArrayList<>(Arrays.asList(
                compose(compose, env, 60, "config", "--services").strip().split("\\s+")));
        services.removeAll(NOT_HERE);
        List<String> up = new ArrayList<>(List.of("up", "-d"));
        up.addAll(services);
        compose(compose, env, 300, up.toArray(String[]::new));
        progress(started, "compose up returned");

        within("every service running and healthy, init completed", Duration.ofSeconds(150),
                () -> services.stream().map(ComposeTest::state).allMatch(s -> s != null && s.ready()),
                () -> states(services));
        progress(started, "every service healthy");
        StatusApi status = new StatusApi(Integer.parseInt(env.get("GATEWAY_HTTP_PORT")));
        status.await("all five nodes serving and fills in the status API", Duration.ofSeconds(120),
                () -> ContainersTest.allServing(status) && status.portfolio("fills") > 0, () -> logs(services));
        progress(started, "trading: " + status.portfolio("fills") + " fills");

        int prometheus = Integer.parseInt(env.get("PROMETHEUS_PORT"));
        within("Prometheus scrapes all five nodes", Duration.ofSeconds(90),
                () -> targets(prometheus).values().stream().filter("up"::equals).count() == 5,
                () -> "targets: " + targets(prometheus));
        progress(started, "Prometheus: 5/5 targets up");
        assertThat(targets(prometheus)).containsOnlyKeys("gateway", "strategy", "risk", "executor", "signer");
        assertThat(get(prometheus, "/api/v1/alertmanagers").getJsonObject("data")
                .getJsonArray("activeAlertmanagers")).as("Prometheus found Alertmanager").hasSize(1);

        // who reaches the signer: from each container's network, which server (if any) proves with a certificate of
        // this deployment to be at the signer's signing address; on its feed address, shared with the gateway, the
        // signer does not listen. (A bare TCP connect proves nothing here: this machine's egress proxy accepts
        // connections to any outside address.)
        Path ca = compose.resolve("secrets/ca/ca.pem");
        Map<String, String> signer = addresses("signer");
        String signing = signer.get(PROJECT + "_signing");
        assertThat(serverAt("executor", signing, 7005, ca)).as("executor -> signer").isEqualTo("signer");
        for (String node : List.of("gateway", "strategy", "risk")) {
            assertThat(serverAt(node, signing, 7005, ca)).as(node + " -> signer's signing address").isNull();
        }
        assertThat(serverAt("gateway", signer.get(PROJECT + "_feed"), 7005, ca))
                .as("gateway -> signer's feed address").isNull();
        assertThat(serverAt("risk", addresses("executor").get(PROJECT + "_trading"), 7004, ca))
                .as("risk -> executor (the probe does reach a node where a route exists)").isEqualTo("executor");
        // and the signer answers the executor's health check by the name the executor uses (signer:7005)
        assertThat(sh(REPO, 90, "podman", "exec", container("executor"), ContainersTest.JAVA,
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-jar", "/opt/memesnipe/memesnipe.jar", "health",
                "--address", "signer:7005", "--timeout-ms", "30000")).contains("SERVING");
        progress(started, "only the executor reaches the signer");
    }

    /** The lock that keeps runs on one machine (other worktrees too) apart: the file's subnets can exist only once. */
    static FileLock exclusively(FileChannel file) throws Exception {
        FileLock[] lock = new FileLock[1];
        within("the lock " + LOCK + " (another compose test run holds it)", Duration.ofMinutes(10),
                () -> (lock[0] = file.tryLock()) != null);
        return lock[0];
    }

    static void progress(long started, String what) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("compose: %s after %d s%n", what, seconds);
    }

    /** docker-compose with the project's files (compose.yaml, then compose.standins.yaml); fails with its output. */
    static String compose(Path dir, Map<String, String> env, int timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "--ansi", "never", "-p", PROJECT,
                "-f", "compose.yaml", "-f", "compose.standins.yaml"));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done && p.exitValue() == 0).as(String.join(" ", cmd) + ":\n" + out).isTrue();
        return out;
    }

    static String container(String service) {
        return PROJECT + "_" + service + "_1";
    }

    /** A service's container as podman sees it; null while it does not exist. */
    record State(String status, int exitCode, String restart, String health) {
        /** A one-off job (restart "no") completed; any other service runs and passes its health check. */
        boolean ready() {
            if (restart.equals("no")) {
                return status.equals("exited") && exitCode == 0;
            }
            return status.equals("running") && (health.isEmpty() || health.equals("healthy"));
        }
    }

    static State state(String service) {
        String[] f;
        try {
            f = sh(REPO, 30, "podman", "inspect", container(service), "--format",
                    "{{.State.Status}}|{{.State.ExitCode}}|{{.HostConfig.RestartPolicy.Name}}|"
                            + "{{if .Config.Healthcheck}}{{.State.Health.Status}}{{end}}|")
                    .strip().split("\\|", -1);
        } catch (AssertionError | Exception e) {
            return null;
        }
        return new State(f[0], Integer.parseInt(f[1]), f[2], f[3]);
    }

    static String states(List<String> services) {
        StringBuilder b = new StringBuilder();
        for (String s : services) {
            b.append('\n').append(s).append(": ").append(state(s));
        }
        return b.append(logs(services)).toString();
    }

    /** The last lines of every service's log, for a failure message. */
    static String logs(List<String> services) {
        StringBuilder b = new StringBuilder();
        for (String s : services) {
            try {
                Process p = new ProcessBuilder("podman", "logs", "--tail", "10", container(s))
                        .redirectErrorStream(true).start();
                b.append("\n--- ").append(s).append('\n')
                        .append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                b.append("\n--- ").append(s).append(": ").append(e);
            }
        }
        return b.toString();
    }

    /** Prometheus's scrape targets of the memesnipe job: node -> health (up, down, unknown). */
    static Map<String, String> targets(int port) {
        Map<String, String> health = new TreeMap<>();
        try {
            JsonArray active = get(port, "/api/v1/targets").getJsonObject("data").getJsonArray("activeTargets");
            for (int i = 0; i < active.size(); i++) {
                JsonObject t = active.getJsonObject(i);
                if ("memesnipe".equals(t.getJsonObject("labels").getString("job"))) {
                    health.put(t.getJsonObject("labels").getString("node"), t.getString("health")
                            + (t.getString("lastError", "").isEmpty() ? "" : " (" + t.getString("lastError") + ")"));
                }
            }
        } catch (Exception e) {
            health.put("error", e.toString());
        }
        return health;
    }

    static JsonObject get(int port, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return new JsonObject(r.body());
    }

    /** A service container's address on each of its networks. */
    static Map<String, String> addresses(String service) throws Exception {
        Map<String, String> byNetwork = new HashMap<>();
        for (String entry : sh(REPO, 30, "podman", "inspect", container(service), "--format",
                "{{range $n, $s := .NetworkSettings.Networks}}{{$n}}={{$s.IPAddress}} {{end}}").strip().split(" ")) {
            byNetwork.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        return byNetwork;
    }

    /**
     * The node that answers at ip:port when asked from inside the service's container (its network namespace): the
     * common name of a TLS server certificate signed by the deployment's CA, or null when none answers.
     */
    static String serverAt(String service, String ip, int port, Path ca) throws Exception {
        String pid = sh(REPO, 30, "podman", "inspect", container(service), "--format", "{{.State.Pid}}").strip();
        Process p = new ProcessBuilder("nsenter", "--net=/proc/" + pid + "/ns/net", "timeout", "10", "openssl",
                "s_client", "-connect", ip + ":" + port, "-CAfile", ca.toString(), "-verify_return_error", "-brief")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Matcher cn = PEER.matcher(out);
        return p.exitValue() == 0 && cn.find() ? cn.group(1) : null;
    }

    static boolean answers(Path socket) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes whatever of the project is left (containers, networks, volumes), e.g. after a killed run. */
    static void removeProject() throws Exception {
        for (String kind : List.of("container", "network", "volume")) {
            String ids = sh(REPO, 60, "podman", kind, "ls", "-q", "--filter", LABEL).strip();
            if (!ids.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("podman", kind, "rm", "-f"));
                if (kind.equals("container")) {
                    rm.add("-v"); // with their anonymous volumes
                }
                rm.addAll(Arrays.asList(ids.split("\\s+")));
                quietly(rm.toArray(String[]::new));
            }
        }
    }

    /** Polls every second (the checks run podman) until the condition holds; fails after the bound, with context. */
    static void within(String what, Duration bound, Await.Check condition, Await.Context context) throws Exception {
        Await.until(what, bound, Duration.ofSeconds(1), condition, context);
    }

    static void within(String what, Duration bound, Await.Check condition) throws Exception {
        within(what, bound, condition, () -> "");
    }

    static void requireTools() throws Exception {
        ContainersTest.requirePodman();
        String missing = !runs("docker-compose", "version")
                ? "docker-compose is missing: scripts/podman-setup.sh installs it"
                : !runs("openssl", "version") || !runs("nsenter", "--version") ? "openssl or nsenter is missing"
                : !sh(REPO, 30, "id", "-u").strip().equals("0")
                ? "the compose test runs as root (it probes from the containers' network namespaces)" : null;
        if (missing != null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(missing);
        }
        Assumptions.assumeTrue(missing == null, missing);
    }

    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Runs every health check of the project's running containers at its interval, as podman's systemd timers would
     * (`podman healthcheck run`, which records the result compose and `podman ps` read). Those timers need systemd,
     * which this machine does not run.
     */
    static final class HealthTimers implements AutoCloseable {
        private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(3);
        private final Set<String> timed = ConcurrentHashMap.newKeySet();

        HealthTimers() {
            pool.scheduleWithFixedDelay(this::discover, 0, 1, TimeUnit.SECONDS);
        }

        private void discover() {
            try {
                for (String name : sh(REPO, 30, "podman", "ps", "--filter", LABEL, "--format", "{{.Names}}")
                        .strip().split("\\s+")) {
                    if (name.isEmpty() || timed.contains(name)) {
                        continue;
                    }
                    String interval = sh(REPO, 30, "podman", "inspect", name, "--format",
                            "{{if .Config.Healthcheck}}{{.Config.Healthcheck.Interval.Milliseconds}}{{end}}").strip();
                    timed.add(name);
                    if (!interval.isEmpty()) {
                        long ms = Long.parseLong(interval);
                        pool.scheduleWithFixedDelay(() -> quietly("podman", "healthcheck", "run", name), ms, ms,
                                TimeUnit.MILLISECONDS);
                    }
                }
            } catch (AssertionError | Exception e) {
                // podman busy or a container gone: the next round looks again
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
