package memesnipe.kit.config;

/** Makes untrusted text safe to log: control characters replaced, length capped. */
public final class Printable {
    private static final int MAX = 80;

    private Printable() {
    }

    public static String of(String untrusted) {
        if (untrusted == null) {
            return "null";
        }
        String s = untrusted.length() > MAX ? untrusted.substring(0, MAX) + "..." : untrusted;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
