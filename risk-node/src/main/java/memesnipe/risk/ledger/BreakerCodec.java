package memesnipe.risk.ledger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import memesnipe.risk.breaker.BreakerRecord;
import memesnipe.model.Tier;
import memesnipe.risk.breaker.Transition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts breaker writes to and from ledger rows and the local journal's JSON lines. */
final class BreakerCodec {
    private BreakerCodec() {
    }

    static BreakerRecord record(Row r) {
        Map<String, Long> peaks = new HashMap<>();
        Object raw = r.getValue("strategy_peaks");
        JsonObject p = raw instanceof JsonObject j ? j : new JsonObject(String.valueOf(raw));
        p.fieldNames().forEach(k -> peaks.put(k, p.getLong(k)));
        String[] suspended = r.getArrayOfStrings("suspended");
        return new BreakerRecord(r.getString("tier"), r.getString("reason"), r.getLong("since_ms"), r.getLong("peak_e8"),
                r.getLong("day_start_e8"), r.getLong("day_epoch_day"), r.getBoolean("manual_latch"),
                r.getInteger("ramp_step"), r.getLong("ramp_since_ms"), r.getLong("clear_since_ms"), peaks,
                suspended == null ? Set.of() : Set.of(suspended), r.getLong("transition_seq"));
    }

    static JsonObject peaks(BreakerRecord r) {
        JsonObject peaks = new JsonObject();
        r.strategyPeaksE8().forEach(peaks::put);
        return peaks;
    }

    static String[] suspended(BreakerRecord r) {
        return r.suspendedStrategies().stream().sorted().toArray(String[]::new);
    }

    static BreakerWrite.StageWrite stageChange(Row r) {
        String[] reasons = r.getArrayOfStrings("reasons");
        return new BreakerWrite.StageWrite(r.getString("id"), r.getString("strategy"), "", r.getString("to_stage"),
                r.getLong("time_ms"), r.getInteger("demotions"), r.getString("from_stage"),
                reasons == null ? List.of() : List.of(reasons), r.getLong("time_ms"));
    }

    static BreakerWrite.StageWrite stage(Row r) {
        return new BreakerWrite.StageWrite("", r.getString("strategy"), r.getString("type"), r.getString("stage"),
                r.getLong("since_ms"), r.getInteger("demotions"), "", List.of(), r.getLong("updated_ms"));
    }

    static Transition transition(Row r) {
        return new Transition(r.getLong("seq"), Tier.valueOf(r.getString("from_tier")), Tier.valueOf(r.getString("to_tier")),
                r.getString("reason"), r.getInteger("drawdown_bps"), r.getInteger("daily_loss_bps"), r.getLong("equity_e8"),
                r.getLong("peak_e8"), r.getLong("time_ms"));
    }

    // ------------------------------------------------------------------ journal lines

    static JsonObject toJson(String deploymentId, BreakerWrite w) {
        BreakerRecord r = w.state();
        JsonObject state = new JsonObject().put("tier", r.tier()).put("reason", r.reason()).put("sinceMs", r.sinceMs())
                .put("peakE8", r.peakE8()).put("dayStartE8", r.dayStartE8()).put("dayEpochDay", r.dayEpochDay())
                .put("manualLatch", r.manualLatch()).put("rampStep", r.rampStep()).put("rampSinceMs", r.rampSinceMs())
                .put("clearSinceMs", r.clearSinceMs()).put("strategyPeaksE8", peaks(r))
                .put("suspendedStrategies", new JsonArray(List.of(suspended(r)))).put("transitionSeq", r.transitionSeq());
        JsonArray transitions = new JsonArray();
        for (Transition t : w.transitions()) {
            transitions.add(new JsonObject().put("seq", t.seq()).put("from", t.from().name()).put("to", t.to().name())
                    .put("reason", t.reason()).put("drawdownBps", t.drawdownBps()).put("dailyLossBps", t.dailyLossBps())
                    .put("equityE8", t.equityE8()).put("peakE8", t.peakE8()).put("timeMs", t.timeMs()));
        }
        JsonArray audits = new JsonArray();
        for (BreakerWrite.Audit a : w.audits()) {
            audits.add(new JsonObject().put("id", a.id()).put("timeMs", a.timeMs()).put("action", a.action())
                    .put("tier", a.tier()).put("reason", a.reason()).put("actor", a.actor()).put("tierAfter", a.tierAfter()));
        }
        JsonArray stages = new JsonArray();
        for (BreakerWrite.StageWrite st : w.stages()) {
            stages.add(new JsonObject().put("id", st.id()).put("strategy", st.strategy()).put("type", st.type())
                    .put("stage", st.stage()).put("sinceMs", st.sinceMs()).put("demotions", st.demotions())
                    .put("fromStage", st.fromStage()).put("reasons", new JsonArray(st.reasons()))
                    .put("timeMs", st.timeMs()));
        }
        JsonObject out = new JsonObject().put("v", 1).put("deployment", deploymentId).put("version", w.version())
                .put("timeMs", w.timeMs()).put("state", state).put("transitions", transitions).put("audits", audits)
                .put("stages", stages)
                .put("sample", new JsonObject().put("timeMs", w.sample().timeMs()).put("equityE8", w.sample().equityE8())
                        .put("peakE8", w.sample().peakE8()));
        if (w.day() != null) {
            out.put("day", new JsonObject().put("epochDay", w.day().epochDay()).put("startEquityE8", w.day().startEquityE8())
                    .put("startedMs", w.day().startedMs()));
        }
        return out;
    }

