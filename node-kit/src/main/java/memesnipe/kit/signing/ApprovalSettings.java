package memesnipe.kit.signing;

import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.NodeBasics;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a node that verifies risk's approvals (executor, signer) is configured: settings {@value #PUBLIC_KEY_KEY}
 * (default: risk-approval.pub in certs-dir) and {@value #MAX_AGE_KEY}.
 */
public record ApprovalSettings(Path publicKey, long maxAgeMs) {
    public static final String PUBLIC_KEY_KEY = "approval-public-key";
    public static final String MAX_AGE_KEY = "approval-max-age-ms";

    /** Reads both settings; a missing public key file is a problem reported with the others. */
    public static ApprovalSettings read(ConfigReader r, NodeBasics basics) {
        String def = basics.certsDir() == null ? RiskApproval.PUBLIC_KEY_FILE
                : basics.certsDir().resolve(RiskApproval.PUBLIC_KEY_FILE).toString();
        Path key = r.path(PUBLIC_KEY_KEY, def, "the risk node's approval public key (PEM, written by memesnipe certs): "
                + "an order without risk's valid approval is refused");
        long maxAge = r.longValue(MAX_AGE_KEY, RiskApproval.MAX_AGE_MS_DEFAULT, 1_000, 3_600_000,
                "an approval further than this from this node's clock (either way) is refused, ms");
        if (key != null && !Files.isReadable(key)) {
            r.problem("risk approval public key not found or not readable: " + memesnipe.model.text.Printable.of(
                    String.valueOf(key), 300) + " (memesnipe certs writes it)");
        }
        return new ApprovalSettings(key, maxAge);
    }
}
