package memesnipe.gateway.validation;

import memesnipe.model.text.Identifiers;
import memesnipe.model.money.Lot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lot of each symbol the gateway publishes (see {@link Lot}): the gateway's lot-exponents setting, e.g.
 * {@code BABYDOGE=9,PEPE=6}. A symbol not listed trades in single units (exponent 0). Every node downstream takes
 * a symbol's lot from the market events, so this setting is the one place it is decided.
 */
public record LotExponents(Map<String, Integer> bySymbol) {
    public static final String KEY = "lot-exponents";
    public static final LotExponents NONE = new LotExponents(Map.of());

    public LotExponents {
        bySymbol = Map.copyOf(bySymbol);
    }

    /** The symbol's exponent, 0 when not listed. */
    public int of(String symbol) {
        Integer e = bySymbol.get(symbol);
        return e == null ? 0 : e;
    }

    /** Parses {@code SYMBOL=EXPONENT[,SYMBOL=EXPONENT...]}; empty means none. */
    public static LotExponents parse(String text) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected SYMBOL=EXPONENT, e.g. PEPE=6");
            }
            String symbol = p.substring(0, eq).strip();
            if (!Identifiers.SYMBOL.matcher(symbol).matches()) {
                throw new IllegalArgumentException("is not a symbol before '=' (letters, digits, . _ -, 1..24)");
            }
            int exponent;
            try {
                exponent = Integer.parseInt(p.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                exponent = -1;
            }
            if (!Lot.valid(exponent)) {
                throw new IllegalArgumentException("exponent of " + symbol + " must be an integer 0.." + Lot.MAX_EXPONENT);
            }
            if (map.put(symbol, exponent) != null) {
                throw new IllegalArgumentException("names " + symbol + " twice");
            }
        }
        return new LotExponents(map);
    }
}
