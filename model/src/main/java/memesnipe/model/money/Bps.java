package memesnipe.model.money;

/** Basis points (1 bps = 0.01 %) shown as a percentage: the one formatting every figure and message uses. */
public final class Bps {
    private Bps() {
    }

    /** The percentage with two decimals and no sign for zero, e.g. 325 → "3.25", -125 → "-1.25", 5 → "0.05". */
    public static String pct(int bps) {
        long abs = Math.abs((long) bps);
        return (bps < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }

    /** As {@link #pct(int)} with a percent sign, for messages: 325 → "3.25%". */
    public static String pctSign(int bps) {
        return pct(bps) + "%";
    }
}
