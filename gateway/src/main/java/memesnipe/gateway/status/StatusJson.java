package memesnipe.gateway.status;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Assembles the GET /api/v1/status document from a peer snapshot and the feed counters. Pure.
 * Breaker and portfolio come from the risk node's facts; without them the tier is UNKNOWN and the
 * portfolio fields are null.
 */
public final class StatusJson {
    private StatusJson() {
    }

    public static JsonObject render(PeerSnapshot peers, FeedStats feed, long generatedAtMs) {
        JsonArray nodes = new JsonArray();
        for (NodeView n : peers.nodes()) {
            JsonObject node = new JsonObject().put("name", n.name()).put("address", n.address()).put("serving", n.serving());
            if (n.via() != null) {
                node.put("via", n.via());
            }
            nodes.add(node);
        }
        Map<String, String> risk = peers.riskFacts();
        return new JsonObject()
                .put("nodes", nodes)
                .put("breaker", breaker(risk))
                .put("portfolio", portfolio(risk))
                .put("feed", feed(feed))
                .put("generatedAtMs", generatedAtMs);
    }

    private static JsonObject breaker(Map<String, String> risk) {
        if (risk == null) {
            return new JsonObject().put("tier", "UNKNOWN").put("reason", "risk node unreachable")
                    .putNull("sinceMs").putNull("sizeMultiplierPct").put("suspendedStrategies", new JsonArray());
        }
        JsonArray suspended = new JsonArray();
        Arrays.stream(risk.getOrDefault("suspendedStrategies", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).forEach(suspended::add);
        return new JsonObject()
                .put("tier", risk.getOrDefault("tier", "UNKNOWN"))
                .put("reason", risk.getOrDefault("tierReason", ""))
                .put("sinceMs", wholeNumber(risk.get("tierSinceMs")))
                .put("sizeMultiplierPct", decimal(risk.get("sizeMultiplierPct")))
                .put("suspendedStrategies", suspended);
    }

    private static JsonObject portfolio(Map<String, String> risk) {
        Map<String, String> r = risk == null ? Map.of() : risk;
        return new JsonObject()
                .put("equity", r.get("equity"))
                .put("drawdownPct", decimal(r.get("drawdownPct")))
                .put("dailyLossPct", decimal(r.get("dailyLossPct")))
                .put("fills", wholeNumber(r.get("fills")))
                .put("openPositions", wholeNumber(r.get("openPositions")));
    }

    private static JsonObject feed(FeedStats f) {
        JsonObject byReason = new JsonObject();
        f.rejectedByReason().forEach(byReason::put);
        return new JsonObject()
                .put("eventsIn", f.eventsIn())
                .put("eventsAccepted", f.eventsAccepted())
                .put("eventsRejected", f.eventsRejected())
                .put("rejectedByReason", byReason)
                .put("subscribers", f.subscribers())
                .put("drops", f.drops());
    }

    /** A whole number, or null when absent or not a number. */
    private static Long wholeNumber(String s) {
        try {
            return s == null ? null : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decimal number (kept exact), or null when absent or not a number. */
    private static BigDecimal decimal(String s) {
        try {
            return s == null ? null : new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
