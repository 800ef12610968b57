package memesnipe.executor;

import memesnipe.executor.venue.PaperVenue;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.NodeBasics;
import memesnipe.kit.config.Settings;
import memesnipe.kit.tls.NodeName;

import java.util.Map;

/**
 * Executor-node configuration, validated once. Keys: host, grpc-port (7004), certs-dir, tls-ca, tls-cert,
 * tls-key, gateway, signer, venue, slippage-bps, fee-bps, max-mark-age-ms.
 */
public record ExecutorConfig(NodeBasics basics, HostPort gateway, HostPort signer, String venue,
                             int slippageBps, int feeBps, long maxMarkAgeMs) {
    public static final int DEFAULT_PORT = 7004;

    /** Reads and validates every key; throws ConfigException listing all problems. */
    public static ExecutorConfig from(Settings settings) {
        return ConfigReader.validate(settings, ExecutorConfig::read);
    }

    /** Key → documentation with its default, for --help. */
    public static Map<String, String> documentation() {
        return ConfigReader.describe(ExecutorConfig::read);
    }

    private static ExecutorConfig read(ConfigReader r) {
        NodeBasics basics = NodeBasics.read(r, NodeName.EXECUTOR, DEFAULT_PORT);
        HostPort gateway = r.hostPort("gateway", "127.0.0.1:7001", "gateway gRPC address (market data for paper fills)");
        HostPort signer = r.hostPort("signer", "127.0.0.1:7005", "signer gRPC address (mutual TLS)");
        String venue = r.read("venue", PaperVenue.NAME, "venue orders go to; only 'paper' exists", v -> {
            if (!v.equals(PaperVenue.NAME)) {
                throw new IllegalArgumentException("is not a known venue (known: paper)");
            }
            return v;
        });
        Long slippage = bounded(r, "slippage-bps", 10, 0, 1_000, "paper fill slippage against the mark, bps");
        Long fee = bounded(r, "fee-bps", 10, 0, 1_000, "paper fee on the fill notional, bps");
        Long maxAge = bounded(r, "max-mark-age-ms", 2_000, 1, 600_000, "a mark older than this counts as no price, ms");
        if (gateway == null || signer == null || venue == null || slippage == null || fee == null || maxAge == null) {
            return null;
        }
        return new ExecutorConfig(basics, gateway, signer, venue, slippage.intValue(), fee.intValue(), maxAge);
    }

    // r.read (not r.longValue) so a bad value is reported by finish() rather than failing on unboxing.
    private static Long bounded(ConfigReader r, String key, long def, long min, long max, String doc) {
        return r.read(key, String.valueOf(def), doc + " [" + min + ".." + max + "]", v -> {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return n;
        });
    }
}
