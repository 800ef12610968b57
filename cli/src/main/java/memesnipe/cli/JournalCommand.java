package memesnipe.cli;

import io.vertx.core.Vertx;
import memesnipe.gateway.journal.JournalCsv;
import memesnipe.gateway.journal.JournalExport;
import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.ConfigReader;
import memesnipe.model.text.Printable;
import memesnipe.kit.config.Settings;
import memesnipe.kit.journal.TickJournal;
import memesnipe.kit.ledger.Ledger;
import memesnipe.kit.ledger.RedisSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Commands on the Redis tick journal the gateway writes. */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "The Redis tick journal: every accepted market event, bounded; it may lose data, "
                + "money never depends on it.",
        subcommands = {JournalCommand.Export.class})
final class JournalCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Writes the journal stream to a replay file (CSV of ticks, or JSON Lines of ticks and signals), oldest first. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the tick journal to a file, in event-time order, one event per line.",
                    "csv (the default): price ticks only, after the header",
                    "  " + JournalCsv.HEADER,
                    "(money at scale 1e8, times in ms since the epoch; seq is gap-free within one gateway stream_id).",
                    "jsonl (--format jsonl, or a .jsonl --out): ticks as trades and every signal, one JSON object "
                            + "per line in human units, the replay format of the same name.",
                    "Exit codes: 0 written, 1 Redis unreachable or the file not writable, 2 invalid options."})
    static final class Export implements Callable<Integer> {
        static final Duration TIMEOUT = Duration.ofSeconds(10);

        @Option(names = "--redis-url", required = true, paramLabel = "URL",
                description = "Redis, redis://host:port (rediss:// for TLS)")
        String redisUrl;

        @Option(names = "--redis-password-file", paramLabel = "FILE", description = "file holding the Redis password")
        Path redisPasswordFile;

        @Option(names = "--redis-ca-file", paramLabel = "FILE",
                description = "PEM CA certificate(s) that sign the Redis server's certificate (rediss:// only)")
        Path redisCaFile;

        @Option(names = "--stream", defaultValue = TickJournal.STREAM_DEFAULT,
                description = "stream key (default: ${DEFAULT-VALUE})")
        String stream;

        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "file to write (replaced if it exists)")
        Path out;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "csv | jsonl (default: jsonl for a --out ending in .jsonl, else csv)")
        String format;

        @Option(names = "--reorder-ms", defaultValue = "" + JournalExport.REORDER_MS_DEFAULT, paramLabel = "MS",
                description = "rows are put in event-time order across this much time; keep it at or above the "
                        + "gateway's max-age-ms (default: ${DEFAULT-VALUE})")
        long reorderMs;

        @Override
        public Integer call() {
            List<String> flags = new ArrayList<>(List.of("--" + RedisSettings.URL_KEY, redisUrl));
            if (redisPasswordFile != null) {
                flags.addAll(List.of("--" + RedisSettings.PASSWORD_FILE_KEY, redisPasswordFile.toString()));
            }
            if (redisCaFile != null) {
                flags.addAll(List.of("--" + RedisSettings.CA_FILE_KEY, redisCaFile.toString()));
            }
            RedisSettings redis;
            try {
                redis = ConfigReader.validate(Settings.empty().withFlags(flags), RedisSettings::read);
            } catch (ConfigException e) {
                System.err.println("memesnipe journal export: " + String.join("; ", e.problems()));
                return 2;
            }
            if (stream.isBlank()) {
                System.err.println("memesnipe journal export: --stream must not be empty");
                return 2;
            }
            JournalExport.Format f = format == null ? JournalExport.Format.of(out) : switch (format) {
                case "csv" -> JournalExport.Format.CSV;
                case "jsonl" -> JournalExport.Format.JSONL;
                default -> null;
            };
            if (f == null || reorderMs < 0) {
                System.err.println("memesnipe journal export: --format must be csv or jsonl, --reorder-ms >= 0");
                return 2;
            }
            // Every failure is reported below on one line; the Redis client's own log line would only repeat it.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.vertx.redis"))
                    .setLevel(ch.qos.logback.classic.Level.OFF);
            Vertx vertx = Vertx.vertx();
            TickJournal journal = TickJournal.create(vertx, redis, stream, TickJournal.MAXLEN_DEFAULT);
            String where = "Redis " + redis.where() + " stream " + Printable.of(stream);
            try {
                JournalExport.Summary s = JournalExport.export(journal, out, f, reorderMs, JournalExport.PAGE_DEFAULT,
                        TIMEOUT);
                System.out.println(summary(s, f, where, out));
                return 0;
            } catch (TimeoutException e) {
                System.err.println("memesnipe journal export: " + where + ": no answer within "
                        + TIMEOUT.toSeconds() + " s");
                return 1;
            } catch (IOException e) {
                System.err.println("memesnipe journal export: cannot write " + out + ": " + Ledger.rootMessage(e));
                return 1;
            } catch (JournalExport.RedisFailed e) {
                System.err.println("memesnipe journal export: " + where + ": " + Ledger.rootMessage(e));
                return 1;
            } finally {
                journal.close();
                try {
                    vertx.close().await(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // the export's outcome is already printed
                }
            }
        }

        static String summary(JournalExport.Summary s, JournalExport.Format format, String where, Path out) {
            StringBuilder b = new StringBuilder("exported ").append(s.events()).append(" events from ").append(where)
                    .append(" to ").append(out);
            if (s.events() == 0) {
                b.append(" (the stream is empty or absent)");
            } else {
                b.append("; event time ").append(Instant.ofEpochMilli(s.firstEventTimeMs())).append(" .. ")
                        .append(Instant.ofEpochMilli(s.lastEventTimeMs())).append(" (")
                        .append(String.format("%.1f", (s.lastEventTimeMs() - s.firstEventTimeMs()) / 1000.0))
                        .append(" s), ").append(s.streamIds())
                        .append(s.streamIds() == 1 ? " gateway stream" : " gateway streams");
            }
            if (s.skipped() > 0) {
                b.append("; ").append(s.skipped()).append(" entries skipped (").append(format == JournalExport.Format.CSV
                        ? "signals, which only --format jsonl holds, or a line break in a text field"
                        : "signals of a kind this version cannot read").append(')');
            }
            if (s.outOfOrder() > 0) {
                b.append("; ").append(s.outOfOrder()).append(" rows out of event-time order, which a replay rejects "
                        + "(export again with a --reorder-ms above the gateway's max-age-ms)");
            }
            return b.toString();
        }
    }
}
