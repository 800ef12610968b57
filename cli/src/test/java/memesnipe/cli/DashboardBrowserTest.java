package memesnipe.cli;

import io.vertx.core.Vertx;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import memesnipe.model.time.Clock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's live dashboard in headless Chromium (playwright-core, src/test/browser): the page loads with no
 * script error, shows figures that change by themselves (server-sent events) and the recent fills and decisions;
 * its operator form refuses a wrong token, trips the breaker with the right one (shown at once, and in the
 * history), and resets it. Saves a screenshot to target/dashboard.png. Needs Chromium and npm (scripts/services.sh
 * installs Chromium); skipped without them, except under CI=true where it fails.
 */
class DashboardBrowserTest {
    static final Path BROWSER = Path.of("src", "test", "browser").toAbsolutePath();

    @Test
    void livePage_showsChangingFigures_andATrippedBreaker() throws Exception {
        requireBrowser();
        if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
            MonitoringTest.run(BROWSER, "npm", "install", "--no-audit", "--no-fund", "--silent");
        }
        Path dir = Files.createTempDirectory("dashboard");
        Path certs = dir.resolve("certs");
        CertificateAuthority.writeDeployment(certs, List.of(), Duration.ofDays(1));
        Vertx vertx = Cluster.newVertx();
        try (TestDatabase db = TestDatabase.create()) {
            int http = MonitoringTest.free();
            Cluster.Layout layout = new Cluster.Layout(certs, dir, AuthorizationMatrixTest.freeBase(), http, db.url(),
                    TestDatabase.redis().url());
            Map<NodeName, Map<String, String>> extra = new EnumMap<>(NodeName.class);
            extra.put(NodeName.GATEWAY, Map.of("journal-stream", "dashboard:" + java.util.UUID.randomUUID()));
            memesnipe.risk.ledger.Deployments.init(vertx, db.settings(), 10_000 * memesnipe.model.money.Fixed.ONE, true,
                    "dashboard", System.currentTimeMillis()).await(60, TimeUnit.SECONDS);
            Cluster.start(vertx, layout, extra, Clock.system()).await(60, TimeUnit.SECONDS);

            Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
            String token = Files.readString(certs.resolve(memesnipe.kit.tls.OperatorToken.FILE)).strip();
            Process browser = new ProcessBuilder("node", "dashboard-check.mjs", "http://127.0.0.1:" + http + "/",
                    screenshot.toString(), token).directory(BROWSER.toFile()).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            }
            assertThat(browser.waitFor(120, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
            assertThat(browser.exitValue()).as(String.join("\n", lines)).isZero();
            String live = lines.stream().filter(l -> l.startsWith("LIVE ")).findFirst().orElseThrow();
            String[] counts = live.split(" ");
            assertThat(Long.parseLong(counts[2])).as("events in, as the page shows them, grow").isGreaterThan(
                    Long.parseLong(counts[1]));
            String[] views = lines.stream().filter(l -> l.startsWith("VIEWS ")).findFirst().orElseThrow().split(" ");
            assertThat(Integer.parseInt(views[1])).as("recent fills shown").isPositive();
            assertThat(Integer.parseInt(views[2])).as("recent decisions shown").isPositive();
            assertThat(lines).as("a wrong operator token is refused, and the page says why")
                    .anyMatch(l -> l.startsWith("REFUSED 403") && l.contains("wrong operator token"));
            assertThat(lines).as("the page's trip shows the tripped breaker and why")
                    .anyMatch(l -> l.startsWith("TRIPPED CRITICAL") && l.contains("dashboard drill"));
            assertThat(lines).as("the history lists it").anyMatch(l -> l.startsWith("HISTORY ") && !l.equals("HISTORY 0"));
            assertThat(lines).as("the page's reset").contains("RESET NORMAL");
            assertThat(screenshot).isNotEmptyFile();
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    static void requireBrowser() {
        boolean present = MonitoringTest.onPath("node") && MonitoringTest.onPath("npm")
                && (Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Chromium, node or npm missing: scripts/services.sh installs them");
        }
        Assumptions.assumeTrue(present, "Chromium, node or npm not installed: run scripts/services.sh");
    }
}
