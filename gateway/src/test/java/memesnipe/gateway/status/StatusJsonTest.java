package memesnipe.gateway.status;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusJsonTest {
    static final FeedStats FEED = new FeedStats(1_000, 990, 10, Map.of("STALE", 4L, "NON_FINITE_PRICE", 6L), 2, 37);

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
        JsonObject json = StatusJson.render(new PeerSnapshot(nodes(true), facts, 5), FEED, 99);

        JsonArray nodes = json.getJsonArray("nodes");
        assertThat(nodes).hasSize(5);
        assertThat(nodes.getJsonObject(0).getMap()).containsEntry("name", "gateway")
                .containsEntry("address", "127.0.0.1:7001").containsEntry("serving", true).doesNotContainKey("via");
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
        JsonObject json = StatusJson.render(new PeerSnapshot(nodes(false), null, 5), FEED, 99);
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
        JsonObject json = StatusJson.render(new PeerSnapshot(nodes(true), Map.of("fills", "lots", "tier", "NORMAL"), 5),
                FEED, 99);
        assertThat(json.getJsonObject("portfolio").getValue("fills")).isNull();
        assertThat(json.getJsonObject("breaker").getString("tier")).isEqualTo("NORMAL");
        assertThat(json.getJsonObject("breaker").getJsonArray("suspendedStrategies")).isEmpty();
    }
}
