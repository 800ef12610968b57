package memesnipe.gateway.journal;

import memesnipe.gateway.replay.JsonLines;
import memesnipe.kit.journal.TickJournal;
import memesnipe.v1.MarketEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the tick journal to a file, as {@link JournalCsv} (ticks only) or as JSON Lines ({@link JsonLines}: ticks
 * and signals), paging through the stream up to the entry that was newest when the export began (so a gateway
 * appending meanwhile cannot keep it running). Rows are written in event-time order, which a replay needs: the
 * journal holds events in the order the gateway accepted them, and the gateway accepts an event up to its
 * max-age-ms old, so an entry is held back until the journal has reached entries accepted {@code reorderMs} after
 * its event time (keep reorderMs at or above the gateway's max-age-ms; rows that still come out of order are
 * counted). The file appears whole or not at all (written beside it as FILE.partial, then moved into place).
 * Blocking: call it from a plain thread such as the CLI's, never from an event loop.
 */
public final class JournalExport {
    public static final int PAGE_DEFAULT = 1_000;
    /** How long after its event time an entry may be held back to put rows in event-time order, ms. */
    public static final long REORDER_MS_DEFAULT = 60_000;

    /** The file format an export writes. */
    public enum Format {
        /** {@link JournalCsv}: price ticks only (signals are skipped). */
        CSV,
        /** {@link JsonLines}: ticks as trades per base unit, and every signal. */
        JSONL;

        /** JSONL for a name ending in .jsonl or .ndjson, else CSV. */
        public static Format of(Path file) {
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? JSONL : CSV;
        }

        /** The entry as one line, or null when this format cannot hold it. */
        String line(MarketEvent e) {
            if (this == JSONL) {
                return JsonLines.line(e);
            }
            return JournalCsv.writable(e) ? JournalCsv.row(e) : null;
        }
    }

    private JournalExport() {
    }

    /**
     * What an export wrote.
     *
     * @param events           rows written
     * @param skipped          entries the format cannot hold (CSV: signals, a control character in a text field;
     *                         JSONL: a signal of a kind that cannot be read)
     * @param streamIds        distinct gateway stream ids among the rows (one per gateway start)
     * @param firstEventTimeMs earliest event time among the rows, null when none
     * @param lastEventTimeMs  latest event time among the rows, null when none
     * @param outOfOrder       rows written after a row of a later event time (a replay rejects them as UNSORTED)
     */
    public record Summary(long events, long skipped, int streamIds, Long firstEventTimeMs, Long lastEventTimeMs,
                          long outOfOrder) {
    }

    /** A CSV export, reordered within {@link #REORDER_MS_DEFAULT}. */
    public static Summary export(TickJournal journal, Path out, int pageSize, Duration timeout)
            throws IOException, TimeoutException {
        return export(journal, out, Format.CSV, REORDER_MS_DEFAULT, pageSize, timeout);
    }

    /**
     * Exports the whole stream to {@code out} in the format, {@code pageSize} entries per read, each read answered
     * within {@code timeout}, in event-time order within {@code reorderMs}.
     *
     * @throws IOException      when the file cannot be written
     * @throws TimeoutException when Redis does not answer a read in time
     * @throws RedisFailed      when Redis fails a read (unreachable, refused password); the client's error is
     *                          the cause
     */
    public static Summary export(TickJournal journal, Path out, Format format, long reorderMs, int pageSize,
                                 Duration timeout) throws IOException, TimeoutException {
        long waitMs = timeout.toMillis();
        String newest = await(journal.newestId(), waitMs);
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long events = 0;
        long skipped = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Set<String> streams = new HashSet<>();
        TimeOrder order;
        try {
            try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                if (format == Format.CSV) {
                    w.write(JournalCsv.HEADER);
                    w.newLine();
                }
                order = new TimeOrder(w, reorderMs);
                String after = "0";
                boolean done = newest == null;
                while (!done) {
                    List<TickJournal.Entry> page = await(journal.read(after, pageSize), waitMs);
                    if (page.isEmpty()) {
                        break;
                    }
                    for (TickJournal.Entry entry : page) {
                        if (compareIds(entry.id(), newest) > 0) {
                            done = true;
                            break;
                        }
                        String line = format.line(entry.event());
                        if (line == null) {
                            skipped++;
                            continue;
                        }
                        order.add(entry.event().getEventTimeMs(), entry.event().getIngestTimeMs(), line);
                        events++;
                        first = Math.min(first, entry.event().getEventTimeMs());
                        last = Math.max(last, entry.event().getEventTimeMs());
                        if (streams.size() < 10_000) {
                            streams.add(entry.event().getStreamId());
                        }
                    }
                    after = page.get(page.size() - 1).id();
                    done = done || compareIds(after, newest) >= 0;
                }
                order.finish();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return new Summary(events, skipped, streams.size(), events == 0 ? null : first, events == 0 ? null : last,
                order.outOfOrder);
    }

    /**
     * Writes lines in event-time order (ties in journal order): a line is held until an entry accepted more than
     * reorderMs after its event time arrives, since the gateway accepts no event older than its max-age-ms.
     */
    private static final class TimeOrder {
        private record Pending(long timeMs, long order, String line) {
        }

        private final PriorityQueue<Pending> pending = new PriorityQueue<>(
                Comparator.comparingLong(Pending::timeMs).thenComparingLong(Pending::order));
        private final BufferedWriter out;
        private final long reorderMs;
        private long added;
        private long lastWrittenMs = Long.MIN_VALUE;
        private long outOfOrder;

        TimeOrder(BufferedWriter out, long reorderMs) {
            this.out = out;
            this.reorderMs = reorderMs;
        }

        void add(long eventTimeMs, long ingestTimeMs, String line) throws IOException {
            pending.add(new Pending(eventTimeMs, added++, line));
            long dueBefore = ingestTimeMs - reorderMs;
            while (!pending.isEmpty() && pending.peek().timeMs() < dueBefore) {
                write(pending.poll());
            }
        }

        void finish() throws IOException {
            while (!pending.isEmpty()) {
                write(pending.poll());
            }
        }

        private void write(Pending p) throws IOException {
            if (p.timeMs() < lastWrittenMs) {
                outOfOrder++;
            }
            lastWrittenMs = Math.max(lastWrittenMs, p.timeMs());
            out.write(p.line());
            out.newLine();
        }
    }

    /** Redis failed a read of the export; the cause is the client's error. */
    public static final class RedisFailed extends RuntimeException {
        RedisFailed(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> f, long waitMs) throws TimeoutException {
        try {
            return f.await(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw e;
        } catch (Error e) {
            throw e;
        } catch (Throwable e) { // the client's failure: a (sneakily thrown) IOException, or a Redis error reply,
            throw new RedisFailed(e); // which the client models as a Throwable that is not an Exception
        }
    }

    /** Orders Redis stream ids ("ms-seq"). */
    static int compareIds(String a, String b) {
        long[] x = parseId(a);
        long[] y = parseId(b);
        int c = Long.compareUnsigned(x[0], y[0]);
        return c != 0 ? c : Long.compareUnsigned(x[1], y[1]);
    }

    private static long[] parseId(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? new long[]{Long.parseUnsignedLong(id), 0}
                : new long[]{Long.parseUnsignedLong(id.substring(0, dash)),
                        Long.parseUnsignedLong(id.substring(dash + 1))};
    }
}
