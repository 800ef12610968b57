package memesnipe.gateway.status;

import java.util.List;
import java.util.Map;

/**
 * The latest result of polling the nodes.
 *
 * @param nodes         gateway, strategy, risk, executor and signer, in that order
 * @param riskFacts     the risk node's NodeStatus facts, or null when the risk node was unreachable
 * @param executorFacts the executor node's NodeStatus facts, or null when the executor was unreachable
 * @param polledAtMs    when the poll finished, ms since epoch (0 before the first poll)
 */
public record PeerSnapshot(List<NodeView> nodes, Map<String, String> riskFacts, Map<String, String> executorFacts,
                           long polledAtMs) {
}
