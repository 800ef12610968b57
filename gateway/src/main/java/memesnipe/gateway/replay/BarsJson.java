package memesnipe.gateway.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import memesnipe.model.text.Printable;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;

/**
 * OHLCV bars as JSON, read as a stream (never the whole document in memory): either an array of bar objects or an
 * object whose "ohlc", "bars" or "data" field is that array (ta4j's files: {"name": ..., "ohlc": [...]}). Each bar
 * object is one row, numbered by the line it starts on; its fields are found by the names bars CSV accepts (so
 * endTime, openPrice, highPrice, lowPrice, closePrice, volume), as numbers or strings; other fields are ignored.
 * Broken JSON is an error for the whole file, since no row after it can be trusted.
 */
final class BarsJson {
    private static final List<String> ARRAY_FIELDS = List.of("ohlc", "bars", "data");
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(100)
                    .maxStringLength(ReplayLimits.MAX_LINE_CHARS)
                    .maxNameLength(1000)
                    .maxDocumentLength(ReplayLimits.MAX_FILE_BYTES)
                    .build())
            .build();

    private BarsJson() {
    }

    static void read(Reader in, String symbol, EventCollector out) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken root = p.nextToken();
            if (root == null) {
                throw new ReplayFileException(out.source() + ": empty file");
            }
            if (root == JsonToken.START_OBJECT) {
                boolean found = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (!found && value == JsonToken.START_ARRAY
                            && ARRAY_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                        bars(p, symbol, out);
                        found = true;
                    } else {
                        p.skipChildren();
                    }
                }
                if (!found) {
                    throw new ReplayFileException(out.source() + ": the JSON object has no array field named "
                            + String.join(", ", ARRAY_FIELDS));
                }
            } else if (root == JsonToken.START_ARRAY) {
                bars(p, symbol, out);
            } else {
                throw new ReplayFileException(out.source() + ": JSON bars must be an array or an object holding one");
            }
            if (p.nextToken() != null) {
                throw new ReplayFileException(out.source() + ": text after the JSON document, line "
                        + p.currentTokenLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            throw new ReplayFileException(out.source() + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ": " + Printable.of(e.getOriginalMessage(), 120));
        }
    }

    /** The bar objects of the array the parser is at, up to its end. */
    private static void bars(JsonParser p, String symbol, EventCollector out) throws IOException {
        Timestamps times = new Timestamps();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            long line = p.currentTokenLocation().getLineNr();
            if (t == null) {
                throw new ReplayFileException(out.source() + ": the JSON array of bars is not closed");
            }
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                out.reject(line, RowRejectReason.BAD_ROW, "a bar must be a JSON object, found " + t.asString());
                continue;
            }
            String[] texts = new String[Columns.BARS.size()];
            int[] rank = new int[texts.length];
            java.util.Arrays.fill(rank, Integer.MAX_VALUE);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName().toLowerCase(Locale.ROOT);
                JsonToken value = p.nextToken();
                boolean used = false;
                if (value.isNumeric() || value == JsonToken.VALUE_STRING) {
                    for (int k = 0; k < texts.length; k++) {
                        int a = Columns.BARS.get(k).aliases().indexOf(name);
                        if (a >= 0 && a < rank[k]) { // a preferred name wins over another accepted one
                            texts[k] = p.getText().strip();
                            rank[k] = a;
                            used = true;
                        }
                    }
                }
                if (!used) {
                    p.skipChildren();
                }
            }
            String missing = null;
            for (int k = 0; k < texts.length && missing == null; k++) {
                if (texts[k] == null || texts[k].isEmpty()) {
                    missing = Columns.BARS.get(k).name();
                }
            }
            if (missing != null) {
                out.reject(line, RowRejectReason.MISSING_FIELD, "no " + missing + " field holding a value");
                continue;
            }
            try {
                out.accept(line, Bars.event(symbol, times, texts));
            } catch (BadValue b) {
                out.reject(line, b.reason, b.getMessage());
            }
        }
    }
}
