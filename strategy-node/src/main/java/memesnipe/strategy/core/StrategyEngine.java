package memesnipe.strategy.core;

import memesnipe.model.Intent;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
import memesnipe.model.event.MarketSignal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes every tick and every non-price signal to every strategy and turns their signals into order intents: ENTER_LONG →
 * BUY/ENTRY for the configured notional, EXIT_LONG → SELL/EXIT (notional 0: the risk node closes
 * the strategy's whole position). Each intent's client order id is derived from the strategy,
 * symbol, gateway stream and tick sequence number under a secret id key, so a re-sent intent is the
 * same order, and the ids cannot be guessed by anyone without the key (no other caller can claim the
 * strategy's future ids, even after seeing earlier ones). One owner (not thread-safe).
 */
public final class StrategyEngine {
    /** Bytes of random id key a process should use (see {@link #StrategyEngine}). */
    public static final int ID_KEY_BYTES = 32;
    private static final String MAC = "HmacSHA256";
    /** Characters of the unguessable part of an id: 64 bits in base 32. */
    private static final int TOKEN_CHARS = 13;

    private final Map<String, Strategy> strategies = new LinkedHashMap<>();
    /** The same strategies in routing order, for the per-tick loop. */
    private final Strategy[] routing;
    private final long entryNotionalE8;
    private final Mac idMac;

    /**
     * @param idKey the secret the client order ids are derived under: random per process in the node (SecureRandom,
     *              {@value #ID_KEY_BYTES} bytes), fixed in a test or a backtest that wants the same ids every run
     */
    public StrategyEngine(List<Strategy> strategies, long entryNotionalE8, byte[] idKey) {
        if (entryNotionalE8 <= 0) {
            throw new IllegalArgumentException("entry notional must be > 0");
        }
        if (idKey == null || idKey.length < 16) {
            throw new IllegalArgumentException("the id key must have at least 16 bytes");
        }
        try {
            idMac = Mac.getInstance(MAC);
            idMac.init(new SecretKeySpec(idKey, MAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + MAC + " in this JDK: " + e.getMessage(), e);
        }
        for (Strategy s : strategies) {
            if (this.strategies.put(s.name(), s) != null) {
                throw new IllegalArgumentException("strategy listed twice: " + s.name());
            }
        }
        this.routing = this.strategies.values().toArray(new Strategy[0]);
        this.entryNotionalE8 = entryNotionalE8;
    }

    /** Names of the strategies, in routing order. */
    public List<String> strategyNames() {
        return List.copyOf(strategies.keySet());
    }

    /** Feeds one tick of gateway stream {@code streamId} to every strategy; returns the intents. */
    public List<Intent> onTick(String streamId, Tick tick) {
        List<Intent> out = List.of(); // most ticks signal nothing: no list is made for them
        for (Strategy s : routing) {
            out = addIntents(out, streamId, s.onTick(tick));
        }
        return out;
    }

    /** Feeds one non-price observation of gateway stream {@code streamId} to every strategy; returns the intents. */
    public List<Intent> onEvent(String streamId, MarketSignal event) {
        List<Intent> out = List.of();
        for (Strategy s : routing) {
            out = addIntents(out, streamId, s.onEvent(event));
        }
        return out;
    }

    /** The signals' intents appended to out (a new list made only when there are some). */
    private List<Intent> addIntents(List<Intent> out, String streamId, List<Signal> signals) {
        for (int i = 0; i < signals.size(); i++) {
            if (out.isEmpty()) {
                out = new ArrayList<>(2);
            }
            out.add(toIntent(streamId, signals.get(i)));
        }
        return out;
    }

    /** An entry intent was denied or dropped: the strategy is flat in the symbol again. */
    public void onEntryRejected(String strategy, String symbol) {
        Strategy s = strategies.get(strategy);
        if (s != null) {
            s.onRejected(symbol);
        }
    }

    Intent toIntent(String streamId, Signal signal) {
        boolean entry = signal.kind() == Signal.Kind.ENTER_LONG;
        Purpose purpose = entry ? Purpose.ENTRY : Purpose.EXIT;
        return new Intent(clientOrderId(signal.strategy(), signal.symbol(), streamId, signal.seq(), purpose),
                signal.strategy(), signal.symbol(), entry ? Side.BUY : Side.SELL, purpose,
                entry ? entryNotionalE8 : 0, signal.priceE8(), signal.seq(), signal.ingestTimeMs(), signal.stopLossBps(),
                signal.takeProfitBps(), signal.trailingStopBps(), signal.lotExponent());
    }

    /**
     * {@code <strategy≤16>-<symbol≤12>-<seq>-<token>}, at most 64 characters of [A-Za-z0-9._:-] (other
     * characters become '.'), e.g. "momentum.5m-SOL-1234-0k3v7q9d2m1a8": the token is 64 bits of
     * HMAC-SHA256 under the id key over the gateway stream id, seq, strategy, symbol and purpose (13 characters
     * of base 32), so the same signal always gets the same id, an exit decided on the same event as an entry (a
     * strategy acting on a non-price signal prices its exit on the last tick it saw) gets another, and no one without
     * the key can predict one.
     */
    public String clientOrderId(String strategy, String symbol, String streamId, long seq, Purpose purpose) {
        byte[] mac = idMac.doFinal((streamId + '\u0000' + Long.toUnsignedString(seq) + '\u0000' + strategy + '\u0000'
                + symbol + '\u0000' + purpose.name()).getBytes(StandardCharsets.UTF_8));
        String token = Long.toUnsignedString(ByteBuffer.wrap(mac).getLong(), 32);
        return clean(strategy, 16) + "-" + clean(symbol, 12) + "-" + Long.toUnsignedString(seq) + "-"
                + "0".repeat(TOKEN_CHARS - token.length()) + token;
    }

    private static String clean(String text, int max) {
        String t = text.length() > max ? text.substring(0, max) : text;
        StringBuilder b = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == ':' || c == '-';
            b.append(ok ? c : '.');
        }
        return b.length() == 0 ? "x" : b.toString();
    }
}
