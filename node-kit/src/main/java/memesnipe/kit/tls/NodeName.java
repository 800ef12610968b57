package memesnipe.kit.tls;

import java.util.Arrays;
import java.util.Optional;

/** The five node roles; each has its own certificate, whose common name is the role's name. */
public enum NodeName {
    GATEWAY("gateway"),
    STRATEGY("strategy"),
    RISK("risk"),
    EXECUTOR("executor"),
    SIGNER("signer");

    private final String id;

    NodeName(String id) {
        this.id = id;
    }

    /** Lower-case name used in certificates, file names and the status API. */
    public String id() {
        return id;
    }

    public static Optional<NodeName> fromId(String id) {
        return Arrays.stream(values()).filter(n -> n.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
