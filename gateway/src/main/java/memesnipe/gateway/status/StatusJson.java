package memesnipe.gateway.status;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Assembles the GET /api/v1/status document from a peer snapshot, the feed counters and the tick journal. Pure.
 * Breaker and portfolio come from the risk node's facts; without them the tier is UNKNOWN and the
 * portfolio fields are null. The ledger section comes from the risk and executor nodes' "ledger.*" facts and
 * the executor's "reconciling" fact; a node that does not report them shows reported=false and null fields.
 */
public final class StatusJson {
    private StatusJson() {
    }

    /** The ledger facts each node reports, by status field name → fact name. */
    private static final String[][] LEDGER_FACTS = {
            {"reachable", "ledger.reachable"}, {"lastWriteMs", "ledger.lastWriteMs"}, {"lagMs", "ledger.lagMs"},
            {"pendingWrites", "ledger.pendingWrites"}, {"writeFailures", "ledger.writeFailures"},
            {"lastError", "ledger.lastError"}};

    public static JsonObject render(PeerSnapshot peers, FeedStats feed, JournalStats journal, long generatedAtMs) {
        JsonArray nodes = new JsonArray();
        for (NodeView n : peers.nodes()) {
            JsonObject node = new JsonObject().put("name", n.name()).put("address", n.address()).put("serving", n.serving());
            if (n.via() != null) {
                node.put("via", n.via());
            }
            if (n.address() != null) {
                // every node serves /metrics on its gRPC TLS port; the executor and the signer answer it only to the
                // monitoring certificate (monitor.pem from `memesnipe certs`) and to their own callers
                node.put("metricsUrl", "https://" + n.address() + "/metrics");
            }
            nodes.add(node);
        }
        Map<String, String> risk = peers.riskFacts();
        return new JsonObject()
                .put("nodes", nodes)
                .put("breaker", breaker(risk))
                .put("portfolio", portfolio(risk))
                .put("feed", feed(feed))
                .put("ledger", ledger(risk, peers.executorFacts()))
                .put("journal", journal(journal))
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

    private static JsonObject ledger(Map<String, String> risk, Map<String, String> executor) {
        return new JsonObject()
                .put("risk", ledgerOf(risk))
                .put("executor", ledgerOf(executor))
                .put("reconciling", executor == null ? null : wholeNumber(executor.get("reconciling")));
    }

    /** One node's ledger health; reported=false and every field null when it did not report any. */
    private static JsonObject ledgerOf(Map<String, String> facts) {
        boolean reported = facts != null && facts.keySet().stream().anyMatch(k -> k.startsWith("ledger."));
        Map<String, String> f = reported ? facts : Map.of();
        JsonObject node = new JsonObject().put("reported", reported);
        for (String[] field : LEDGER_FACTS) {
            String value = f.get(field[1]);
            switch (field[0]) {
                case "reachable" -> node.put(field[0], bool(value));
                case "lastError" -> node.put(field[0], value);
                default -> node.put(field[0], wholeNumber(value));
            }
        }
        return node;
    }

    private static JsonObject journal(JournalStats j) {
        return new JsonObject()
                .put("up", j.up())
                .put("stream", j.stream())
                .put("length", j.length())
                .put("inFlight", j.inFlight())
                .put("appended", j.appended())
                .put("dropped", j.dropped())
                .put("failures", j.failures())
                .put("lagMs", j.lagMs())
                .put("lastError", j.lastError());
    }

    /** true or false, or null when absent or neither. */
    private static Boolean bool(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
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
