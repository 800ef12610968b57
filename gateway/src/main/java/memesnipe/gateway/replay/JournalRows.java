package memesnipe.gateway.replay;

import memesnipe.gateway.journal.JournalCsv;
import memesnipe.kit.event.SignalMessages;
import memesnipe.kit.journal.TickJournal;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.text.Identifiers;
import memesnipe.model.text.Printable;
import memesnipe.model.money.Lot;
import memesnipe.v1.MarketEvent;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The one place the replay reads protobuf (recorded events, {@link #recorded}): rows of the gateway's journal export ({@link JournalCsv}) into replay
 * events, each with its own symbol, its event_time_ms, its recorded liquidity, and price and volume converted from
 * per lot back to per base unit with its lot_exponent (exactly). The header is required, as the export writes it
 * (with or without the lot_exponent column of the first format).
 */
final class JournalRows implements CsvReplay.Rows {
    private static final List<String> COLUMNS = Arrays.asList(JournalCsv.HEADER.split(","));
    private static final List<String> COLUMNS_V1 = COLUMNS.subList(0, COLUMNS.size() - 1);
    private final String source;
    private int columns;

    JournalRows(String source) {
        this.source = source;
    }

    @Override
    public boolean header(List<String> fields) {
        if (fields.equals(COLUMNS) || fields.equals(COLUMNS_V1)) {
            columns = fields.size();
            return true;
        }
        List<String> missing = COLUMNS_V1.stream().filter(c -> !fields.contains(c)).toList();
        throw new ReplayFileException(source + ": not a journal export: " + (missing.isEmpty()
                ? "the header must be exactly " + JournalCsv.HEADER
                : "the header lacks the column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing))
                + "; first line is " + Printable.of(String.join(",", fields), 120));
    }

    @Override
    public ReplayEvent row(String line, List<String> fields) throws BadValue {
        if (fields.size() != columns) {
            throw CsvReplay.columnCount(columns, fields);
        }
        MarketEvent e;
        try {
            e = JournalCsv.parse(line);
        } catch (IllegalArgumentException ex) {
            throw new BadValue(RowRejectReason.BAD_ROW, Printable.of(ex.getMessage(), 120));
        }
        if (!Identifiers.SYMBOL.matcher(e.getSymbol()).matches()) {
            throw new BadValue(RowRejectReason.BAD_ROW, "symbol " + BadValue.quote(e.getSymbol()) + " is not a symbol");
        }
        if (e.getEventTimeMs() <= 0 || e.getEventTimeMs() > Timestamps.MAX_MS) {
            throw new BadValue(RowRejectReason.BAD_TIME, "event_time_ms " + e.getEventTimeMs()
                    + " is not between 1970 and 9999");
        }
        if (e.getPriceE8() <= 0) {
            throw new BadValue(RowRejectReason.BAD_PRICE, "price_e8 " + e.getPriceE8() + " is not positive");
        }
        if (e.getVolumeE8() < 0) {
            throw new BadValue(RowRejectReason.BAD_VOLUME, "volume_e8 " + e.getVolumeE8() + " is negative");
        }
        if (e.getLiquidityE8() < 0) {
            throw new BadValue(RowRejectReason.BAD_ROW, "liquidity_e8 " + e.getLiquidityE8() + " is negative");
        }
        return recorded(e);
    }

    /**
     * A recorded event as a replay event: a tick per base unit (its per-lot price and volume converted back with its
     * lot_exponent, exactly) with its liquidity; a signal whole; null for a signal of a kind that cannot be read.
     */
    static ReplayEvent recorded(MarketEvent e) {
        if (TickJournal.isSignal(e)) {
            MarketSignal signal = SignalMessages.read(e);
            return signal == null ? null : ReplayEvent.of(signal);
        }
        int lot = e.getLotExponent();
        BigDecimal liquidity = BigDecimal.valueOf(e.getLiquidityE8(), 8);
        return new ReplayEvent(e.getSymbol(), e.getEventTimeMs(), Lot.unitPrice(e.getPriceE8(), lot),
                Lot.units(e.getVolumeE8(), lot), null, liquidity);
    }
}
