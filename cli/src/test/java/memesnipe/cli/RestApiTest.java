package memesnipe.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import memesnipe.kit.testing.Await;
import memesnipe.kit.testing.TestDatabase;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.OperatorToken;
import memesnipe.model.money.Fixed;
import memesnipe.model.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's REST API against a running five-node cluster on the real PostgreSQL and Redis, as a client sees it:
 * the OpenAPI document describes every route; positions, fills and decisions are the risk node's (paged without a
 * gap or a repeat); bad requests get a JSON 400 naming the parameter; the breaker's admin actions need the operator
 * token (401 without, 403 wrong, 200 right) and land in the breaker's history.
 */
class RestApiTest {
    static Vertx vertx;
    static TestDatabase db;
    static Path certs;
    static String base;
    static int riskPort;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("rest");
        certs = dir.resolve("certs");
        CertificateAuthority.writeDeployment(certs, List.of(), Duration.ofDays(1));
        db = TestDatabase.create();
        int port = MonitoringTest.free();
        Cluster.Layout layout = new Cluster.Layout(certs, dir, AuthorizationMatrixTest.freeBase(), port, db.url(),
                TestDatabase.redis().url());
        vertx = Cluster.newVertx();
        Map<NodeName, Map<String, String>> extra = new EnumMap<>(NodeName.class);
        extra.put(NodeName.GATEWAY, Map.of("journal-stream", "rest:" + java.util.UUID.randomUUID()));
        // the pipeline reviews every second on one-second returns, with sample minimums no run reaches and no
        // drawdown limit: every strategy has gates and figures to show, and none is moved
        extra.put(NodeName.RISK, Map.of("promotion-review-ms", "1000", "promotion-sample-ms", "100",
                "promotion-period-ms", "1000", "promotion-min-periods", "1000000", "promotion-min-trades", "1000000",
                "promotion-min-latency-samples", "1000000", "promotion-max-drawdown-pct", "100"));
        riskPort = layout.port(NodeName.RISK);
        memesnipe.risk.ledger.Deployments.init(vertx, db.settings(), 10_000 * Fixed.ONE, true, "rest",
                System.currentTimeMillis()).await(60, TimeUnit.SECONDS);
        Cluster.start(vertx, layout, extra, Clock.system()).await(60, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
    }

    record Answer(int status, String contentType, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    static Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    static Answer post(String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return send(b);
    }

    static Answer send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    }

