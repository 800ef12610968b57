package memesnipe.gateway.status;

/**
 * One node as the status API shows it.
 *
 * @param name    node name, e.g. "risk"
 * @param address host:port probed, or null when unknown
 * @param serving whether its grpc.health.v1 Check answered SERVING at the last poll
 * @param via     the node that reported it when it is not probed directly (the signer, via the executor), else null
 */
public record NodeView(String name, String address, boolean serving, String via) {
}