    /** Parses one journal line; a missing or mistyped field throws. */
    static BreakerWrite fromJson(JsonObject j) {
        if (j.getInteger("v", 0) != 1) {
            throw new IllegalArgumentException("unknown journal line version " + j.getValue("v"));
        }
        JsonObject s = j.getJsonObject("state");
        Map<String, Long> peaks = new HashMap<>();
        JsonObject p = s.getJsonObject("strategyPeaksE8");
        p.fieldNames().forEach(k -> peaks.put(k, p.getLong(k)));
        Set<String> suspended = new HashSet<>();
        s.getJsonArray("suspendedStrategies").forEach(v -> suspended.add((String) v));
        BreakerRecord r = new BreakerRecord(req(s.getString("tier")), req(s.getString("reason")), req(s.getLong("sinceMs")),
                req(s.getLong("peakE8")), req(s.getLong("dayStartE8")), req(s.getLong("dayEpochDay")),
                req(s.getBoolean("manualLatch")), req(s.getInteger("rampStep")), req(s.getLong("rampSinceMs")),
                req(s.getLong("clearSinceMs")), peaks, suspended, req(s.getLong("transitionSeq")));
        List<Transition> transitions = new ArrayList<>();
        for (Object o : j.getJsonArray("transitions")) {
            JsonObject t = (JsonObject) o;
            transitions.add(new Transition(req(t.getLong("seq")), Tier.valueOf(t.getString("from")),
                    Tier.valueOf(t.getString("to")), req(t.getString("reason")), req(t.getInteger("drawdownBps")),
                    req(t.getInteger("dailyLossBps")), req(t.getLong("equityE8")), req(t.getLong("peakE8")),
                    req(t.getLong("timeMs"))));
        }
        List<BreakerWrite.Audit> audits = new ArrayList<>();
        for (Object o : j.getJsonArray("audits")) {
            JsonObject a = (JsonObject) o;
            audits.add(new BreakerWrite.Audit(req(a.getString("id")), req(a.getLong("timeMs")), req(a.getString("action")),
                    req(a.getString("tier")), req(a.getString("reason")), req(a.getString("actor")),
                    req(a.getString("tierAfter"))));
        }
        List<BreakerWrite.StageWrite> stages = new ArrayList<>();
        for (Object o : j.getJsonArray("stages", new JsonArray())) { // lines written before stages existed have none
            JsonObject st = (JsonObject) o;
            List<String> reasons = new ArrayList<>();
            req(st.getJsonArray("reasons")).forEach(x -> reasons.add((String) x));
            stages.add(new BreakerWrite.StageWrite(req(st.getString("id")), req(st.getString("strategy")),
                    req(st.getString("type")), req(st.getString("stage")), req(st.getLong("sinceMs")),
                    req(st.getInteger("demotions")), req(st.getString("fromStage")), reasons, req(st.getLong("timeMs"))));
        }
        JsonObject sample = j.getJsonObject("sample");
        JsonObject day = j.getJsonObject("day");
        return new BreakerWrite(req(j.getLong("version")), req(j.getLong("timeMs")), r, transitions, audits,
                new BreakerWrite.EquitySample(req(sample.getLong("timeMs")), req(sample.getLong("equityE8")),
                        req(sample.getLong("peakE8"))),
                day == null ? null : new BreakerWrite.TradingDay(req(day.getLong("epochDay")),
                        req(day.getLong("startEquityE8")), req(day.getLong("startedMs"))), stages);
    }

    private static <T> T req(T v) {
        if (v == null) {
            throw new IllegalArgumentException("missing field");
        }
        return v;
    }
}
