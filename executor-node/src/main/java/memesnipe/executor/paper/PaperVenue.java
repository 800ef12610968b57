package memesnipe.executor.paper;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import memesnipe.executor.journal.AppendOnlyFile;
import memesnipe.model.time.Clock;
import memesnipe.executor.venue.PaperPricing;
import memesnipe.model.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The paper venue, behaving like a real exchange: it prices a market order with {@link PaperPricing} and keeps
 * its own durable record of every client order id it was given and what became of it, in an append-only,
 * fsync'd file ({@code orders.log} under its directory), independent of the executor's PostgreSQL because it
 * stands for an external exchange. An answer is given only once it is on disk.
 *
 * <ul>
 *   <li>{@link #place}: a client id seen before gets its existing outcome back (venue-side dedupe), flagged
 *       {@code existing}; a new one is priced now (at the mark of the event it was decided on) and filled (or rejected, e.g. NO_PRICE).</li>
 *   <li>{@link #query}: what happened to client id X — FILLED (with the fill), REJECTED, CANCELLED, or
 *       UNKNOWN.</li>
 *   <li>{@link #cancel}: an id it never saw becomes CANCELLED, so a late arrival of it is refused; a known id
 *       keeps its outcome.</li>
 * </ul>
 *
 * Memory is bounded: the outcomes of the most recent {@code indexSize} ids are kept in memory, and every id
 * ever recorded goes into a fixed-size {@link IdFilter}; an id that is not in memory but that the filter may
 * have seen is looked up in the file (on a worker). So dedupe and answers cover the whole history, and the
 * cost of an old id is one file scan. Event-loop only.
 */
public final class PaperVenue {
    private static final Logger LOG = LoggerFactory.getLogger(PaperVenue.class);
    public static final String NAME = "paper";
    public static final String FILE = "orders.log";
    /** Outcomes kept in memory. */
    public static final int DEFAULT_INDEX_SIZE = 100_000;
    static final int FILTER_LOG2_BITS = 23;

    /** An order as the venue sees it: qtyE8 lots of 10^lotExponent units. */
    public record VenueOrder(String clientOrderId, String symbol, Side side, long qtyE8, int lotExponent,
                             long decisionSeq) {
        /** An order of a symbol traded in single units, naming no deciding event (fills at the latest mark). */
        public VenueOrder(String clientOrderId, String symbol, Side side, long qtyE8) {
            this(clientOrderId, symbol, side, qtyE8, 0, 0);
        }

        /** An order naming no deciding event (fills at the latest mark). */
        public VenueOrder(String clientOrderId, String symbol, Side side, long qtyE8, int lotExponent) {
            this(clientOrderId, symbol, side, qtyE8, lotExponent, 0);
        }
    }

    /** What the venue knows about a client id. */
    public sealed interface Outcome permits Filled, Rejected, Cancelled, Unknown {
    }

    /** Filled qtyE8 lots of 10^lotExponent units at priceE8 (USD per lot, 1e8) for feeE8 (quote, 1e8) at timeMs. */
    public record Filled(String symbol, Side side, long qtyE8, long priceE8, long feeE8, long timeMs, int lotExponent)
            implements Outcome {
        /** A fill of a symbol traded in single units. */
        public Filled(String symbol, Side side, long qtyE8, long priceE8, long feeE8, long timeMs) {
            this(symbol, side, qtyE8, priceE8, feeE8, timeMs, 0);
        }
    }

    /** Refused at timeMs, for the reason given (e.g. "NO_PRICE"). */
    public record Rejected(String reason, long timeMs) implements Outcome {
    }

    /** Cancelled at timeMs before it was ever placed: a placement of this id is refused. */
    public record Cancelled(long timeMs) implements Outcome {
    }

    /** The venue has no record of the id. */
    public record Unknown() implements Outcome {
    }

    /** The answer to a placement: existing = the id had been given before and this is its earlier outcome. */
    public record Placement(Outcome outcome, boolean existing) {
    }

    private final PaperPricing pricing;
    private final Clock clock;
    private final AppendOnlyFile file;
    private final int indexSize;
    /** Recent ids → their outcome (a pending future while being written or looked up). */
    private final LinkedHashMap<String, Future<Outcome>> index;
    private final IdFilter seen;
    /** Whether some recorded ids are no longer in memory (so a filter "maybe" needs a file look-up). */
    private boolean evicted;
    private long placements;
    private long scans;

    private PaperVenue(PaperPricing pricing, Clock clock, AppendOnlyFile file, int indexSize,
                       LinkedHashMap<String, Future<Outcome>> index, IdFilter seen, boolean evicted) {
        this.pricing = pricing;
        this.clock = clock;
        this.file = file;
        this.indexSize = indexSize;
        this.index = index;
        this.seen = seen;
        this.evicted = evicted;
    }

    /** Opens the venue's record under dir (created if absent) and reads it on a worker. */
    public static Future<PaperVenue> open(Vertx vertx, Path dir, PaperPricing pricing, Clock clock, int indexSize) {
        if (indexSize < 1) {
            return Future.failedFuture(new IllegalArgumentException("indexSize must be >= 1"));
        }
        LinkedHashMap<String, Future<Outcome>> index = new LinkedHashMap<>();
        IdFilter seen = new IdFilter(FILTER_LOG2_BITS);
        boolean[] evicted = {false};
        // filled on the worker thread; handed over through the future's completion
        return AppendOnlyFile.open(vertx, dir.resolve(FILE), line -> {
            Record r = decode(line);
            seen.add(r.id());
            index.remove(r.id()); // the newest record of an id wins, and counts as recent
            index.put(r.id(), Future.succeededFuture(r.outcome()));
            if (index.size() > indexSize) {
                Iterator<String> it = index.keySet().iterator();
                it.next();
                it.remove();
                evicted[0] = true;
            }
        }).map(f -> {
            LOG.info("paper venue record {}: {} order(s)", f.path(), f.records());
            return new PaperVenue(pricing, clock, f, indexSize, index, seen, evicted[0]);
        });
    }

    /** Records the latest price of a symbol traded in single units. */
    public void mark(String symbol, long priceE8) {
        pricing.mark(symbol, priceE8);
    }

    /** Records the latest price of a symbol, per lot of 10^lotExponent units, and the volume its event traded. */
    public void mark(String symbol, long priceE8, int lotExponent, long volumeE8) {
        pricing.mark(symbol, priceE8, lotExponent, volumeE8);
    }

    /** As above, for the gateway event of that stream and seq (see {@link PaperPricing}: orders fill at it). */
    public void mark(String symbol, long priceE8, int lotExponent, long volumeE8, String streamId, long seq) {
        pricing.mark(symbol, priceE8, lotExponent, volumeE8, streamId, seq);
    }

    /** The symbols a buy could be priced for now (see {@link PaperPricing#freshSymbols()}). */
    public java.util.List<String> freshSymbols() {
        return pricing.freshSymbols();
    }

    /** Orders that named their deciding event but filled at the latest mark (see {@link PaperPricing}). */
    public long latestMarkFallbacks() {
        return pricing.latestMarkFallbacks();
    }

    /** Why an order of the symbol in this lot cannot be priced here (see {@link PaperPricing#lotProblem}). */
    public Optional<String> lotProblem(String symbol, int lotExponent) {
        return pricing.lotProblem(symbol, lotExponent);
    }

    /** Whether an order for the symbol on this side could be priced now (see {@link PaperPricing}). */
    public boolean hasPrice(String symbol, Side side) {
        return pricing.hasPrice(symbol, side);
    }

    /** Places a market order; answers once the outcome is durable in the venue's record. */
    public Future<Placement> place(VenueOrder order) {
        return resolve(order.clientOrderId(), () -> {
            placements++;
            PaperPricing.Quote quote = pricing.quote(order.symbol(), order.side(), order.qtyE8(), order.lotExponent(),
                    order.decisionSeq());
            if (quote instanceof PaperPricing.Priced p) {
                return new Filled(order.symbol(), order.side(), p.qtyE8(), p.priceE8(), p.feeE8(), clock.millis(),
                        order.lotExponent());
            }
            if (quote instanceof PaperPricing.OutOfRange o) {
                return new Rejected(o.reason(), clock.millis()); // recorded like any outcome: every retry gets it back
            }
            return new Rejected(((PaperPricing.NoPrice) quote).reason(), clock.millis());
        });
    }

    /** What happened to the client id (waits for an outcome still being written). */
    public Future<Outcome> query(String clientOrderId) {
        Future<Outcome> known = index.get(clientOrderId);
        if (known != null) {
            return known;
        }
        return onDisk(clientOrderId).map(o -> o.orElse(new Unknown()));
    }

    /** Cancels the id: one never seen becomes CANCELLED (durably); a known one keeps (and returns) its outcome. */
    public Future<Outcome> cancel(String clientOrderId) {
        return resolve(clientOrderId, () -> new Cancelled(clock.millis())).map(Placement::outcome);
    }

    /** New placements since open (repeats of a known id are not counted). */
    public long placements() {
        return placements;
    }

    /** Look-ups of old ids in the file since open. */
    public long scans() {
        return scans;
    }

    /** Ids whose outcome is in memory. */
    public int indexed() {
        return index.size();
    }

    public Future<Void> close() {
        return file.close();
    }

    /** The id's existing outcome, or (for an id never seen) the fresh one, recorded durably first. */
    private Future<Placement> resolve(String id, Supplier<Outcome> fresh) {
        Future<Outcome> known = index.get(id);
        if (known != null) {
            return known.map(o -> new Placement(o, true));
        }
        Future<Optional<Outcome>> older = onDisk(id);
        Promise<Outcome> outcome = Promise.promise();
        remember(id, outcome.future()); // a second call for the id now waits for this one
        seen.add(id);
        Future<Placement> result = older.compose(found -> {
            if (found.isPresent()) {
                return Future.succeededFuture(new Placement(found.get(), true));
            }
            Outcome o = fresh.get();
            return file.append(List.of(encode(id, o))).map(v -> new Placement(o, false));
        });
        result.onComplete(ar -> {
            if (ar.succeeded()) {
                outcome.complete(ar.result().outcome());
            } else {
                index.remove(id, outcome.future()); // not durable: as if never given
                outcome.fail(ar.cause());
            }
        });
        return result;
    }

    /** The id's outcome from the file, if the id is not in memory but may have been recorded. */
    private Future<Optional<Outcome>> onDisk(String id) {
        if (!evicted || !seen.mightContain(id)) {
            return Future.succeededFuture(Optional.empty());
        }
        scans++;
        AtomicReference<Outcome> last = new AtomicReference<>();
        return file.scan(line -> {
            Record r = decode(line);
            if (r.id().equals(id)) {
                last.set(r.outcome());
            }
        }).map(v -> Optional.ofNullable(last.get()));
    }

    private void remember(String id, Future<Outcome> outcome) {
        index.put(id, outcome);
        if (index.size() <= indexSize) {
            return;
        }
        Iterator<Map.Entry<String, Future<Outcome>>> it = index.entrySet().iterator();
        while (index.size() > indexSize && it.hasNext()) {
            if (it.next().getValue().isComplete()) { // an outcome still being written stays
                it.remove();
                evicted = true;
            }
        }
    }

    private record Record(String id, Outcome outcome) {
    }

    static String encode(String id, Outcome o) {
        JsonObject j = new JsonObject().put("id", id);
        if (o instanceof Filled f) {
            j.put("status", "FILLED").put("symbol", f.symbol()).put("side", f.side().name())
                    .put("qty_e8", f.qtyE8()).put("price_e8", f.priceE8()).put("fee_e8", f.feeE8())
                    .put("time_ms", f.timeMs()).put("lot", f.lotExponent());
        } else if (o instanceof Rejected r) {
            j.put("status", "REJECTED").put("reason", r.reason()).put("time_ms", r.timeMs());
        } else if (o instanceof Cancelled c) {
            j.put("status", "CANCELLED").put("time_ms", c.timeMs());
        } else {
            throw new IllegalArgumentException("UNKNOWN is not recorded");
        }
        return j.encode();
    }

    private static Record decode(String line) {
        JsonObject j = new JsonObject(line);
        String id = j.getString("id");
        long time = j.getLong("time_ms");
        Outcome o = switch (j.getString("status")) {
            case "FILLED" -> new Filled(j.getString("symbol"), Side.valueOf(j.getString("side")), j.getLong("qty_e8"),
                    j.getLong("price_e8"), j.getLong("fee_e8"), time, j.getInteger("lot", 0));
            case "REJECTED" -> new Rejected(j.getString("reason"), time);
            case "CANCELLED" -> new Cancelled(time);
            default -> throw new IllegalArgumentException("unknown venue record status in " + line);
        };
        return new Record(id, o);
    }
}
