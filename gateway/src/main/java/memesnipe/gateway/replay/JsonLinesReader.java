package memesnipe.gateway.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.validation.RejectReason;
import memesnipe.gateway.validation.SignalChecks;
import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.LpLock;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;
import memesnipe.model.text.Identifiers;
import memesnipe.model.text.Printable;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@link JsonLines} files line by line: each non-blank line is one JSON object, one row, turned into a trade
 * or a signal record with its fixed-point fields converted exactly (a value with more decimals than its field's scale
 * is rejected, never rounded). A perp mark (USD per unit) is priced per lot of the symbol as the gateway's
 * lot-exponents setting gives it. Signals are then held to the gateway's own ranges ({@link SignalChecks}), so a row
 * the gateway would refuse is rejected here, with its line number. Fields other than a kind's are ignored; a field
 * holding null counts as absent.
 */
final class JsonLinesReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxNumberLength(100)
                    .maxStringLength(ReplayLimits.MAX_LINE_CHARS)
                    .maxNameLength(1000)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final List<String> KINDS = List.of(JsonLines.TRADE, SocialMentions.KIND, WalletTransfer.KIND,
            BridgeFlow.KIND, PoolChange.KIND, PerpFunding.KIND, TokenEvent.KIND, TokenRisk.KIND);

    private final LotExponents lots;
    private final Timestamps times = new Timestamps();

    private JsonLinesReader(LotExponents lots) {
        this.lots = lots;
    }

    static void read(LineReader lines, LotExponents lots, EventCollector out) throws IOException {
        JsonLinesReader reader = new JsonLinesReader(lots);
        while (lines.next()) {
            if (out.rejectedTooLong(lines)) {
                continue;
            }
            String text = lines.text();
            if (text.isBlank()) {
                continue;
            }
            try {
                out.accept(lines.number(), reader.row(fields(text)));
            } catch (BadValue b) {
                out.reject(lines.number(), b.reason, b.getMessage());
            }
        }
    }

    /** The object's fields as text (a nested object or array as "{" or "["); a null value is left out. */
    private static Map<String, String> fields(String line) throws BadValue {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(line)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new BadValue(RowRejectReason.BAD_ROW, "not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    fields.put(name, value.asString());
                } else if (value != JsonToken.VALUE_NULL) {
                    fields.put(name, p.getText());
                }
            }
            if (p.nextToken() != null) {
                throw new BadValue(RowRejectReason.BAD_ROW, "text after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new BadValue(RowRejectReason.BAD_ROW, "not valid JSON: " + Printable.of(e.getOriginalMessage(), 120));
        } catch (IOException e) { // parsing a String does no I/O
            throw new BadValue(RowRejectReason.BAD_ROW, Printable.of(String.valueOf(e.getMessage()), 120));
        }
        return fields;
    }

    private ReplayEvent row(Map<String, String> f) throws BadValue {
        String kind = required(f, JsonLines.KIND);
        if (!KINDS.contains(kind)) {
            throw new BadValue(RowRejectReason.UNKNOWN_KIND, "kind " + BadValue.quote(kind) + " is none of "
                    + String.join(", ", KINDS));
        }
        String symbol = required(f, JsonLines.SYMBOL);
        if (!Identifiers.isSymbol(symbol)) {
            throw new BadValue(RowRejectReason.BAD_LABEL, "symbol " + BadValue.quote(symbol)
                    + " is not a symbol (1 to 24 letters, digits, '.', '_', '-')");
        }
        long time = time(f, JsonLines.TIME);
        if (kind.equals(JsonLines.TRADE)) {
            return trade(f, symbol, time);
        }
        MarketSignal signal = signal(kind, f, symbol, time);
        RejectReason refused = SignalChecks.check(signal, lots);
        if (refused != null) {
            throw new BadValue(rowReason(refused), "the gateway refuses it as " + refused + ": "
                    + Printable.of(signal.toString(), 200));
        }
        return ReplayEvent.of(signal);
    }

    private ReplayEvent trade(Map<String, String> f, String symbol, long time) throws BadValue {
        BigDecimal price = Fields.price(required(f, JsonLines.PRICE).strip());
        String amount = f.containsKey(JsonLines.AMOUNT) ? JsonLines.AMOUNT : JsonLines.VOLUME;
        if (!f.containsKey(amount)) {
            throw new BadValue(RowRejectReason.MISSING_FIELD, "no amount (or volume) field");
        }
        BigDecimal volume = Fields.volume(f.get(amount).strip());
        BigDecimal liquidity = null;
        if (f.containsKey(JsonLines.LIQUIDITY)) {
            liquidity = BigDecimal.valueOf(fixed(f, JsonLines.LIQUIDITY, JsonLines.E8, 0, Long.MAX_VALUE), JsonLines.E8);
        }
        return new ReplayEvent(symbol, time, price, volume, null, liquidity);
    }

    private MarketSignal signal(String kind, Map<String, String> f, String symbol, long time) throws BadValue {
        int e8 = JsonLines.E8;
        switch (kind) {
            case SocialMentions.KIND:
                return new SocialMentions(symbol, time, fixed(f, JsonLines.MENTIONS, 0),
                        fixed(f, JsonLines.WINDOW_MS, 0), integer(f, JsonLines.SENTIMENT, JsonLines.E4),
                        required(f, JsonLines.SOURCE));
            case WalletTransfer.KIND:
                return new WalletTransfer(symbol, time, required(f, JsonLines.CHAIN),
                        label(f, JsonLines.FROM, WalletLabel.class), label(f, JsonLines.TO, WalletLabel.class),
                        fixed(f, JsonLines.AMOUNT, e8), integer(f, JsonLines.SUPPLY_BPS, 0),
                        integer(f, JsonLines.SENDER_REMAINING_BPS, 0));
            case BridgeFlow.KIND:
                return new BridgeFlow(symbol, time, required(f, JsonLines.SOURCE_CHAIN),
                        required(f, JsonLines.DESTINATION_CHAIN), required(f, JsonLines.ASSET),
                        fixed(f, JsonLines.USD, e8));
            case PoolChange.KIND:
                return new PoolChange(symbol, time, required(f, JsonLines.POOL), required(f, JsonLines.VENUE),
                        fixed(f, JsonLines.LIQUIDITY_CHANGE, e8), fixed(f, JsonLines.LIQUIDITY_AFTER, e8),
                        label(f, JsonLines.LP_LOCK, LpLock.class),
                        f.containsKey(JsonLines.NEW_POOL) && flag(f, JsonLines.NEW_POOL));
            case PerpFunding.KIND:
                int lot = lots.of(symbol); // the mark is USD per unit: per lot it has e8 + lot decimals
                return new PerpFunding(symbol, time, fixed(f, JsonLines.MARK, e8 + lot), lot,
                        fixed(f, JsonLines.FUNDING_RATE, e8), time(f, JsonLines.NEXT_FUNDING_TIME),
                        fixed(f, JsonLines.FUNDING_INTERVAL_MS, 0));
            case TokenEvent.KIND:
                return new TokenEvent(symbol, time, label(f, JsonLines.EVENT, TokenEventKind.class),
                        time(f, JsonLines.SNAPSHOT_TIME), time(f, JsonLines.CLAIM_TIME));
            default: // token_risk: the kind is one of KINDS
                return new TokenRisk(symbol, time, flag(f, JsonLines.MINT_AUTHORITY_ACTIVE),
                        integer(f, JsonLines.TOP10_HOLDERS_BPS, 0), integer(f, JsonLines.LP_REMOVED_BPS, 0));
        }
    }

    private static RowRejectReason rowReason(RejectReason refused) {
        return switch (refused) {
            case INVALID_LABEL, INVALID_SYMBOL -> RowRejectReason.BAD_LABEL;
            case SAME_CHAIN, INCONSISTENT_POOL, BAD_SCHEDULE -> RowRejectReason.INCONSISTENT;
            default -> RowRejectReason.OUT_OF_RANGE;
        };
    }

    private static String required(Map<String, String> f, String name) throws BadValue {
        String v = f.get(name);
        if (v == null) {
            throw new BadValue(RowRejectReason.MISSING_FIELD, "no " + name + " field");
        }
        return v;
    }

    private long time(Map<String, String> f, String name) throws BadValue {
        return times.millis(required(f, name).strip());
    }

    /** The field's decimal value × 10^scale, exactly, fitting a long. */
    private static long fixed(Map<String, String> f, String name, int scale) throws BadValue {
        return fixed(f, name, scale, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The field's decimal value × 10^scale, exactly, fitting an int. */
    private static int integer(Map<String, String> f, String name, int scale) throws BadValue {
        return (int) fixed(f, name, scale, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The field's decimal value × 10^scale, which must be a whole number within [min, max]: NOT_NUMERIC when the
     * text is no plain decimal, OUT_OF_RANGE when it has more decimals than the scale or lies outside.
     */
    private static long fixed(Map<String, String> f, String name, int scale, long min, long max) throws BadValue {
        String text = required(f, name).strip();
        BigDecimal d = Fields.decimal(text);
        if (d == null) {
            throw new BadValue(RowRejectReason.NOT_NUMERIC, name + " " + BadValue.quote(text) + " is not a number");
        }
        BigDecimal scaled = d.movePointRight(scale);
        if (scaled.signum() != 0 && scaled.stripTrailingZeros().scale() > 0) {
            throw new BadValue(RowRejectReason.OUT_OF_RANGE, name + " " + BadValue.quote(text)
                    + (scale == 0 ? " is not a whole number" : " has more than " + scale + " decimals"));
        }
        if (scaled.compareTo(BigDecimal.valueOf(min)) < 0 || scaled.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new BadValue(RowRejectReason.OUT_OF_RANGE, name + " " + BadValue.quote(text) + " is outside "
                    + JsonLines.decimal(min, scale).toPlainString() + ".." + JsonLines.decimal(max, scale).toPlainString());
        }
        return scaled.longValueExact();
    }

    private static boolean flag(Map<String, String> f, String name) throws BadValue {
        String v = required(f, name).strip();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new BadValue(RowRejectReason.BAD_LABEL, name + " " + BadValue.quote(v) + " is neither true nor false");
    }

    private static <E extends Enum<E>> E label(Map<String, String> f, String name, Class<E> type) throws BadValue {
        String v = required(f, name).strip();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new BadValue(RowRejectReason.BAD_LABEL, name + " " + BadValue.quote(v) + " is none of "
                + Arrays.stream(type.getEnumConstants()).map(JsonLines::label).collect(Collectors.joining(", ")));
    }
}
