package memesnipe.gateway.status;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusJsonTest {
    static final FeedStats FEED = new FeedStats(1_000, 990, 10, Map.of("STALE", 4L, "NON_FINITE_PRICE", 6L), 2, 37);
    static final JournalStats JOURNAL = new JournalStats(true, "events:price", 95_000L, 12, 990, 3, 1, 4L, "");

    private static List<NodeView> nodes(boolean riskUp) {
        return List.of(new NodeView("gateway", "127.0.0.1:7001", true, null),
                new NodeView("strategy", "127.0.0.1:7002", true, null),
                new NodeView("risk", "127.0.0.1:7003", riskUp, null),
                new NodeView("executor", "127.0.0.1:7004", true, null),
                new NodeView("signer", "127.0.0.1:7005", true, "executor"));
    }

    @Test
    void render_withRiskFacts_fillsBreakerAndPortfolioWithNumbers() {
        Map<String, String> facts = Map.of("equity", "10000.00", "drawdownPct", "1.25", "dailyLossPct", "0.50",
                "fills", "12", "openPositions", "3", "tier", "WARNING", "tierReason", "drawdown 5.1% >= 5%",
                "tierSinceMs", "1700000000000", "sizeMultiplierPct", "50", "suspendedStrategies", "momentum, meanrev");
        JsonObject json = StatusJson.render(new PeerSnapshot(nodes(true), facts, null, 5), FEED, JOURNAL, 99);

        JsonArray nodes = json.getJsonArray("nodes");
        assertThat(nodes).hasSize(5);
        assertThat(nodes.getJsonObject(0).getMap()).containsEntry("name", "gateway")
                .containsEntry("address", "127.0.0.1:7001").containsEntry("serving", true).doesNotContainKey("via")
                .containsEntry("metricsUrl", "https://127.0.0.1:7001/metrics");
        assertThat(nodes.getJsonObject(4).getString("via")).isEqualTo("executor");

        JsonObject breaker = json.getJsonObject("breaker");
        assertThat(breaker.getString("tier")).isEqualTo("WARNING");
        assertThat(breaker.getString("reason")).isEqualTo("drawdown 5.1% >= 5%");
        assertThat(breaker.getLong("sinceMs")).isEqualTo(1_700_000_000_000L);
        assertThat(breaker.getValue("sizeMultiplierPct")).isInstanceOf(Number.class);
        assertThat(breaker.getJsonArray("suspendedStrategies").getList()).containsExactly("momentum", "meanrev");

        JsonObject portfolio = json.getJsonObject("portfolio");
        assertThat(portfolio.getString("equity")).isEqualTo("10000.00");
        assertThat(portfolio.getValue("fills")).isEqualTo(12L);
        assertThat(portfolio.getValue("openPositions")).isEqualTo(3L);
        assertThat(portfolio.getValue("drawdownPct")).isInstanceOf(Number.class);

        JsonObject feed = json.getJsonObject("feed");
        assertThat(feed.getValue("eventsIn")).isEqualTo(1_000L);
        assertThat(feed.getValue("eventsRejected")).isEqualTo(10L);
        assertThat(feed.getJsonObject("rejectedByReason").getLong("STALE")).isEqualTo(4L);
        assertThat(feed.getInteger("subscribers")).isEqualTo(2);
        assertThat(feed.getLong("drops")).isEqualTo(37L);
        assertThat(json.getLong("generatedAtMs")).isEqualTo(99L);
        // It must survive a round trip through text with the numbers still numbers.
        JsonObject parsed = new JsonObject(json.encode());
        assertThat(parsed.getJsonObject("portfolio").getValue("fills")).isInstanceOf(Number.class);
        assertThat(parsed.getJsonObject("portfolio").getValue("drawdownPct")).isInstanceOf(Number.class);
    }

    @Test
    void render_withRiskUnreachable_showsUnknownTierAndNullPortfolio() {
        JsonObject json = StatusJson.render(new PeerSnapshot(nodes(false), null, null, 5), FEED, JOURNAL, 99);
        assertThat(json.getJsonObject("breaker").getString("tier")).isEqualTo("UNKNOWN");
        JsonObject portfolio = json.getJsonObject("portfolio");
        assertThat(portfolio.fieldNames()).containsExactlyInAnyOrder("equity", "drawdownPct", "dailyLossPct", "fills",
                "openPositions");
        for (String field : portfolio.fieldNames()) {
            assertThat(portfolio.getValue(field)).as(field).isNull();
        }
    }

    @Test
    void render_withMalformedFacts_usesNullRatherThanFailing() {
        JsonObject json = StatusJson.render(new PeerSnapshot(nodes(true), Map.of("fills", "lots", "tier", "NORMAL"), null, 5),
                FEED, JOURNAL, 99);
        assertThat(json.getJsonObject("portfolio").getValue("fills")).isNull();
        assertThat(json.getJsonObject("breaker").getString("tier")).isEqualTo("NORMAL");
        assertThat(json.getJsonObject("breaker").getJsonArray("suspendedStrategies")).isEmpty();
    }

    @Test
    void render_withLedgerFactsFromRiskAndExecutor_showsLedgerPerNodeAndOrdersReconciling() {
        Map<String, String> risk = Map.of("tier", "NORMAL", "ledger.reachable", "true", "ledger.lastWriteMs",
                "1700000000500", "ledger.lagMs", "0", "ledger.pendingWrites", "0", "ledger.writeFailures", "2",
                "ledger.lastError", "");
        Map<String, String> executor = Map.of("ledger.reachable", "false", "ledger.lastWriteMs", "1700000000000",
                "ledger.lagMs", "31000", "ledger.pendingWrites", "17", "ledger.writeFailures", "9",
                "ledger.lastError", "Connection refused: /127.0.0.1:5432", "reconciling", "3");
        JsonObject json = StatusJson.render(new PeerSnapshot(nodes(true), risk, executor, 5), FEED, JOURNAL, 99);

        JsonObject ledger = new JsonObject(json.encode()).getJsonObject("ledger"); // numbers survive text
        JsonObject r = ledger.getJsonObject("risk");
        assertThat(r.getBoolean("reported")).isTrue();
        assertThat(r.getBoolean("reachable")).isTrue();
        assertThat(r.getLong("lastWriteMs")).isEqualTo(1_700_000_000_500L);
        assertThat(r.getLong("lagMs")).isZero();
        assertThat(r.getLong("pendingWrites")).isZero();
        assertThat(r.getLong("writeFailures")).isEqualTo(2L);
        assertThat(r.getString("lastError")).isEmpty();
        JsonObject x = ledger.getJsonObject("executor");
        assertThat(x.getBoolean("reported")).isTrue();
        assertThat(x.getBoolean("reachable")).isFalse();
        assertThat(x.getLong("lagMs")).isEqualTo(31_000L);
        assertThat(x.getLong("pendingWrites")).isEqualTo(17L);
        assertThat(x.getLong("writeFailures")).isEqualTo(9L);
        assertThat(x.getString("lastError")).isEqualTo("Connection refused: /127.0.0.1:5432");
        assertThat(ledger.getValue("reconciling")).isInstanceOf(Number.class);
        assertThat(ledger.getLong("reconciling")).isEqualTo(3L);
    }

    @Test
    void render_withNodesNotReportingLedgerFacts_showsLedgerAbsentAndReconcilingUnknown() {
        // risk answers but predates the ledger facts; the executor is unreachable
        JsonObject json = StatusJson.render(new PeerSnapshot(nodes(true), Map.of("tier", "NORMAL"), null, 5), FEED,
                JOURNAL, 99);
        JsonObject ledger = json.getJsonObject("ledger");
        for (String node : List.of("risk", "executor")) {
            JsonObject n = ledger.getJsonObject(node);
            assertThat(n.getBoolean("reported")).as(node).isFalse();
            assertThat(n.fieldNames()).containsExactlyInAnyOrder("reported", "reachable", "lastWriteMs", "lagMs",
                    "pendingWrites", "writeFailures", "lastError");
            for (String field : n.fieldNames()) {
                if (!field.equals("reported")) {
                    assertThat(n.getValue(field)).as(node + "." + field).isNull();
                }
            }
        }
        assertThat(ledger.containsKey("reconciling")).isTrue();
        assertThat(ledger.getValue("reconciling")).isNull();

        JsonObject executorWithoutReconciling = StatusJson.render(new PeerSnapshot(nodes(true), null,
                Map.of("ledger.reachable", "yes", "ledger.lagMs", "soon"), 5), FEED, JOURNAL, 99).getJsonObject("ledger");
        assertThat(executorWithoutReconciling.getJsonObject("executor").getBoolean("reported")).isTrue();
        assertThat(executorWithoutReconciling.getJsonObject("executor").getValue("reachable")).isNull();
        assertThat(executorWithoutReconciling.getJsonObject("executor").getValue("lagMs")).isNull();
        assertThat(executorWithoutReconciling.getValue("reconciling")).isNull();
    }

    @Test
    void render_withJournalStats_showsJournalSectionWithNumbers() {
        JsonObject json = new JsonObject(StatusJson.render(new PeerSnapshot(nodes(true), null, null, 5), FEED,
                JOURNAL, 99).encode());
        JsonObject journal = json.getJsonObject("journal");
        assertThat(journal.getBoolean("up")).isTrue();
        assertThat(journal.getString("stream")).isEqualTo("events:price");
        assertThat(journal.getLong("length")).isEqualTo(95_000L);
        assertThat(journal.getInteger("inFlight")).isEqualTo(12);
        assertThat(journal.getLong("appended")).isEqualTo(990L);
        assertThat(journal.getLong("dropped")).isEqualTo(3L);
        assertThat(journal.getLong("failures")).isEqualTo(1L);
        assertThat(journal.getLong("lagMs")).isEqualTo(4L);
        assertThat(journal.getString("lastError")).isEmpty();

        JsonObject down = StatusJson.render(new PeerSnapshot(nodes(true), null, null, 5), FEED,
                new JournalStats(false, "events:price", null, 0, 0, 50, 2, null, "Connection refused"), 99)
                .getJsonObject("journal");
        assertThat(down.getBoolean("up")).isFalse();
        assertThat(down.containsKey("length")).isTrue();
        assertThat(down.getValue("length")).isNull();
        assertThat(down.getValue("lagMs")).isNull();
        assertThat(down.getString("lastError")).isEqualTo("Connection refused");
    }
}
