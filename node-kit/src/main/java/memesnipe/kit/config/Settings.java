package memesnipe.kit.config;

import memesnipe.model.text.Printable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw key/value settings for one node, from flags ({@code --grpc-port 7003} or {@code --grpc-port=7003})
 * and environment variables ({@code MEMESNIPE_GRPC_PORT=7003}); flags win over the environment.
 * Keys are lower-case kebab-case. Nothing is validated here: see {@link ConfigReader}.
 */
public final class Settings {
    public static final String ENV_PREFIX = "MEMESNIPE_";
    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final List<String> problems;

    private Settings(Map<String, String> values, Map<String, String> origins, List<String> problems) {
        this.values = values;
        this.origins = origins;
        this.problems = problems;
    }

    public static Settings empty() {
        return new Settings(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
    }

    /** Variables the whole process reads (logging: see logback.xml), which are not a node's settings. */
    public static final java.util.Set<String> PROCESS_VARIABLES = java.util.Set.of("MEMESNIPE_LOG_LEVEL",
            "MEMESNIPE_LOG_FORMAT");

    /**
     * Environment variables starting with MEMESNIPE_ become keys (MEMESNIPE_GRPC_PORT → grpc-port), except the
     * {@link #PROCESS_VARIABLES}.
     */
    public static Settings fromEnvironment(Map<String, String> env) {
        Settings s = empty();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length() && !PROCESS_VARIABLES.contains(name)) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                s.values.put(key, value);
                s.origins.put(key, "environment variable " + name);
            }
        });
        return s;
    }

    /** Parses {@code --key value} and {@code --key=value} pairs and lays them over these settings. */
    public Settings withFlags(List<String> args) {
        Settings s = new Settings(new LinkedHashMap<>(values), new LinkedHashMap<>(origins), new ArrayList<>(problems));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                s.problems.add("unexpected argument '" + Printable.of(arg) + "' (settings are --key value)");
                continue;
            }
            String key;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                key = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                key = arg.substring(2);
                value = args.get(++i);
            } else {
                s.problems.add("flag --" + Printable.of(arg.substring(2)) + " needs a value");
                continue;
            }
            s.values.put(key, value);
            s.origins.put(key, "flag --" + Printable.of(key));
        }
        return s;
    }

    /** Sets one key programmatically (the demo and tests use this). */
    public Settings with(String key, String value) {
        Settings s = new Settings(new LinkedHashMap<>(values), new LinkedHashMap<>(origins), new ArrayList<>(problems));
        s.values.put(key, value);
        s.origins.put(key, "setting " + key);
        return s;
    }

    Map<String, String> values() {
        return values;
    }

    /** Where a key's value came from, escaped: the key itself may be anything a caller typed. */
    String origin(String key) {
        return Printable.of(origins.getOrDefault(key, key));
    }

    List<String> problems() {
        return problems;
    }
}
