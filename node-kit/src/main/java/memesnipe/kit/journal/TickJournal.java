package memesnipe.kit.journal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import memesnipe.kit.ledger.RedisSettings;
import memesnipe.v1.MarketEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tick journal: accepted market events appended to a bounded Redis stream (default {@code events:price},
 * trimmed to about maxLen entries), read back for a fast restart (the newest mark per symbol) and for export
 * to a replay file. Holds nothing money depends on: if Redis is flushed, restarted nodes wait for fresh ticks.
 * Entry fields: seq, sid (stream id), sym, p (price e8), v (volume e8), l (liquidity e8), et (event ms),
 * it (ingest ms). Commands are pipelined on one connection (appendAll writes a whole batch at once), re-opened
 * after a failure. One owner (event loop).
 */
public final class TickJournal {
    public static final String STREAM_KEY = "journal-stream";
    public static final String STREAM_DEFAULT = "events:price";
    public static final String MAXLEN_KEY = "journal-maxlen";
    public static final long MAXLEN_DEFAULT = 100_000;

    private final Redis redis;
    private final String stream;
    private final long maxLen;
    private Future<RedisConnection> connection;

    private TickJournal(Redis redis, String stream, long maxLen) {
        this.redis = redis;
        this.stream = stream;
        this.maxLen = maxLen;
    }

    /** Commands that may wait for their answer on the connection at once (the Redis client's default). */
    public static final int MAX_PIPELINED_DEFAULT = 2048;

    /** A journal client; no connection is made until the first command. */
    public static TickJournal create(Vertx vertx, RedisSettings settings, String stream, long maxLen) {
        return create(vertx, settings, stream, maxLen, MAX_PIPELINED_DEFAULT);
    }

    /**
     * A journal client that lets up to {@code maxPipelined} commands wait for their answer on its connection
     * (beyond that a command fails at once with "Redis waiting queue is full").
     */
    public static TickJournal create(Vertx vertx, RedisSettings settings, String stream, long maxLen,
                                     int maxPipelined) {
        return new TickJournal(Redis.createClient(vertx, settings.options().setMaxWaitingHandlers(maxPipelined)),
                stream, maxLen);
    }

    public String stream() {
        return stream;
    }

    /** Appends one event (XADD with approximate MAXLEN trimming); completes with the entry id. */
    public Future<String> append(MarketEvent e) {
        return send(xadd(e)).map(Response::toString);
    }

    /**
     * Appends the events in order, pipelined in one write (one XADD each); completes with their entry ids, or
     * fails when any of them failed. An empty list completes at once.
     */
    public Future<List<String>> appendAll(List<MarketEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<Request> requests = new ArrayList<>(events.size());
        for (MarketEvent e : events) {
            requests.add(xadd(e));
        }
        return connection().compose(c -> c.batch(requests)).map(replies -> {
            List<String> ids = new ArrayList<>(replies.size());
            for (Response r : replies) {
                ids.add(r.toString());
            }
            return ids;
        });
    }

    private Request xadd(MarketEvent e) {
        if (isSignal(e)) { // a signal is kept whole, as its protobuf bytes: field pb
            return Request.cmd(Command.XADD).arg(stream).arg("MAXLEN").arg("~").arg(maxLen).arg("*")
                    .arg("seq").arg(e.getSeq()).arg("sid").arg(e.getStreamId()).arg("sym").arg(e.getSymbol())
                    .arg("et").arg(e.getEventTimeMs()).arg("it").arg(e.getIngestTimeMs())
                    .arg("pb").arg(java.util.Base64.getEncoder().encodeToString(e.toByteArray()));
        }
        return Request.cmd(Command.XADD).arg(stream).arg("MAXLEN").arg("~").arg(maxLen).arg("*")
                .arg("seq").arg(e.getSeq()).arg("sid").arg(e.getStreamId()).arg("sym").arg(e.getSymbol())
                .arg("p").arg(e.getPriceE8()).arg("v").arg(e.getVolumeE8()).arg("l").arg(e.getLiquidityE8())
                .arg("et").arg(e.getEventTimeMs()).arg("it").arg(e.getIngestTimeMs()).arg("lot").arg(e.getLotExponent());
    }

    /** Entries in the stream now (XLEN). */
    public Future<Long> length() {
        return send(Request.cmd(Command.XLEN).arg(stream)).map(Response::toLong);
    }

