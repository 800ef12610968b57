package memesnipe.kit.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node knows about its ledger's health, for status and metrics: whether the last write reached the
 * server, when the last successful write was, how many writes wait (lag), and how many failed. One owner
 * (the node's event loop); time comes from the caller.
 */
public final class LedgerHealth {
    private boolean reachable = true;
    private long lastWriteMs;
    private long failures;
    private String lastError = "";
    private int pending;

    public void wrote(long nowMs) {
        reachable = true;
        lastWriteMs = nowMs;
    }

    public void failed(Throwable err) {
        reachable = false;
        failures++;
        lastError = Ledger.rootMessage(err);
    }

    /** Writes accepted but not yet durable in PostgreSQL (queued in memory or in a local write-ahead file). */
    public void pending(int count) {
        this.pending = count;
    }

    public boolean reachable() {
        return reachable;
    }

    public long lastWriteMs() {
        return lastWriteMs;
    }

    public long failures() {
        return failures;
    }

    public int pending() {
        return pending;
    }

    /** Status facts, prefixed "ledger." (reachable, lastWriteMs, lagMs, pendingWrites, writeFailures, lastError). */
    public Map<String, String> facts(long nowMs) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ledger.reachable", Boolean.toString(reachable));
        f.put("ledger.lastWriteMs", Long.toString(lastWriteMs));
        f.put("ledger.lagMs", Long.toString(pending == 0 || lastWriteMs == 0 ? 0 : Math.max(0, nowMs - lastWriteMs)));
        f.put("ledger.pendingWrites", Integer.toString(pending));
        f.put("ledger.writeFailures", Long.toString(failures));
        f.put("ledger.lastError", reachable ? "" : lastError);
        return f;
    }
}
