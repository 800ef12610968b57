package memesnipe.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import memesnipe.kit.testing.Await;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import memesnipe.model.time.Clock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped monitoring files, checked with the real tools, and a real Prometheus and Alertmanager against a
 * running five-node cluster: Prometheus scrapes every node (the executor and the signer included) with the
 * monitoring certificate, a domain metric is read back with {@code promtool query}, and tripping the breaker delivers
 * the BreakerNotNormal alert, with its runbook link, to a local webhook receiver through Alertmanager.
 * The tools are installed by scripts/services.sh (run by the test command).
 */
class MonitoringTest {
    static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    static final Path RULES = DEPLOY.resolve("prometheus/memesnipe-rules.yml");

    @Test
    void shippedRulesScrapeConfigAndAlertmanagerConfig_passTheToolsChecks_andTheRuleUnitTests() throws Exception {
        requireTools();
        Path certs = Files.createTempDirectory("monitoring-certs");
        CertificateAuthority.writeDeployment(certs, List.of(), Duration.ofDays(1));
        Path dir = Files.createTempDirectory("monitoring-check");
        // the shipped scrape config with its certificate paths pointed at real files (promtool checks they exist)
        String config = Files.readString(DEPLOY.resolve("prometheus/prometheus.yml"))
                .replace("/etc/memesnipe/certs", certs.toString());
        Files.writeString(dir.resolve("prometheus.yml"), config);
        Files.copy(RULES, dir.resolve("memesnipe-rules.yml"));

        assertThat(run(dir, "promtool", "check", "config", "prometheus.yml")).contains("SUCCESS: 1 rule files found");
        assertThat(run(DEPLOY.resolve("prometheus"), "promtool", "check", "rules", "memesnipe-rules.yml"))
                .contains("SUCCESS: 9 rules found");
        assertThat(run(DEPLOY.resolve("prometheus"), "promtool", "test", "rules", "memesnipe-rules-test.yml"))
                .contains("SUCCESS");
        assertThat(run(DEPLOY.resolve("alertmanager"), "amtool", "check-config", "alertmanager.yml"))
                .contains("SUCCESS");
    }

    @Test
    void everyAlert_hasASeverityAndARunbookThatExistsInDeployReadme() throws Exception {
        String rules = Files.readString(RULES);
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        Matcher alert = Pattern.compile("- alert: (\\w+)").matcher(rules);
        Matcher runbook = Pattern.compile("runbook_url: \"deploy/README\\.md#([a-z0-9-]+)\"").matcher(rules);
        List<String> alerts = new ArrayList<>();
        while (alert.find()) {
            alerts.add(alert.group(1));
        }
        List<String> anchors = new ArrayList<>();
        while (runbook.find()) {
            anchors.add(runbook.group(1));
        }
        assertThat(alerts).hasSize(9);
        assertThat(anchors).as("one runbook per alert").hasSameSizeAs(alerts).doesNotHaveDuplicates();
        for (String anchor : anchors) {
            // a Markdown heading "### Runbook: breaker not normal" gets the anchor runbook-breaker-not-normal
            String heading = anchor.replace('-', ' ').replaceFirst("^runbook ", "");
            assertThat(readme.toLowerCase()).as("deploy/README.md has the runbook " + anchor)
                    .contains("### runbook: " + heading + "\n");
        }
        assertThat(rules.split("severity: critical", -1)).as("five critical alerts").hasSize(6);
        assertThat(rules.split("severity: warning", -1)).as("four warning alerts").hasSize(5);
    }

