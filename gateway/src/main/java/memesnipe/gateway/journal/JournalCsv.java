package memesnipe.gateway.journal;

import memesnipe.v1.MarketEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The tick journal's export file format, one accepted market event per line, oldest first, after this header:
 * <pre>seq,stream_id,symbol,price_e8,volume_e8,liquidity_e8,event_time_ms,ingest_time_ms,lot_exponent</pre>
 * seq is the gateway's gap-free sequence number within stream_id (a new stream id per gateway start);
 * price, volume and liquidity are integers at scale 1e8 (value × 10^8), price in USD per lot and volume in lots of
 * 10^lot_exponent units; times are ms since the epoch. Files of the first format, without the lot_exponent column,
 * are read as lot_exponent 0.
 * CSV as in RFC 4180: a text field holding a comma or a double quote is quoted with its quotes doubled; a
 * field never holds a line break (such entries are not exported). Pure.
 */
public final class JournalCsv {
    public static final String HEADER =
            "seq,stream_id,symbol,price_e8,volume_e8,liquidity_e8,event_time_ms,ingest_time_ms,lot_exponent";
    private static final int FIELDS = 9;
    /** Rows written before lot_exponent existed. */
    private static final int FIELDS_V1 = 8;

    private JournalCsv() {
    }

    /** Whether the event can be written as one line: a price tick (the format holds no signals) whose text fields hold no control character. */
    public static boolean writable(MarketEvent e) {
        return !memesnipe.kit.journal.TickJournal.isSignal(e) && !hasControl(e.getStreamId()) && !hasControl(e.getSymbol());
    }

    /** The event as one line, without the line break. */
    public static String row(MarketEvent e) {
        if (!writable(e)) {
            throw new IllegalArgumentException("a text field holds a control character");
        }
        return e.getSeq() + "," + text(e.getStreamId()) + "," + text(e.getSymbol()) + "," + e.getPriceE8() + ","
                + e.getVolumeE8() + "," + e.getLiquidityE8() + "," + e.getEventTimeMs() + "," + e.getIngestTimeMs() + ","
                + e.getLotExponent();
    }

    /**
     * One line back into the event.
     *
     * @throws IllegalArgumentException naming what is wrong, for a line that is not a row of this format
     */
    public static MarketEvent parse(String line) {
        List<String> f = split(line);
        if (f.size() != FIELDS && f.size() != FIELDS_V1) {
            throw new IllegalArgumentException("expected " + FIELDS + " fields, found " + f.size());
        }
        int lot;
        MarketEvent.Builder b;
        try {
            b = MarketEvent.newBuilder().setSeq(Long.parseLong(f.get(0))).setStreamId(f.get(1)).setSymbol(f.get(2))
                    .setPriceE8(Long.parseLong(f.get(3))).setVolumeE8(Long.parseLong(f.get(4)))
                    .setLiquidityE8(Long.parseLong(f.get(5))).setEventTimeMs(Long.parseLong(f.get(6)))
                    .setIngestTimeMs(Long.parseLong(f.get(7)));
            lot = f.size() == FIELDS ? Integer.parseInt(f.get(8)) : 0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a numeric field is not a whole number: " + e.getMessage());
        }
        if (!memesnipe.model.money.Lot.valid(lot)) {
            throw new IllegalArgumentException("lot_exponent " + lot + " is outside 0.." + memesnipe.model.money.Lot.MAX_EXPONENT);
        }
        return b.setLotExponent(lot).build();
    }

    private static String text(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after a quoted field");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            out.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return out;
            }
            i++; // the comma
        }
    }
}
