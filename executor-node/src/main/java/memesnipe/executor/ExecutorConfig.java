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
        int slippage = r.integer("slippage-bps", 10, 0, 1_000, "paper fill slippage against the mark, bps");
        int fee = r.integer("fee-bps", 10, 0, 1_000, "paper fee on the fill notional, bps");
        long maxAge = r.longValue("max-mark-age-ms", 2_000, 1, 600_000, "a mark older than this counts as no price, ms");
        return new ExecutorConfig(basics, gateway, signer, venue, slippage, fee, maxAge);
    }
}