    @Test
    void realPrometheus_scrapesEveryNode_andATrippedBreakerReachesTheWebhookThroughAlertmanager() throws Exception {
        requireTools();
        Path dir = Files.createTempDirectory("monitoring");
        Path certs = dir.resolve("certs");
        CertificateAuthority.writeDeployment(certs, List.of(), Duration.ofDays(1));
        Vertx vertx = Cluster.newVertx();
        List<Process> tools = new ArrayList<>();
        try (TestDatabase db = TestDatabase.create()) {
            Cluster.Layout layout = new Cluster.Layout(certs, dir, AuthorizationMatrixTest.freeBase(), free(), db.url(),
                    TestDatabase.redis().url());
            Map<NodeName, Map<String, String>> extra = new EnumMap<>(NodeName.class);
            extra.put(NodeName.GATEWAY, Map.of("journal-stream", "monitoring:" + java.util.UUID.randomUUID()));
            memesnipe.risk.ledger.Deployments.init(vertx, db.settings(), 10_000 * memesnipe.model.money.Fixed.ONE, true,
                    "monitoring", System.currentTimeMillis()).await(60, TimeUnit.SECONDS);
            Cluster.start(vertx, layout, extra, Clock.system()).await(60, TimeUnit.SECONDS);

            // the local receiver: what Alertmanager posts
            List<JsonObject> delivered = new CopyOnWriteArrayList<>();
            HttpServer receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
                delivered.add(b.toJsonObject());
                req.response().end();
            })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);

            int amPort = free();
            Files.writeString(dir.resolve("alertmanager.yml"), """
                    route:
                      receiver: local
                      group_wait: 1s
                      group_interval: 1s
                    receivers:
                      - name: local
                        webhook_configs:
                          - url: "http://127.0.0.1:%d/alerts"
                    """.formatted(receiver.actualPort()));
            tools.add(start(dir, "alertmanager.log", "prometheus-alertmanager", "--config.file=alertmanager.yml",
                    "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + amPort,
                    "--cluster.listen-address="));

            // the shipped scrape settings, pointed at this cluster's loopback ports, scraping and evaluating every second
            int promPort = free();
            StringBuilder targets = new StringBuilder();
            for (NodeName n : NodeName.values()) {
                targets.append("      - targets: [\"127.0.0.1:").append(layout.port(n)).append("\"]\n")
                        .append("        labels: {node: ").append(n.id()).append("}\n");
            }
            Files.copy(RULES, dir.resolve("memesnipe-rules.yml"));
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files: [memesnipe-rules.yml]
                    alerting:
                      alertmanagers:
                        - static_configs:
                            - targets: ["127.0.0.1:%d"]
                    scrape_configs:
                      - job_name: memesnipe
                        scheme: https
                        honor_labels: true
                        tls_config:
                          ca_file: %s/ca.pem
                          cert_file: %s/monitor.pem
                          key_file: %s/monitor-key.pem
                        static_configs:
                    %s""".formatted(amPort, certs, certs, certs, targets));
            tools.add(start(dir, "prometheus.log", "prometheus", "--config.file=prometheus.yml",
                    "--storage.tsdb.path=" + dir.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + promPort));
            String prometheus = "http://127.0.0.1:" + promPort;

            Await.until("Prometheus scrapes all five nodes", Duration.ofSeconds(60),
                    () -> answer(dir, "promtool", "query", "instant", prometheus, "sum(up{job=\"memesnipe\"})")
                            .contains("=> 5 @"));
            String up = query(dir, prometheus, "up{job=\"memesnipe\"}");
            for (NodeName n : NodeName.values()) {
                assertThat(up).as("target " + n).containsPattern("up\\{.*node=\"" + n.id() + "\".*} => 1 @");
            }
            String equity = query(dir, prometheus, "memesnipe_risk_equity_usd");
            Matcher value = Pattern.compile("node=\"risk\".*} => ([0-9.]+) @").matcher(equity);
            assertThat(value.find()).as("a domain metric, read back: " + equity).isTrue();
            assertThat(Double.parseDouble(value.group(1))).as("equity of the 10,000 USD deployment, marked")
                    .isBetween(9_000.0, 11_000.0);
            assertThat(query(dir, prometheus, "memesnipe_signer_signed_total or memesnipe_grpc_health_watchers{node=\"signer\"}"))
                    .as("the signer's own metrics reach Prometheus").contains("node=\"signer\"");
            assertThat(delivered).as("nothing alerts while the breaker is NORMAL").isEmpty();

            int tripped = new CommandLine(new Main()).execute("admin", "--risk", "127.0.0.1:" + layout.port(NodeName.RISK),
                    "--certs", certs.toString(), "trip", "--tier", "WARNING", "--reason", "monitoring drill");
            assertThat(tripped).isZero();
            Await.until("the BreakerNotNormal alert reaches the webhook", Duration.ofSeconds(60),
                    () -> firing(delivered, "BreakerNotNormal") != null);
            JsonObject alert = firing(delivered, "BreakerNotNormal");
            assertThat(alert.getJsonObject("labels").getString("severity")).isEqualTo("critical");
            assertThat(alert.getJsonObject("annotations").getString("runbook_url"))
                    .isEqualTo("deploy/README.md#runbook-breaker-not-normal");
            assertThat(alert.getJsonObject("annotations").getString("summary")).startsWith("Circuit breaker at tier 1");

            // every metric the dashboards and the alert rules query is one the nodes export: scraped by this very
            // Prometheus, or a counter the nodes register when it first counts (found in their sources)
            java.util.Set<String> exported = new java.util.TreeSet<>();
            new JsonObject(memesnipe.kit.testing.HttpGet.body(vertx, promPort, "/api/v1/label/__name__/values"))
                    .getJsonArray("data").forEach(n -> exported.add((String) n));
            exported.addAll(lazilyRegisteredCounters());
            assertThat(exported).as("scraped from the cluster").contains("memesnipe_risk_equity_usd",
                    "memesnipe_executor_ledger_up", "memesnipe_signer_signed_total", "jvm_memory_used_bytes", "disk_free_bytes",
                    "vertx_http_server_requests_total", "vertx_pool_queue_pending"); // Vert.x Micrometer
            for (Map.Entry<String, java.util.Set<String>> queried : queriedMetrics().entrySet()) {
                assertThat(exported).as(queried.getKey() + " queries metrics the nodes export").containsAll(queried.getValue());
            }
        } finally {
            tools.forEach(Process::destroy);
            for (Process p : tools) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void fiveGrafanaDashboards_areProvisionedOnTheShippedDataSource_andEveryPanelHasAQuery() throws Exception {
        Path grafana = DEPLOY.resolve("grafana");
        String datasource = Files.readString(grafana.resolve("provisioning/datasources/prometheus.yml"));
        assertThat(datasource).contains("uid: prometheus").contains("type: prometheus");
        assertThat(Files.readString(grafana.resolve("provisioning/dashboards/memesnipe.yml")))
                .contains("path: /var/lib/grafana/dashboards");
        java.util.Set<String> titles = new java.util.TreeSet<>();
        java.util.Set<String> uids = new java.util.TreeSet<>();
        for (String name : List.of("pnl", "strategies", "risk", "system", "execution")) {
            JsonObject board = new JsonObject(Files.readString(grafana.resolve("dashboards/" + name + ".json")));
            titles.add(board.getString("title"));
            uids.add(board.getString("uid"));
            JsonArray panels = board.getJsonArray("panels");
            assertThat(panels.size()).as(name + " panels").isGreaterThanOrEqualTo(4);
            java.util.Set<Integer> ids = new java.util.TreeSet<>();
            for (int i = 0; i < panels.size(); i++) {
                JsonObject panel = panels.getJsonObject(i);
                ids.add(panel.getInteger("id"));
                assertThat(panel.getString("title")).as(name + " panel title").isNotBlank();
                assertThat(panel.getJsonObject("gridPos").fieldNames()).containsExactlyInAnyOrder("x", "y", "w", "h");
                assertThat(panel.getJsonObject("datasource").getString("uid")).isEqualTo("prometheus");
                JsonArray targets = panel.getJsonArray("targets");
                assertThat(targets.size()).as(name + "/" + panel.getString("title") + " queries").isPositive();
                for (int t = 0; t < targets.size(); t++) {
                    assertThat(metricNames(targets.getJsonObject(t).getString("expr")))
                            .as(name + "/" + panel.getString("title") + " names a metric").isNotEmpty();
                }
            }
            assertThat(ids).as(name + " panel ids unique").hasSize(panels.size());
        }
        assertThat(titles).hasSize(5).anyMatch(t -> t.contains("P&L")).anyMatch(t -> t.contains("strategy performance"))
                .anyMatch(t -> t.contains("risk")).anyMatch(t -> t.contains("system health"))
                .anyMatch(t -> t.contains("execution quality"));
        assertThat(uids).hasSize(5);
    }

    /** Every metric name each dashboard and the alert rules query, by file. */
    static Map<String, java.util.Set<String>> queriedMetrics() throws IOException {
        Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        try (var files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            for (Path f : files.sorted().toList()) {
                JsonObject board = new JsonObject(Files.readString(f));
                java.util.Set<String> names = new java.util.TreeSet<>();
                board.getJsonArray("panels").forEach(p -> ((JsonObject) p).getJsonArray("targets")
                        .forEach(t -> names.addAll(metricNames(((JsonObject) t).getString("expr")))));
                out.put(f.getFileName().toString(), names);
            }
        }
        java.util.Set<String> rules = new java.util.TreeSet<>();
        Matcher expr = Pattern.compile("expr: (>\\s*\\n(?:\\s{10}.*\\n)+|.*)").matcher(Files.readString(RULES));
        while (expr.find()) {
            rules.addAll(metricNames(expr.group(1)));
        }
        out.put("memesnipe-rules.yml", rules);
        return out;
    }

    /** The metric names in a PromQL expression (ours, Vert.x's, the JVM's, disk and Prometheus's own up). */
    static java.util.Set<String> metricNames(String promql) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("\\b(memesnipe_\\w+|vertx_\\w+|jvm_\\w+|disk_\\w+|process_\\w+|system_\\w+|up)\\b(?![\"\\w])")
                .matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Counters the nodes register in code (metrics.counter("name", ...) when they first count, or Counter.builder, e.g.
     * per tag value), by name as Prometheus shows it.
     */
    static java.util.Set<String> lazilyRegisteredCounters() throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Pattern counter = Pattern.compile("(?:counter\\(|Counter\\.builder\\()\"(memesnipe_\\w+)\"");
        for (String module : List.of("gateway", "strategy-node", "risk-node", "executor-node", "signer-node", "node-kit")) {
            try (var files = Files.walk(DEPLOY.resolveSibling(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = counter.matcher(Files.readString(f));
                    while (m.find()) {
                        names.add(m.group(1).endsWith("_total") ? m.group(1) : m.group(1) + "_total");
                    }
                }
            }
        }
        return names;
    }

    static JsonObject firing(List<JsonObject> delivered, String name) {
        for (JsonObject post : delivered) {
            JsonArray alerts = post.getJsonArray("alerts", new JsonArray());
            for (int i = 0; i < alerts.size(); i++) {
                JsonObject a = alerts.getJsonObject(i);
                if ("firing".equals(a.getString("status")) && name.equals(a.getJsonObject("labels").getString("alertname"))) {
                    return a;
                }
            }
        }
        return null;
    }

    /** promtool's answer to an instant query, as a user reads it. */
    static String query(Path dir, String prometheus, String expr) throws Exception {
        return run(dir, "promtool", "query", "instant", prometheus, expr);
    }

    static void requireTools() {
        boolean present = onPath("promtool") && onPath("prometheus") && onPath("prometheus-alertmanager") && onPath("amtool");
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Prometheus, promtool, Alertmanager or amtool missing: scripts/services.sh installs them");
        }
        Assumptions.assumeTrue(present, "Prometheus tools not installed: run scripts/services.sh (the test command does)");
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a tool to completion (at most a minute) and returns its output; a non-zero exit fails the test. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
        return text;
    }

    /** A tool's output whatever its exit code (for a condition polled while the server starts). */
    static String answer(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return text;
    }

    static Process start(Path dir, String log, String... command) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile()).start();
    }

    static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
