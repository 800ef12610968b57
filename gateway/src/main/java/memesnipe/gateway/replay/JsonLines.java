package memesnipe.gateway.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletTransfer;
import memesnipe.model.money.Lot;
import memesnipe.v1.MarketEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The JSON Lines replay format: one JSON object per line, a price tick ({@code "kind": "trade"}) or a signal whose
 * kind is its record's KIND ("social_mentions", "wallet_transfer", ...), each with its "symbol" and "time", so one
 * file carries a whole multi-source stream. Figures are in human units: USD, token amounts and rates as decimals
 * (written as strings, so no reader rounds them through a double; numbers are read too), sentiment as a fraction,
 * counts, bps and durations (ms) as integers, times in ms since the epoch (ISO-8601 is read too), labels in lower
 * case. A perp mark is USD per base unit, like a trade's price. This class holds the field names and writes lines
 * (the journal export); {@link JsonLinesReader} reads them.
 */
public final class JsonLines {
    public static final String KIND = "kind";
    /** The kind of a price tick. */
    public static final String TRADE = "trade";
    static final String SYMBOL = "symbol";
    static final String TIME = "time";
    static final String PRICE = "price";
    static final String AMOUNT = "amount";
    static final String VOLUME = "volume";
    static final String LIQUIDITY = "liquidity";
    static final String MENTIONS = "mentions";
    static final String WINDOW_MS = "window_ms";
    static final String SENTIMENT = "sentiment";
    static final String SOURCE = "source";
    static final String CHAIN = "chain";
    static final String FROM = "from";
    static final String TO = "to";
    static final String SUPPLY_BPS = "supply_bps";
    static final String SENDER_REMAINING_BPS = "sender_remaining_bps";
    static final String SOURCE_CHAIN = "source_chain";
    static final String DESTINATION_CHAIN = "destination_chain";
    static final String ASSET = "asset";
    static final String USD = "usd";
    static final String POOL = "pool";
    static final String VENUE = "venue";
    static final String LIQUIDITY_CHANGE = "liquidity_change";
    static final String LIQUIDITY_AFTER = "liquidity_after";
    static final String LP_LOCK = "lp_lock";
    static final String NEW_POOL = "new_pool";
    static final String MARK = "mark";
    static final String FUNDING_RATE = "funding_rate";
    static final String NEXT_FUNDING_TIME = "next_funding_time";
    static final String FUNDING_INTERVAL_MS = "funding_interval_ms";
    static final String EVENT = "event";
    static final String SNAPSHOT_TIME = "snapshot_time";
    static final String CLAIM_TIME = "claim_time";
    static final String MINT_AUTHORITY_ACTIVE = "mint_authority_active";
    static final String TOP10_HOLDERS_BPS = "top10_holders_bps";
    static final String LP_REMOVED_BPS = "lp_removed_bps";
    /** Decimals of USD, token amounts and funding rates (the records' scale 10^8). */
    static final int E8 = 8;
    /** Decimals of sentiment (scale 10^4). */
    static final int E4 = 4;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private JsonLines() {
    }

    /**
     * A journal entry as one line (without the line break): a tick as a trade per base unit, converted from its lot
     * exactly, with its liquidity; a signal whole. Null for a signal of a kind that cannot be read.
     */
    public static String line(MarketEvent e) {
        ReplayEvent r = JournalRows.recorded(e);
        return r == null ? null : line(r);
    }

    /** The event as one line (without the line break); a bar is written as a trade at its close. */
    public static String line(ReplayEvent e) {
        StringWriter text = new StringWriter(160);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField(KIND, e.isSignal() ? e.signal().kind() : TRADE);
            g.writeStringField(SYMBOL, e.symbol());
            g.writeNumberField(TIME, e.eventTimeMs());
            if (e.isSignal()) {
                signal(g, e.signal());
            } else {
                g.writeStringField(PRICE, plain(e.price()));
                g.writeStringField(AMOUNT, plain(e.volume()));
                if (e.liquidityUsd() != null) {
                    g.writeStringField(LIQUIDITY, plain(e.liquidityUsd()));
                }
            }
            g.writeEndObject();
        } catch (IOException impossible) { // a StringWriter does not fail
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }

    private static void signal(JsonGenerator g, MarketSignal signal) throws IOException {
        if (signal instanceof SocialMentions s) {
            g.writeNumberField(MENTIONS, s.mentions());
            g.writeNumberField(WINDOW_MS, s.windowMs());
            g.writeNumberField(SENTIMENT, decimal(s.sentimentE4(), E4));
            g.writeStringField(SOURCE, s.source());
        } else if (signal instanceof WalletTransfer w) {
            g.writeStringField(CHAIN, w.chain());
            g.writeStringField(FROM, label(w.from()));
            g.writeStringField(TO, label(w.to()));
            g.writeStringField(AMOUNT, plain(w.amountE8(), E8));
            g.writeNumberField(SUPPLY_BPS, w.supplyBps());
            g.writeNumberField(SENDER_REMAINING_BPS, w.senderRemainingBps());
        } else if (signal instanceof BridgeFlow b) {
            g.writeStringField(SOURCE_CHAIN, b.sourceChain());
            g.writeStringField(DESTINATION_CHAIN, b.destinationChain());
            g.writeStringField(ASSET, b.asset());
            g.writeStringField(USD, plain(b.usdE8(), E8));
        } else if (signal instanceof PoolChange p) {
            g.writeStringField(POOL, p.pool());
            g.writeStringField(VENUE, p.venue());
            g.writeStringField(LIQUIDITY_CHANGE, plain(p.liquidityChangeE8(), E8));
            g.writeStringField(LIQUIDITY_AFTER, plain(p.liquidityAfterE8(), E8));
            g.writeStringField(LP_LOCK, label(p.lpLock()));
            g.writeBooleanField(NEW_POOL, p.newPool());
        } else if (signal instanceof PerpFunding f) {
            g.writeStringField(MARK, plain(Lot.unitPrice(f.perpMarkE8(), f.lotExponent())));
            g.writeStringField(FUNDING_RATE, plain(f.fundingRateE8(), E8));
            g.writeNumberField(NEXT_FUNDING_TIME, f.nextFundingTimeMs());
            g.writeNumberField(FUNDING_INTERVAL_MS, f.fundingIntervalMs());
        } else if (signal instanceof TokenEvent t) {
            g.writeStringField(EVENT, label(t.eventKind()));
            g.writeNumberField(SNAPSHOT_TIME, t.snapshotTimeMs());
            g.writeNumberField(CLAIM_TIME, t.claimTimeMs());
        } else {
            TokenRisk r = (TokenRisk) signal;
            g.writeBooleanField(MINT_AUTHORITY_ACTIVE, r.mintAuthorityActive());
            g.writeNumberField(TOP10_HOLDERS_BPS, r.top10HoldersBps());
            g.writeNumberField(LP_REMOVED_BPS, r.lpRemovedBps());
        }
    }

    /** A fixed-point value in its units, exactly, without trailing zeros. */
    static BigDecimal decimal(long fixed, int scale) {
        return BigDecimal.valueOf(fixed, scale).stripTrailingZeros();
    }

    /** A fixed-point value as the format writes it: a plain decimal without trailing zeros. */
    private static String plain(long fixed, int scale) {
        return decimal(fixed, scale).toPlainString();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** An enum constant as the format writes it: lower case. */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
