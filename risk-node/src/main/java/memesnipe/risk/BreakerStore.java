package memesnipe.risk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import memesnipe.risk.breaker.BreakerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the breaker state in a JSON file so a restart never makes the breaker laxer. Writes go through
 * a temporary file and an atomic move, on a worker thread, one at a time (the newest state wins).
 */
final class BreakerStore {
    /** What was found at start: nothing yet (a fresh deployment), a record, or an unreadable file. */
    record Loaded(boolean exists, Optional<BreakerRecord> record, String problem) {
    }

    private final Vertx vertx;
    private final Path file;
    private BreakerRecord saved;
    private BreakerRecord pending;
    private boolean writing;
    private long failures;

    BreakerStore(Vertx vertx, Path file) {
        this.vertx = vertx;
        this.file = file;
    }

    Future<Loaded> load() {
        return vertx.executeBlocking(() -> {
            if (!Files.exists(file)) {
                return new Loaded(false, Optional.empty(), "");
            }
            try {
                BreakerRecord r = fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
                saved = r;
                return new Loaded(true, Optional.of(r), "");
            } catch (IOException | RuntimeException e) {
                return new Loaded(true, Optional.empty(), file + ": " + e.getMessage());
            }
        });
    }

    /** Saves the state if it changed since the last save; call from the owning event loop. */
    void save(BreakerRecord r) {
        if (r.equals(saved) || r.equals(pending)) {
            return;
        }
        pending = r;
        if (!writing) {
            writeNext();
        }
    }

    long failures() {
        return failures;
    }

    private void writeNext() {
        BreakerRecord r = pending;
        pending = null;
        writing = true;
        String json = toJson(r).encodePrettily();
        vertx.executeBlocking(() -> {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        }, true).onComplete(ar -> {
            writing = false;
            if (ar.succeeded()) {
                saved = r;
            } else {
                failures++;
                if (pending == null) {
                    pending = r; // try again with the next save
                }
            }
            if (pending != null && ar.succeeded()) {
                writeNext();
            }
        });
    }

    static JsonObject toJson(BreakerRecord r) {
        JsonObject peaks = new JsonObject();
        r.strategyPeaksE8().forEach(peaks::put);
        return new JsonObject().put("version", 1).put("tier", r.tier()).put("reason", r.reason())
                .put("sinceMs", r.sinceMs()).put("peakE8", r.peakE8()).put("dayStartE8", r.dayStartE8())
                .put("dayEpochDay", r.dayEpochDay()).put("manualLatch", r.manualLatch()).put("rampStep", r.rampStep())
                .put("rampSinceMs", r.rampSinceMs()).put("clearSinceMs", r.clearSinceMs())
                .put("strategyPeaksE8", peaks).put("suspendedStrategies", new JsonArray(r.suspendedStrategies().stream()
                        .sorted().toList())).put("transitionSeq", r.transitionSeq());
    }

    /** Parses a saved state; missing or mistyped fields throw (and the breaker then starts strict). */
    static BreakerRecord fromJson(JsonObject j) {
        if (j.getInteger("version", 0) != 1) {
            throw new IllegalArgumentException("unknown state version " + j.getValue("version"));
        }
        Map<String, Long> peaks = new HashMap<>();
        JsonObject p = j.getJsonObject("strategyPeaksE8");
        p.fieldNames().forEach(k -> peaks.put(k, p.getLong(k)));
        Set<String> suspended = new HashSet<>();
        j.getJsonArray("suspendedStrategies").forEach(v -> suspended.add((String) v));
        return new BreakerRecord(j.getString("tier"), j.getString("reason"), req(j, "sinceMs"), req(j, "peakE8"),
                req(j, "dayStartE8"), req(j, "dayEpochDay"), j.getBoolean("manualLatch"), j.getInteger("rampStep"),
                req(j, "rampSinceMs"), req(j, "clearSinceMs"), peaks, suspended, req(j, "transitionSeq"));
    }

    private static long req(JsonObject j, String key) {
        Long v = j.getLong(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }
}
