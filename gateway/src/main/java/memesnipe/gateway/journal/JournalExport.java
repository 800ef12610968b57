package memesnipe.gateway.journal;

import memesnipe.kit.journal.TickJournal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the tick journal to a file in the {@link JournalCsv} format, oldest first, paging through the stream up
 * to the entry that was newest when the export began (so a gateway appending meanwhile cannot keep it running).
 * The file appears whole or not at all (written beside it as FILE.partial, then moved into place).
 * Blocking: call it from a plain thread such as the CLI's, never from an event loop.
 */
public final class JournalExport {
    public static final int PAGE_DEFAULT = 1_000;

    private JournalExport() {
    }

    /**
     * What an export wrote.
     *
     * @param events           rows written
     * @param skipped          entries that cannot be one line (a control character in a text field)
     * @param streamIds        distinct gateway stream ids among the rows (one per gateway start)
     * @param firstEventTimeMs earliest event time among the rows, null when none
     * @param lastEventTimeMs  latest event time among the rows, null when none
     */
    public record Summary(long events, long skipped, int streamIds, Long firstEventTimeMs, Long lastEventTimeMs) {
    }

    /**
     * Exports the whole stream to {@code out}, {@code pageSize} entries per read, each read answered within
     * {@code timeout}.
     *
     * @throws IOException      when the file cannot be written
     * @throws TimeoutException when Redis does not answer a read in time
     * @throws RedisFailed      when Redis fails a read (unreachable, refused password); the client's error is
     *                          the cause
     */
    public static Summary export(TickJournal journal, Path out, int pageSize, Duration timeout)
            throws IOException, TimeoutException {
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
        try {
            try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                w.write(JournalCsv.HEADER);
                w.newLine();
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
                        if (!JournalCsv.writable(entry.event())) {
                            skipped++;
                            continue;
                        }
                        w.write(JournalCsv.row(entry.event()));
                        w.newLine();
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
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return new Summary(events, skipped, streams.size(), events == 0 ? null : first, events == 0 ? null : last);
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
