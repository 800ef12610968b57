package memesnipe.kit.config;

import memesnipe.model.text.Printable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads typed values out of {@link Settings}, documenting each key with its default as it goes and
 * collecting every problem; {@link #finish()} reports them all at once, including unknown keys.
 */
public final class ConfigReader {
    private final Settings settings;
    private final Map<String, String> docs = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public ConfigReader(Settings settings) {
        this.settings = settings;
        problems.addAll(settings.problems());
    }

    /** Builds a config with the given reading function and validates it: throws ConfigException listing every problem. */
    public static <T> T validate(Settings settings, java.util.function.Function<ConfigReader, T> read) {
        ConfigReader r = new ConfigReader(settings);
        T config = read.apply(r);
        r.finish();
        return config;
    }

    /** Every key the reading function reads, with its documentation and default (for --settings). */
    public static Map<String, String> describe(java.util.function.Function<ConfigReader, ?> read) {
        ConfigReader r = new ConfigReader(Settings.empty());
        try {
            read.apply(r);
        } catch (RuntimeException ignored) {
            // defaults that fail cross-checks (e.g. missing certificate files) still document their keys
        }
        return r.documentation();
    }

    public String string(String key, String def, String doc) {
        return read(key, def, doc, v -> {
            if (v.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return v;
        });
    }

    /** An optional string: empty means unset. */
    public String optional(String key, String doc) {
        docs.put(key, doc + " (default: unset)");
        return settings.values().getOrDefault(key, "");
    }

    public int integer(String key, int def, int min, int max, String doc) {
        Integer result = read(key, String.valueOf(def), doc + " [" + min + ".." + max + "]", v -> {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return n;
        });
        return result == null ? def : result; // the problem is recorded; finish() reports it
    }

    public long longValue(String key, long def, long min, long max, String doc) {
        Long result = read(key, String.valueOf(def), doc + " [" + min + ".." + max + "]", v -> {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return n;
        });
        return result == null ? def : result;
    }

    public int port(String key, int def, String doc) {
        return integer(key, def, 0, 65535, doc);
    }

    public boolean bool(String key, boolean def, String doc) {
        Boolean b = read(key, String.valueOf(def), doc, v -> switch (v.trim().toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        });
        return b == null ? def : b;
    }

    public HostPort hostPort(String key, String def, String doc) {
        return read(key, def, doc, HostPort::parse);
    }

    public Path path(String key, String def, String doc) {
        return read(key, def, doc, v -> {
            if (v.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return Path.of(v);
        });
    }

    /** A comma-separated list (empty entries ignored). */
    public List<String> list(String key, String def, String doc) {
        return read(key, def, doc, v -> {
            List<String> out = new ArrayList<>();
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        });
    }

    /** Any other parsed value; the parser throws IllegalArgumentException with a message on bad input. */
    public <T> T read(String key, String def, String doc, Function<String, T> parser) {
        docs.put(key, doc + " (default: " + (def == null || def.isEmpty() ? "unset" : def) + ")");
        String raw = settings.values().get(key);
        String value = raw != null ? raw : def;
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            String origin = raw != null ? settings.origin(key) : "default of " + key;
            String shown = e instanceof SecretInValue ? "(value hidden: it holds a secret)" : "'" + Printable.of(value) + "'";
            problems.add(origin + ": " + shown + " " + reason(e));
            return null;
        }
    }

    /** Thrown by a parser for a value that holds a secret: the problem is reported without echoing the value. */
    public static final class SecretInValue extends IllegalArgumentException {
        public SecretInValue(String message) {
            super(message);
        }
    }

    /** Adds a cross-field problem found by the caller. */
    public void problem(String message) {
        problems.add(message); // callers escape what they quote (Printable): file names, exception messages
    }

    /** Throws a ConfigException listing every problem and unknown key; returns normally when all is well. */
    public void finish() {
        Set<String> unknown = new TreeSet<>(settings.values().keySet());
        unknown.removeAll(docs.keySet());
        for (String key : unknown) {
            problems.add("unknown setting '" + Printable.of(key) + "' from " + settings.origin(key) + " (known: "
                    + String.join(", ", new TreeSet<>(docs.keySet())) + ")");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Key → documentation with default, in the order the keys were read. */
    public Map<String, String> documentation() {
        return docs;
    }

    private static String reason(RuntimeException e) {
        if (e instanceof NumberFormatException) {
            return "is not a whole number";
        }
        // a parser's message may quote the value (a path, a zone id...): escaped like the value itself
        return e.getMessage() == null ? "is invalid" : Printable.oneLine(e.getMessage(), 240);
    }
}
