package memesnipe.kit.grpc;

import memesnipe.v1.NodeStatus;
import memesnipe.v1.PeerStatus;

import java.util.Map;

/** Builds NodeStatus messages. */
public final class Statuses {
    public static final String VERSION = "0.1.0";

    private Statuses() {
    }

    public static NodeStatus.Builder of(String node, long startedAtMs, Map<String, String> facts) {
        return NodeStatus.newBuilder().setName(node).setVersion(VERSION).setStartedAtMs(startedAtMs).putAllFacts(facts);
    }

    public static PeerStatus peer(String name, Object address, boolean serving) {
        return PeerStatus.newBuilder().setName(name).setAddress(String.valueOf(address)).setServing(serving).build();
    }
}
