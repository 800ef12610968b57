package memesnipe.executor.journal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * An append-only file of text records, one per line as {@code <crc32 hex> <record>}, made durable with fsync
 * before an append's future completes. All file work runs on a worker thread (never an event loop), one
 * task at a time; appends that arrive while a write is under way are written and fsync'd together (group
 * commit). Opening reads every record and cuts off a torn tail (a partial last line, or lines after the
 * first bad checksum: a batch whose fsync never returned). The file is locked while open, so two
 * processes never write it at once. Owned by one event loop.
 */
public final class AppendOnlyFile {
    private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyFile.class);

    private final Vertx vertx;
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<Task> queue = new ArrayList<>();
    private boolean busy;
    private boolean closed;
    private long records;
    private long syncs;

    private sealed interface Task permits Append, Truncate {
    }

    private record Append(List<String> lines, Promise<Void> done) implements Task {
    }

    private record Truncate(Promise<Void> done) implements Task {
    }

    private AppendOnlyFile(Vertx vertx, Path path, FileChannel channel, FileLock lock, long records) {
        this.vertx = vertx;
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.records = records;
    }

    /**
     * Opens (creating it and its directory if needed) and reads the file on a worker: each valid record goes to
     * eachRecord, on that worker thread, in file order. Fails if another process holds the file.
     */
    public static Future<AppendOnlyFile> open(Vertx vertx, Path path, Consumer<String> eachRecord) {
        return vertx.executeBlocking(() -> {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            boolean created = !Files.exists(path);
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                    lock = null;
                }
                if (lock == null) {
                    throw new IOException(path + " is in use by another process");
                }
                long[] count = {0};
                long valid = read(ch, 0, ch.size(), line -> {
                    count[0]++;
                    eachRecord.accept(line);
                });
                if (valid < ch.size()) {
                    LOG.warn("{}: cut a torn tail of {} bytes (written but never acknowledged)", path, ch.size() - valid);
                    ch.truncate(valid);
                    ch.force(true);
                }
                ch.position(valid);
                if (created) {
                    syncDirectory(dir);
                }
                return new AppendOnlyFile(vertx, path, ch, lock, count[0]);
            } catch (IOException | RuntimeException | Error e) {
                ch.close();
                throw e;
            }
        }, false);
    }

    /** Appends the records (no line breaks inside) and completes once they are fsync'd. */
    public Future<Void> append(List<String> lines) {
        for (String l : lines) {
            if (l.indexOf('\n') >= 0 || l.indexOf('\r') >= 0) {
                return Future.failedFuture(new IllegalArgumentException("a record must be one line"));
            }
        }
        Promise<Void> p = Promise.promise();
        enqueue(new Append(List.copyOf(lines), p));
        return p.future();
    }

    /** Empties the file (after every append queued before it), durably. */
    public Future<Void> truncate() {
        Promise<Void> p = Promise.promise();
        enqueue(new Truncate(p));
        return p.future();
    }

    /**
     * Reads the durable records again from the start, on a worker (for a rare look-up of an old record); each
     * goes to eachRecord on that worker thread. Appends may go on meanwhile: the scan stops at what it saw
     * at its start.
     */
    public Future<Void> scan(Consumer<String> eachRecord) {
        return vertx.executeBlocking(() -> {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                read(ch, 0, ch.size(), eachRecord);
            }
            return null;
        }, false);
    }

    /** Records in the file (read at open plus appended since, minus truncations). */
    public long records() {
        return records;
    }

    /** fsyncs done since open (each may cover several appends). */
    public long syncs() {
        return syncs;
    }

    public Path path() {
        return path;
    }

    /** Releases the lock and closes the file after the tasks already queued. */
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        Promise<Void> idle = Promise.promise();
        whenIdle(idle);
        return idle.future().compose(v -> vertx.executeBlocking(() -> {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                channel.close();
            }
            return null;
        }, false));
    }

    private void whenIdle(Promise<Void> idle) {
        if (!busy && queue.isEmpty()) {
            idle.complete();
        } else {
            vertx.setTimer(10, t -> whenIdle(idle));
        }
    }

    private void enqueue(Task task) {
        if (closed) {
            fail(task, new IOException(path + " is closed"));
            return;
        }
        queue.add(task);
        kick();
    }

    private void kick() {
        if (busy || queue.isEmpty()) {
            return;
        }
        busy = true;
        List<Task> batch = new ArrayList<>();
        // appends up to the first truncate go together; a truncate runs alone
        if (queue.get(0) instanceof Truncate) {
            batch.add(queue.remove(0));
        } else {
            while (!queue.isEmpty() && queue.get(0) instanceof Append) {
                batch.add(queue.remove(0));
            }
        }
        vertx.executeBlocking(() -> {
            if (batch.get(0) instanceof Truncate) {
                channel.truncate(0);
                channel.position(0);
                channel.force(true);
                return -records;
            }
            StringBuilder sb = new StringBuilder();
            long n = 0;
            for (Task t : batch) {
                for (String line : ((Append) t).lines()) {
                    sb.append(crc(line)).append(' ').append(line).append('\n');
                    n++;
                }
            }
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
            return n;
        }, false).onComplete(ar -> {
            busy = false;
            if (ar.succeeded()) {
                records += ar.result();
                syncs++;
                batch.forEach(t -> done(t));
            } else {
                LOG.error("{}: write failed: {}", path, ar.cause().toString());
                batch.forEach(t -> fail(t, ar.cause()));
            }
            kick();
        });
    }

    private static void done(Task t) {
        promise(t).complete();
    }

    private static void fail(Task t, Throwable err) {
        promise(t).fail(err);
    }

    private static Promise<Void> promise(Task t) {
        return t instanceof Append a ? a.done() : ((Truncate) t).done();
    }

    static String crc(String line) {
        CRC32 c = new CRC32();
        c.update(line.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) c.getValue());
    }

    /** Reads records from [from, to) and returns the offset just past the last valid one. */
    private static long read(FileChannel ch, long from, long to, Consumer<String> eachRecord) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch.position(from)), 64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        long offset = from;
        long valid = from;
        while (offset < to) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            offset++;
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            int space = text.indexOf(' ');
            if (space != 8 || !crc(text.substring(9)).equals(text.substring(0, 8))) {
                return valid; // a torn or damaged line: nothing after it was acknowledged
            }
            eachRecord.accept(text.substring(9));
            valid = offset;
        }
        return valid;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString()); // not supported on every platform
        }
    }
}
