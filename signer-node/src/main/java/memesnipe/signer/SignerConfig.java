package memesnipe.signer;

import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.NodeBasics;
import memesnipe.kit.config.Settings;
import memesnipe.model.money.Fixed;
import memesnipe.kit.signing.ApprovalSettings;
import memesnipe.kit.money.OrderLimits;
import memesnipe.kit.tls.NodeName;
import memesnipe.signer.policy.SignerPolicy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Signer-node configuration, validated once. Keys: host, grpc-port (7005), certs-dir, tls-ca, tls-cert,
 * tls-key, key-file, key-passphrase-file, audit-file, max-order-notional, max-order-qty, max-signs-per-second, allowed-venues, gateway,
 * max-price-age-ms, approval-public-key, approval-max-age-ms.
 */
public record SignerConfig(NodeBasics basics, Path keyFile, Path passphraseFile, Path auditFile, SignerPolicy.Limits limits,
                           memesnipe.kit.config.HostPort gateway, long maxPriceAgeMs, ApprovalSettings approval) {
    public static final int DEFAULT_PORT = 7005;

    /** Reads and validates every key; throws ConfigException listing all problems. */
    public static SignerConfig from(Settings settings) {
        return ConfigReader.validate(settings, SignerConfig::read);
    }

    /** Key → documentation with its default, for --help. */
    public static Map<String, String> documentation() {
        return ConfigReader.describe(SignerConfig::read);
    }

    private static SignerConfig read(ConfigReader r) {
        NodeBasics basics = NodeBasics.read(r, NodeName.SIGNER, DEFAULT_PORT);
        Path keyFile = r.path("key-file", "signer-key.pem",
                "Ed25519 key file (PEM: encrypted PKCS#8 private key + public key); created with mode 0600 if missing");
        Path passphraseFile = r.path("key-passphrase-file", "signer-key.pass", "file (owner-only) whose first line is "
                + "the passphrase that encrypts the key at rest; never given as a flag value");
        Path auditFile = r.path("audit-file", "signer-audit.log", "hash-chained audit log of every sign/deny, appended");
        Long maxNotional = OrderLimits.maxOrderNotional(r, OrderLimits.MAX_ORDER_NOTIONAL_DEFAULT,
                "largest order notional the signer signs, USD decimal (quantity x the larger of the order's price and "
                        + "the signer's own)");
        // r.read (not r.integer) so a bad value is reported by finish() rather than failing on unboxing.
        Integer perSecond = r.read("max-signs-per-second", "50", "signatures allowed per second (token bucket) [1..100000]",
                v -> {
                    int n = Integer.parseInt(v.trim());
                    if (n < 1 || n > 100_000) {
                        throw new IllegalArgumentException("must be between 1 and 100000");
                    }
                    return n;
                });
        Set<String> venues = Set.copyOf(r.list("allowed-venues", "paper", "comma-separated venues the signer signs for"));
        Long maxQty = OrderLimits.maxOrderQty(r, "largest order quantity the signer signs, units of the base asset, "
                + "whatever the price");
        memesnipe.kit.config.HostPort gateway = r.hostPort("gateway", "127.0.0.1:7001",
                "gateway gRPC address: the signer's own read-only market data, used to price every order it signs");
        long maxAge = r.longValue("max-price-age-ms", 2_000, 1, 600_000,
                "the signer's own price older than this is not fresh: buys are refused (NO_PRICE)");
        ApprovalSettings approval = ApprovalSettings.read(r, basics);
        if (maxNotional == null || perSecond == null || keyFile == null || auditFile == null || maxQty == null) {
            return null;
        }
        return new SignerConfig(basics, keyFile, passphraseFile, auditFile, new SignerPolicy.Limits(maxNotional, perSecond, venues,
                maxQty), gateway, maxAge, approval);
    }
}
