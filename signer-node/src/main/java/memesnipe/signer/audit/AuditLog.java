package memesnipe.signer.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Tamper-evident, hash-chained log of every signing decision. Each line is
 * {@code <hash hex> <entry text>} with hash = SHA-256(previous hash bytes || entry text UTF-8);
 * the first entry chains from 32 zero bytes. Entries carry time, client order id, decision,
 * reason and key id, never key material. The chain is advanced on the owner's event loop; lines
 * are appended in order on a worker thread. {@link #verify(Path)} re-checks a file.
 */
public final class AuditLog {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] GENESIS = new byte[32];

    /** The owner's context: its ordered blocking queue keeps lines in chain order. */
    private final Context context;
    private final Path file;
    private byte[] lastHash;
    private long entries;

    /** One decision to record. */
    public record Entry(long timeMs, String clientOrderId, String decision, String reason, String keyId) {
        /** The canonical, single-line text that is hashed (tabs, newlines and backslashes escaped). */
        public String text() {
            return "time_ms=" + timeMs + "\tclient_order_id=" + escape(clientOrderId) + "\tdecision=" + escape(decision)
                    + "\treason=" + escape(reason) + "\tkey_id=" + escape(keyId);
        }
    }

    /** Result of {@link #verify(Path)}: the number of good lines and the first broken line (1-based), if any. */
    public record Verification(long lines, Optional<Long> firstBrokenLine) {
        public boolean intact() {
            return firstBrokenLine.isEmpty();
        }
    }

    private AuditLog(Context context, Path file, byte[] lastHash, long entries) {
        this.context = context;
        this.file = file;
        this.lastHash = lastHash;
        this.entries = entries;
    }

    /** Opens (or starts) the log at file on a worker thread; fails if an existing file's chain is broken. */
    public static Future<AuditLog> open(Vertx vertx, Path file) {
        Context context = vertx.getOrCreateContext();
        return context.executeBlocking(() -> {
            byte[] last = GENESIS;
            long count = 0;
            if (Files.exists(file)) {
                Verification v = verify(file);
                if (!v.intact()) {
                    throw new IOException("audit log " + file + " is broken at line " + v.firstBrokenLine().get()
                            + "; keep it as evidence and start a new file");
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    last = HEX.parseHex(lines.get(lines.size() - 1).substring(0, 64));
                }
                count = lines.size();
            } else if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            return new AuditLog(context, file, last, count);
        });
    }

    /** Chains the entry now (event loop) and completes once its line is appended to the file. */
    public Future<Void> append(Entry entry) {
        String text = entry.text();
        lastHash = chain(lastHash, text);
        entries++;
        String line = HEX.formatHex(lastHash) + " " + text + "\n";
        return context.executeBlocking(() -> {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return null;
        });
    }

    public long entries() {
        return entries;
    }

    public Path file() {
        return file;
    }

    /** Re-checks the whole chain of a log file. Blocking. */
    public static Verification verify(Path file) throws IOException {
        byte[] prev = GENESIS;
        long n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            int space = line.indexOf(' ');
            if (space != 64) {
                return new Verification(n - 1, Optional.of(n));
            }
            byte[] expected = chain(prev, line.substring(65));
            if (!HEX.formatHex(expected).equals(line.substring(0, 64))) {
                return new Verification(n - 1, Optional.of(n));
            }
            prev = expected;
        }
        return new Verification(n, Optional.empty());
    }

    static byte[] chain(byte[] prevHash, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
