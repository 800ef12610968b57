package memesnipe.risk.ledger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The risk node's local write-ahead file for breaker writes made while PostgreSQL is unreachable: one JSON line
 * per write, fsync'd before the write is acknowledged (so a Trip during a ledger outage is still durable), drained
 * into the ledger when it is back and at the next start, then truncated. Lines name their deployment, so a file
 * left from another deployment is never applied to this one. File work runs on a worker, in order.
 */
final class BreakerJournal {
    /** What a journal file held: the writes of this deployment, how many lines were skipped, and why. */
    record Contents(List<BreakerWrite> writes, int otherDeployment, int unreadable, boolean unreadableBeforeEnd) {
    }

    private final Vertx vertx;
    private final Path file;
    private final String deploymentId;

    BreakerJournal(Vertx vertx, Path file, String deploymentId) {
        this.vertx = vertx;
        this.file = file;
        this.deploymentId = deploymentId;
    }

    Path file() {
        return file;
    }

    /** Appends one write and forces it to disk. */
    Future<Void> append(BreakerWrite w) {
        byte[] line = (BreakerCodec.toJson(deploymentId, w).encode() + "\n").getBytes(StandardCharsets.UTF_8);
        return vertx.executeBlocking(() -> {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            return null;
        }, true);
    }

    /** Empties the file once everything in it is in the ledger. */
    Future<Void> truncate() {
        return vertx.executeBlocking(() -> {
            if (Files.exists(file)) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(0);
                    ch.force(true);
                }
            }
            return null;
        }, true);
    }

    /** Reads the file (absent = empty). A torn last line (a crash during an unacknowledged append) is skipped. */
    Future<Contents> read() {
        return vertx.executeBlocking(() -> read(file, deploymentId), true);
    }

    static Contents read(Path file, String deploymentId) throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), 0, 0, false);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<BreakerWrite> writes = new ArrayList<>();
        int other = 0;
        int unreadable = 0;
        boolean beforeEnd = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonObject j = new JsonObject(line);
                if (!deploymentId.equals(j.getString("deployment"))) {
                    other++;
                    continue;
                }
                writes.add(BreakerCodec.fromJson(j));
            } catch (RuntimeException e) {
                unreadable++;
                if (i < lines.size() - 1) {
                    beforeEnd = true;
                }
            }
        }
        return new Contents(writes, other, unreadable, beforeEnd);
    }
}
