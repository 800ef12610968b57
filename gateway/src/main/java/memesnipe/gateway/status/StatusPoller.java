package memesnipe.gateway.status;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.model.time.Clock;
import memesnipe.v1.NodeStatus;
import memesnipe.v1.PeerStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls every node over gRPC (grpc.health.v1 Check and Node.GetStatus, the gateway included) on a fixed
 * period with a short timeout and keeps the latest {@link PeerSnapshot}, so a dead node shows as not
 * serving within a couple of periods. The signer is reported by the executor. Event-loop only.
 */
public final class StatusPoller {
    private final Vertx vertx;
    private final PeerProbe probe;
    private final Clock clock;
    private final Map<String, HostPort> nodes;
    private final long periodMs;
    private final long timeoutMs;
    private PeerSnapshot latest;
    private String signerAddress;
    private boolean polling;
    private long timerId = -1;

    /** @param nodes name → address, probed in this order; "executor" and "risk" have special meaning */
    public StatusPoller(Vertx vertx, PeerProbe probe, Clock clock, Map<String, HostPort> nodes, long periodMs,
                        long timeoutMs) {
        this.vertx = vertx;
        this.probe = probe;
        this.clock = clock;
        this.nodes = new LinkedHashMap<>(nodes);
        this.periodMs = periodMs;
        this.timeoutMs = timeoutMs;
        List<NodeView> unknown = new ArrayList<>();
        this.nodes.forEach((name, addr) -> unknown.add(new NodeView(name, addr.toString(), false, null)));
        unknown.add(new NodeView("signer", null, false, "executor"));
        this.latest = new PeerSnapshot(unknown, null, null, 0);
    }

    public void start() {
        poll();
        timerId = vertx.setPeriodic(periodMs, id -> poll());
    }

    public void stop() {
        vertx.cancelTimer(timerId);
    }

    public PeerSnapshot latest() {
        return latest;
    }

    private void poll() {
        if (polling) {
            return;
        }
        polling = true;
        List<Future<Probed>> calls = new ArrayList<>();
        nodes.forEach((name, addr) -> calls.add(probeOne(name, addr)));
        Future.join(calls).onComplete(ar -> {
            polling = false;
            List<NodeView> views = new ArrayList<>();
            Map<String, String> riskFacts = null;
            NodeStatus executor = null;
            for (Future<Probed> f : calls) {
                Probed p = f.result();
                views.add(new NodeView(p.name, nodes.get(p.name).toString(), p.serving, null));
                if (p.name.equals("risk") && p.status != null) {
                    riskFacts = Map.copyOf(p.status.getFactsMap());
                }
                if (p.name.equals("executor")) {
                    executor = p.status;
                }
            }
            views.add(signer(executor));
            latest = new PeerSnapshot(List.copyOf(views), riskFacts,
                    executor == null ? null : Map.copyOf(executor.getFactsMap()), clock.millis());
        });
    }

    private NodeView signer(NodeStatus executor) {
        boolean serving = false;
        if (executor != null) {
            for (PeerStatus peer : executor.getPeersList()) {
                if (peer.getName().equals("signer")) {
                    signerAddress = peer.getAddress();
                    serving = peer.getServing();
                }
            }
        }
        return new NodeView("signer", signerAddress, serving, "executor");
    }

    private Future<Probed> probeOne(String name, HostPort addr) {
        Future<Boolean> serving = probe.serving(addr, timeoutMs);
        Future<NodeStatus> status = probe.status(addr, timeoutMs).otherwise((NodeStatus) null);
        return Future.join(serving, status).transform(ar -> Future.succeededFuture(
                new Probed(name, Boolean.TRUE.equals(serving.result()), status.result())));
    }

    /** One node's poll result; status null when GetStatus failed. */
    private record Probed(String name, boolean serving, NodeStatus status) {
    }
}