    @Test
    void openApiDocument_describesEveryOperation_andIsServed() throws Exception {
        Answer a = get("/api/v1/openapi.json");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/json");
        JsonObject paths = a.json().getJsonObject("paths");
        assertThat(paths.fieldNames()).contains("/api/v1/status", "/api/v1/events", "/api/v1/positions",
                "/api/v1/fills", "/api/v1/decisions", "/api/v1/breaker", "/api/v1/breaker/trip", "/api/v1/breaker/reset",
                "/api/v1/strategies");
        // every documented GET without required parameters answers (the SSE stream excepted: it never ends)
        for (String path : paths.fieldNames()) {
            if (paths.getJsonObject(path).containsKey("get") && !path.endsWith("/events")) {
                assertThat(get(path).status()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void positionsFillsAndDecisions_areRisksOwn_pagedWithoutGapOrRepeat() throws Exception {
        // the simulated feed trades within seconds: wait for a few fills
        Await.until("three fills", Duration.ofSeconds(90),
                () -> get("/api/v1/fills?limit=500").json().getJsonArray("fills").size() >= 3);
        JsonObject status = get("/api/v1/status").json();
        JsonObject positions = get("/api/v1/positions").json();
        assertThat(positions.getString("equity")).matches("-?\\d+(\\.\\d+)?");
        for (Object o : positions.getJsonArray("positions")) {
            JsonObject p = (JsonObject) o;
            assertThat(Fixed.parse(p.getString("qty"))).as("long positions only").isPositive();
            assertThat(Fixed.parse(p.getString("unrealizedPnl")))
                    .isEqualTo(Fixed.sub(Fixed.parse(p.getString("value")), Fixed.parse(p.getString("cost"))));
        }
        assertThat(status.getJsonObject("portfolio").getLong("openPositions")).isNotNull();

        // page through every fill, one at a time: each exactly once, newest first
        JsonArray all = get("/api/v1/fills?limit=500").json().getJsonArray("fills");
        List<Long> paged = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < all.size(); page++) {
            JsonObject p = get("/api/v1/fills?limit=1" + cursor).json();
            p.getJsonArray("fills").forEach(f -> paged.add(((JsonObject) f).getLong("applied")));
            Long next = p.getLong("nextBefore");
            if (next == null) {
                break;
            }
            cursor = "&before=" + next;
        }
        List<Long> expected = all.stream().map(f -> ((JsonObject) f).getLong("applied")).toList();
        assertThat(paged.subList(0, expected.size())).as("one row per page, no gap, no repeat").isEqualTo(expected);
        assertThat(new HashSet<>(paged)).hasSameSizeAs(paged);

        // every fill has the decision that approved it, with its verdict
        JsonObject fill = all.getJsonObject(all.size() - 1);
        String strategy = fill.getString("strategy");
        JsonArray decisions = get("/api/v1/decisions?limit=500&strategy=" + strategy).json().getJsonArray("decisions");
        assertThat(decisions.stream().map(d -> (JsonObject) d))
                .anyMatch(d -> d.getString("clientOrderId").equals(fill.getString("clientOrderId"))
                        && Set.of("APPROVED", "RESIZED").contains(d.getString("verdict")));
        assertThat(decisions.stream().map(d -> ((JsonObject) d).getString("strategy"))).containsOnly(strategy);
        JsonArray denied = get("/api/v1/decisions?verdict=DENIED").json().getJsonArray("decisions");
        assertThat(denied.stream().map(d -> ((JsonObject) d).getString("verdict"))).doesNotContain("APPROVED", "RESIZED");
    }

    @Test
    void badRequests_areJsonErrorsNamingTheProblem() throws Exception {
        Map<String, String> cases = Map.of(
                "/api/v1/fills?limit=0", "limit",
                "/api/v1/fills?limit=501", "limit",
                "/api/v1/fills?limit=ten", "limit",
                "/api/v1/fills?before=-3", "before",
                "/api/v1/decisions?verdict=MAYBE", "verdict",
                "/api/v1/decisions?symbol=%3Cscript%3E", "symbol",
                "/api/v1/breaker?history=1001", "history");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Answer a = get(c.getKey());
            assertThat(a.status()).as(c.getKey()).isEqualTo(400);
            assertThat(a.contentType()).as(c.getKey()).startsWith("application/json");
            JsonObject error = a.json().getJsonObject("error");
            assertThat(error.getInteger("status")).isEqualTo(400);
            assertThat(error.getString("code")).isEqualTo("BAD_REQUEST");
            assertThat(error.getString("message")).as(c.getKey()).contains(c.getValue());
        }
        Answer missing = get("/api/v1/no-such-thing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().getJsonObject("error").getString("message")).contains("/api/v1/openapi.json");
        Answer large = post("/api/v1/breaker/trip", "{\"reason\":\"" + "x".repeat(10_000) + "\"}", "t");
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.json().getJsonObject("error").getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void tripAndReset_needTheOperatorToken_andShowInTheHistory() throws Exception {
        String token = Files.readString(certs.resolve(OperatorToken.FILE)).strip();
        String trip = "{\"tier\":\"WARNING\",\"reason\":\"rest drill\"}";

        Answer none = post("/api/v1/breaker/trip", trip, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().getJsonObject("error").getString("message")).contains("operator token");
        Answer wrong = post("/api/v1/breaker/trip", trip, "A".repeat(43));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().getJsonObject("error").getString("message")).contains("wrong operator token");
        assertThat(get("/api/v1/breaker").json().getString("tier")).as("refused trips change nothing").isEqualTo("NORMAL");

        Answer badTier = post("/api/v1/breaker/trip", "{\"tier\":\"NORMAL\",\"reason\":\"x\"}", token);
        assertThat(badTier.status()).isEqualTo(400);
        assertThat(post("/api/v1/breaker/trip", "{\"tier\":\"WARNING\"}", token).status()).as("no reason").isEqualTo(400);

        Answer tripped = post("/api/v1/breaker/trip", trip, token);
        assertThat(tripped.status()).as(tripped.body()).isEqualTo(200);
        assertThat(tripped.json().getString("tier")).isEqualTo("WARNING");
        JsonObject breaker = get("/api/v1/breaker?history=5").json();
        assertThat(breaker.getString("tier")).isEqualTo("WARNING");
        JsonObject last = breaker.getJsonArray("history").getJsonObject(breaker.getJsonArray("history").size() - 1);
        assertThat(last.getString("to")).isEqualTo("WARNING");
        assertThat(last.getString("reason")).contains("rest drill");

        Answer reset = post("/api/v1/breaker/reset", "{\"reason\":\"drill over\"}", token);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json().getString("tier")).isEqualTo("NORMAL");
        // the status document polls the nodes each second: it follows
        Await.until("the status shows NORMAL", Duration.ofSeconds(10), () ->
                get("/api/v1/status").json().getJsonObject("breaker").getString("tier").equals("NORMAL"));
    }

    /** The answer is valid against the operation's documented response (the served OpenAPI document). */
    static void assertDocumented(String operationId, Answer a) throws Exception {
        io.vertx.openapi.contract.OpenAPIContract contract = io.vertx.openapi.contract.OpenAPIContract.from(vertx,
                get("/api/v1/openapi.json").json()).await(10, TimeUnit.SECONDS);
        io.vertx.openapi.validation.ResponseValidator.create(vertx, contract).validate(
                io.vertx.openapi.validation.ValidatableResponse.create(a.status(),
                        io.vertx.core.buffer.Buffer.buffer(a.body()), "application/json"), operationId)
                .await(10, TimeUnit.SECONDS);
    }

    @Test
    void strategies_promoteAndTheStrategiesCommand_showEveryStrategyWithItsGates_asDocumented() throws Exception {
        Path eth = Files.createTempDirectory("promote").resolve("eth.json");
        try (var in = RestApiTest.class.getClassLoader().getResourceAsStream("ETH-USD-PT5M-2023-3-13_2023-3-15.json")) {
            Files.copy(in, eth);
        }
        String risk = "127.0.0.1:" + riskPort;
        JournalCommandTest.Run promote = JournalCommandTest.run("promote", "--strategy", "momentum_5m", "--data",
                eth.toString(), "--symbol", "ETH", "--in-sample", "PT12H", "--out-of-sample", "PT6H", "--risk", risk,
                "--certs", certs.toString());
        assertThat(promote.exit()).as(promote.err()).isZero();
        assertThat(promote.out()).contains("momentum_5m out of sample (walk-forward of eth.json, 6 window(s)",
                "recorded with the risk node:", "  backtest evidence: 2023-03-1");

        Await.until("a review of every strategy", Duration.ofSeconds(30), () -> get("/api/v1/strategies").json()
                .getJsonArray("strategies").stream().allMatch(x -> ((JsonObject) x).getValue("reviewedMs") != null));
        Answer a = get("/api/v1/strategies");
        assertThat(a.status()).isEqualTo(200);
        assertDocumented("listStrategies", a);
        assertThatThrownBy(() -> assertDocumented("listStrategies", new Answer(200, "application/json",
                "{\"promotion\":true,\"asOfMs\":1}"))).as("the check itself: a list without strategies is refused")
                .hasMessageContaining("strategies");
        JsonObject list = a.json();
        assertThat(list.getBoolean("promotion")).isTrue();
        assertThat(list.getJsonArray("strategies").stream().map(x -> ((JsonObject) x).getString("strategy")))
                .containsExactly("momentum_5m", "mean_revert_1h");
        JsonObject momentum = list.getJsonArray("strategies").getJsonObject(0);
        assertThat(momentum.getString("stage")).isEqualTo("LIVE");
        assertThat(momentum.getString("allocation")).isEqualTo("1000");
        assertThat(momentum.getJsonObject("backtest").getInteger("periods")).as("the walk-forward's").isPositive();
        assertThat(momentum.getJsonArray("gates").stream().map(g -> ((JsonObject) g).getString("gate")))
                .containsExactly("SHARPE", "WIN_RATE", "MAX_DRAWDOWN", "AVERAGE_LATENCY", "SIGNIFICANCE");
        JsonObject sharpe = momentum.getJsonArray("gates").getJsonObject(0);
        assertThat(sharpe.getString("outcome")).isEqualTo("INSUFFICIENT_DATA");
        assertThat(sharpe.getLong("minSamples")).isEqualTo(1_000_000L);
        assertThat(sharpe.getString("text")).startsWith("Sharpe (annualized): ").endsWith(", needs at least 1000000");
        assertThat(momentum.getString("why")).startsWith("no gate fails on its live evidence");
        assertDocumented("getBreaker", get("/api/v1/breaker"));

        JournalCommandTest.Run table = JournalCommandTest.run("strategies", "--risk", risk, "--certs", certs.toString());
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("momentum_5m +LIVE +\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z +MOMENTUM +1000 +0")
                .containsPattern("mean_revert_1h +LIVE .* MEAN_REVERSION ")
                .contains("    SHARPE           INSUFFICIENT_DATA")
                .contains("why: no gate fails on its live evidence");
        JournalCommandTest.Run unreachable = JournalCommandTest.run("strategies", "--risk", "127.0.0.1:1", "--certs",
                certs.toString());
        assertThat(unreachable.exit()).isEqualTo(1);
    }
}
