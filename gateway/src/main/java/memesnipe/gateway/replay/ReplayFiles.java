package memesnipe.gateway.replay;

import memesnipe.gateway.validation.LotExponents;
import memesnipe.model.text.Printable;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a replay file into its events (see {@link ReplayFormat} for the formats). Bad rows are rejected one by one
 * with their line number and counted ({@link Rejections}), and the replay goes on without them; the file as a whole
 * is refused with a {@link ReplayFileException} (one line naming the file) when it is missing, empty, has no data
 * rows, lacks a required column, is not valid JSON, is too large ({@link ReplayLimits}), or when more than half its
 * rows are rejected. Text is UTF-8 (bytes that are not become U+FFFD and fail as values). Blocking: call it on a
 * worker.
 */
public final class ReplayFiles {
    private ReplayFiles() {
    }

    /** As {@link #load(Path, ReplayFormat, String, LotExponents)} with every symbol in single units. */
    public static ReplayData load(Path file, ReplayFormat format, String symbol) {
        return load(file, format, symbol, LotExponents.NONE);
    }

    /**
     * @param format the format, or null to guess it ({@link ReplayFormat#guess})
     * @param symbol the symbol of every event of a file that names none (trades and bars)
     * @param lots   the lot of each symbol (the gateway's lot-exponents setting): a JSON Lines perp mark, USD per
     *               unit, is priced per lot with it
     */
    public static ReplayData load(Path file, ReplayFormat format, String symbol, LotExponents lots) {
        String source = "replay file '" + Printable.of(file.toString(), 200) + "'";
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source, file.getFileName() == null ? "" : file.getFileName().toString(), format, symbol,
                    lots);
        } catch (NoSuchFileException e) {
            throw new ReplayFileException(source + ": no such file");
        } catch (IOException e) {
            throw new ReplayFileException(source + ": cannot be read: " + Printable.of(String.valueOf(e.getMessage()), 120));
        }
    }

    /** As {@link #read(InputStream, String, String, ReplayFormat, String, LotExponents)} in single units. */
    public static ReplayData read(InputStream raw, String source, String fileName, ReplayFormat format, String symbol)
            throws IOException {
        return read(raw, source, fileName, format, symbol, LotExponents.NONE);
    }

    /**
     * Reads from a stream (which the caller closes).
     *
     * @param source   how messages name it, already escaped
     * @param fileName its file name, for guessing the format
     */
    public static ReplayData read(InputStream raw, String source, String fileName, ReplayFormat format, String symbol,
                                  LotExponents lots) throws IOException {
        BufferedInputStream in = new BufferedInputStream(new Bounded(raw, source), 1 << 16);
        ReplayFormat f = format != null ? format : ReplayFormat.guess(fileName, firstLine(in, source));
        EventCollector out = new EventCollector(source);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        if (f == ReplayFormat.BARS_JSON) {
            BarsJson.read(reader, symbol, out);
        } else {
            LineReader lines = new LineReader(reader, ReplayLimits.MAX_LINE_CHARS);
            if (f == ReplayFormat.JSONL) {
                JsonLinesReader.read(lines, lots, out);
            } else {
                CsvReplay.Rows rows = switch (f) {
                    case TRADES_CSV -> new CsvReplay.Trades(source, symbol);
                    case BARS_CSV -> new CsvReplay.BarRows(source, symbol);
                    case JOURNAL_CSV -> new JournalRows(source);
                    case BARS_JSON, JSONL -> throw new AssertionError();
                };
                CsvReplay.read(lines, rows, out);
            }
            if (lines.number() == 0) {
                throw new ReplayFileException(source + ": empty file");
            }
        }
        return out.finish(f);
    }

    /** The first non-blank line among the first 64 KiB, without consuming it; null when there is none. */
    private static String firstLine(BufferedInputStream in, String source) throws IOException {
        int max = ReplayLimits.MAX_LINE_CHARS;
        in.mark(max + 1);
        byte[] head = in.readNBytes(max);
        in.reset();
        String text = new String(head, StandardCharsets.UTF_8);
        for (String line : text.split("\r\n|\r|\n")) {
            String l = line.replace("\uFEFF", "");
            if (!l.isBlank()) {
                return l;
            }
        }
        if (head.length == 0) {
            throw new ReplayFileException(source + ": empty file");
        }
        return null;
    }

    /** Fails the read once more than {@link ReplayLimits#MAX_FILE_BYTES} bytes came in. */
    private static final class Bounded extends FilterInputStream {
        private final String source;
        private long count;

        Bounded(InputStream in, String source) {
            super(in);
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > ReplayLimits.MAX_FILE_BYTES) {
                throw new ReplayFileException(source + ": larger than " + ReplayLimits.MAX_FILE_BYTES + " bytes");
            }
        }
    }
}