    /** The newest event per symbol among the last {@code scan} entries (for marks after a restart). */
    public Future<Map<String, MarketEvent>> lastMarks(int scan) {
        return send(Request.cmd(Command.XREVRANGE).arg(stream).arg("+").arg("-").arg("COUNT").arg(scan))
                .map(resp -> {
                    Map<String, MarketEvent> marks = new LinkedHashMap<>();
                    for (Entry entry : entries(resp)) {
                        if (isSignal(entry.event())) {
                            continue; // not a price
                        }
                        marks.putIfAbsent(entry.event().getSymbol(), entry.event());
                    }
                    return marks;
                });
    }

    /** The id of the newest entry, or null when the stream is empty or absent (for a reader to know where to stop). */
    public Future<String> newestId() {
        return send(Request.cmd(Command.XREVRANGE).arg(stream).arg("+").arg("-").arg("COUNT").arg(1))
                .map(resp -> resp == null || resp.size() == 0 ? null : resp.get(0).get(0).toString());
    }

    /** Up to {@code count} entries after entry id {@code afterId} ("0" = from the start), oldest first. */
    public Future<List<Entry>> read(String afterId, int count) {
        return send(Request.cmd(Command.XRANGE).arg(stream).arg("(" + afterId).arg("+").arg("COUNT").arg(count))
                .map(TickJournal::entries);
    }

    private Future<Response> send(Request request) {
        return connection().compose(c -> c.send(request));
    }

    /** The open connection, or a new one when there is none (never opened, or forgotten after a failure). */
    private Future<RedisConnection> connection() {
        if (connection == null) {
            Promise<RedisConnection> opening = Promise.promise();
            Future<RedisConnection> current = opening.future();
            connection = current;
            // A failed or closed connection is forgotten (only if it is still the current one), so the next
            // command opens a fresh connection: the journal resumes by itself when Redis is back.
            redis.connect().onComplete(ar -> {
                if (ar.succeeded()) {
                    ar.result().exceptionHandler(err -> forget(current)).endHandler(v -> forget(current));
                    opening.complete(ar.result());
                } else {
                    forget(current);
                    opening.fail(ar.cause());
                }
            });
        }
        return connection;
    }

    private void forget(Future<RedisConnection> failed) {
        if (connection == failed) {
            connection = null;
        }
    }

    public Future<Void> close() {
        connection = null;
        redis.close();
        return Future.succeededFuture();
    }

    /** Whether the event is a signal (not a price tick). */
    public static boolean isSignal(MarketEvent e) {
        return e.getSignalCase() != MarketEvent.SignalCase.SIGNAL_NOT_SET;
    }

    /** One journal entry: its Redis id and the event. */
    public record Entry(String id, MarketEvent event) {
    }

    private static List<Entry> entries(Response resp) {
        List<Entry> out = new ArrayList<>();
        if (resp == null) {
            return out;
        }
        for (Response item : resp) {
            String id = item.get(0).toString();
            Map<String, String> f = new LinkedHashMap<>();
            Response fields = item.get(1);
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                f.put(fields.get(i).toString(), fields.get(i + 1).toString());
            }
            try {
                if (f.containsKey("pb")) {
                    out.add(new Entry(id, MarketEvent.parseFrom(java.util.Base64.getDecoder().decode(f.get("pb")))));
                    continue;
                }
                int lot = Integer.parseInt(f.getOrDefault("lot", "0")); // entries older than the field: single units
                if (!memesnipe.model.money.Lot.valid(lot)) {
                    continue;
                }
                out.add(new Entry(id, MarketEvent.newBuilder().setSeq(Long.parseLong(f.getOrDefault("seq", "0")))
                        .setLotExponent(lot)
                        .setStreamId(f.getOrDefault("sid", "")).setSymbol(f.getOrDefault("sym", ""))
                        .setPriceE8(Long.parseLong(f.get("p"))).setVolumeE8(Long.parseLong(f.getOrDefault("v", "0")))
                        .setLiquidityE8(Long.parseLong(f.getOrDefault("l", "0")))
                        .setEventTimeMs(Long.parseLong(f.getOrDefault("et", "0")))
                        .setIngestTimeMs(Long.parseLong(f.getOrDefault("it", "0"))).build()));
            } catch (RuntimeException | com.google.protobuf.InvalidProtocolBufferException malformed) {
                // an entry not written by the gateway (someone else wrote to the key): skip it, never crash a reader
            }
        }
        return out;
    }
}
