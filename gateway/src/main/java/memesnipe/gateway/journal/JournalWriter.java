package memesnipe.gateway.journal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import memesnipe.gateway.GatewayConfig;
import memesnipe.gateway.status.JournalStats;
import memesnipe.model.text.Printable;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.ledger.Ledger;
import memesnipe.model.time.Clock;
import memesnipe.v1.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends every accepted market event to the Redis tick journal, fire-and-forget and pipelined on one
 * connection (each feed batch in one write), with at most maxInFlight appends waiting (the rest are counted,
 * never queued): market data never waits for Redis and the journal may lose events. A length poll every {@link #POLL_MS} doubles as the
 * reconnect probe, so journaling resumes by itself when Redis returns. Event-loop only (the gateway's).
 */
public final class JournalWriter {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    /** How often the stream length is polled; while Redis is down, how often it is tried again. */
    public static final long POLL_MS = 1_000;
    /** How long the gateway's start waits for the first answer from Redis before its feed starts anyway. */
    public static final long FIRST_POLL_WAIT_MS = 2_000;
    /** How long stop() waits for the appends already sent. */
    public static final long DRAIN_MS = 2_000;

    private final Vertx vertx;
    private final Clock clock;
    private final GatewayConfig.Journal config;
    private final JournalBook book;
    private final TickJournal journal;
    private boolean probing;
    private boolean wasUp;
    private long timerId = -1;
    private Promise<Void> drained;

    /** A writer for the gateway's event loop: call from the verticle's start(), so the connection lives there. */
    public JournalWriter(Vertx vertx, Clock clock, GatewayConfig.Journal config, MeterRegistry metrics) {
        this.vertx = vertx;
        this.clock = clock;
        this.config = config;
        this.book = new JournalBook(config.maxInFlight());
        this.journal = TickJournal.create(vertx, config.redis(), config.stream(), config.maxLen(),
                Math.max(TickJournal.MAX_PIPELINED_DEFAULT, config.maxInFlight() + 16));
        register(metrics);
    }

    /**
     * Polls the length now (opening the connection) and every {@link #POLL_MS}; completes when the first poll
     * is answered, successfully or not, or after {@link #FIRST_POLL_WAIT_MS}: never fails.
     */
    public Future<Void> start() {
        Promise<Void> first = Promise.promise();
        poll().onComplete(ar -> first.tryComplete());
        long wait = vertx.setTimer(FIRST_POLL_WAIT_MS, id -> first.tryComplete());
        timerId = vertx.setPeriodic(POLL_MS, id -> poll());
        return first.future().onComplete(ar -> vertx.cancelTimer(wait));
    }

    /**
     * Journals accepted events in order, pipelined in one write; those beyond the backlog bound, or all of them
     * while Redis is down, are only counted as dropped.
     */
    public void append(List<MarketEvent> events) {
        int n = book.admit(events.size(), clock.millis());
        if (n == 0) {
            return;
        }
        List<MarketEvent> batch = n == events.size() ? events : events.subList(0, n);
        long lastIngestMs = batch.get(n - 1).getIngestTimeMs();
        journal.appendAll(batch).onComplete(ar -> {
            if (ar.succeeded()) {
                book.appended(n, lastIngestMs, clock.millis());
                noteUp();
            } else {
                String error = message(ar.cause());
                book.appendFailed(n, error, clock.millis());
                noteDown(error);
            }
            answered();
        });
    }

    private Future<Long> poll() {
        if (probing) {
            return Future.succeededFuture();
        }
        probing = true;
        return journal.length().onComplete(ar -> {
            probing = false;
            if (ar.succeeded()) {
                book.probed(ar.result());
                noteUp();
            } else {
                String error = message(ar.cause());
                book.probeFailed(error);
                noteDown(error);
            }
        });
    }

    private void noteUp() {
        if (!wasUp) {
            wasUp = true;
            LOG.info("tick journal: appending accepted events to Redis {} stream {}", config.redis().where(),
                    Printable.of(config.stream()));
        }
    }

    private void noteDown(String error) {
        if (wasUp) {
            wasUp = false;
            LOG.warn("tick journal: Redis {} unreachable ({}); market data continues, events are not journaled "
                    + "until it answers again", config.redis().where(), error);
        }
    }

    private static String message(Throwable err) {
        return Printable.of(Ledger.rootMessage(err));
    }

    public JournalStats stats() {
        return book.stats(config.stream(), clock.millis());
    }

    /** Status facts, prefixed "journal." (up, stream, length, inFlight, appended, dropped, failures, lagMs, lastError). */
    public Map<String, String> facts() {
        JournalStats s = stats();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("journal.up", Boolean.toString(s.up()));
        f.put("journal.stream", s.stream());
        f.put("journal.length", s.length() == null ? "" : Long.toString(s.length()));
        f.put("journal.inFlight", Integer.toString(s.inFlight()));
        f.put("journal.appended", Long.toString(s.appended()));
        f.put("journal.dropped", Long.toString(s.dropped()));
        f.put("journal.failures", Long.toString(s.failures()));
        f.put("journal.lagMs", s.lagMs() == null ? "" : Long.toString(s.lagMs()));
        f.put("journal.lastError", s.lastError());
        return f;
    }

    /**
     * Stops polling and closes the connection once the appends already sent are answered (at most
     * {@link #DRAIN_MS}): call after the last {@link #append}.
     */
    public Future<Void> stop() {
        vertx.cancelTimer(timerId);
        if (book.inFlight() > 0 && book.up(clock.millis())) {
            drained = Promise.promise();
            long timer = vertx.setTimer(DRAIN_MS, id -> drained.tryComplete());
            return drained.future().compose(v -> {
                vertx.cancelTimer(timer);
                return journal.close();
            });
        }
        return journal.close();
    }

    private void answered() {
        if (drained != null && book.inFlight() == 0) {
            drained.tryComplete();
        }
    }

    private void register(MeterRegistry metrics) {
        FunctionCounter.builder("memesnipe_gateway_journal_appended", book, JournalBook::appended)
                .description("Accepted events Redis acknowledged in the tick journal").register(metrics);
        FunctionCounter.builder("memesnipe_gateway_journal_dropped", book, JournalBook::dropped)
                .description("Accepted events not journaled: the append backlog was full or Redis was down")
                .register(metrics);
        FunctionCounter.builder("memesnipe_gateway_journal_failures", book, JournalBook::failures)
                .description("Journal appends sent to Redis that failed").register(metrics);
        Gauge.builder("memesnipe_gateway_journal_in_flight", book, JournalBook::inFlight)
                .description("Journal appends sent and not yet acknowledged (the backlog)").register(metrics);
        Gauge.builder("memesnipe_gateway_journal_lag_ms", book, b -> b.lagMs() < 0 ? Double.NaN : b.lagMs())
                .description("Ingest to Redis acknowledgement of the latest acknowledged append, ms").register(metrics);
        Gauge.builder("memesnipe_gateway_journal_length", book, b -> b.length() < 0 ? Double.NaN : b.length())
                .description("Entries in the tick journal stream (XLEN, polled every second)").register(metrics);
        Gauge.builder("memesnipe_gateway_journal_up", book, b -> b.up(clock.millis()) ? 1 : 0)
                .description("1 when the tick journal reaches Redis, 0 when it does not").register(metrics);
    }
}
