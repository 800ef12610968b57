package memesnipe.kit.tls;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Reads which node a (chain-verified) peer certificate belongs to. */
public final class NodeIdentity {
    /** Organizational unit that marks a MemeSnipe node certificate. */
    public static final String NODE_OU = "memesnipe-node";
    /** Organizational unit that marks an operator's certificate, which may call admin RPCs. */
    public static final String ADMIN_OU = "memesnipe-admin";
    /** Organizational unit that marks a monitoring certificate: admitted to /metrics and health checks only. */
    public static final String MONITOR_OU = "memesnipe-monitor";

    private NodeIdentity() {
    }

    /** The node named by the leaf certificate (CN = node name, OU = memesnipe-node), if any. */
    public static Optional<NodeName> of(List<Certificate> chain) {
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
        Optional<String> ou = first(subject, BCStyle.OU);
        if (ou.isEmpty() || !ou.get().equals(NODE_OU)) {
            return Optional.empty();
        }
        return first(subject, BCStyle.CN).flatMap(NodeName::fromId);
    }

    /** Whether the (chain-verified) leaf certificate is an operator's admin certificate. */
    public static boolean isAdmin(List<Certificate> chain) {
        return unit(chain).filter(ADMIN_OU::equals).isPresent();
    }

    /** Whether the (chain-verified) leaf certificate is a monitoring (scraper) certificate. */
    public static boolean isMonitor(List<Certificate> chain) {
        return unit(chain).filter(MONITOR_OU::equals).isPresent();
    }

    private static Optional<String> unit(List<Certificate> chain) {
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        return first(X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded()), BCStyle.OU);
    }

    private static Optional<String> first(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        RDN[] rdns = name.getRDNs(oid);
        if (rdns.length == 0) {
            return Optional.empty();
        }
        return Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }
}
