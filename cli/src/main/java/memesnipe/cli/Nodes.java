package memesnipe.cli;

import io.vertx.core.VerticleBase;
import memesnipe.executor.ExecutorConfig;
import memesnipe.executor.ExecutorVerticle;
import memesnipe.gateway.GatewayConfig;
import memesnipe.gateway.GatewayVerticle;
import memesnipe.kit.config.Settings;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.NodeName;
import memesnipe.risk.RiskConfig;
import memesnipe.risk.RiskVerticle;
import memesnipe.signer.SignerConfig;
import memesnipe.signer.SignerVerticle;
import memesnipe.strategy.node.StrategyConfig;
import memesnipe.strategy.node.StrategyVerticle;

import java.util.Map;

/** Builds any node's validated config and verticle from settings: the one place that knows all five. */
final class Nodes {
    private Nodes() {
    }

    /** Validates the settings (throwing ConfigException listing every problem) and creates the node. */
    static VerticleBase create(NodeName node, Settings s, Clock clock) {
        return switch (node) {
            case GATEWAY -> new GatewayVerticle(GatewayConfig.from(s), clock);
            case STRATEGY -> new StrategyVerticle(StrategyConfig.from(s), clock);
            case RISK -> new RiskVerticle(RiskConfig.from(s), clock);
            case EXECUTOR -> new ExecutorVerticle(ExecutorConfig.from(s), clock);
            case SIGNER -> new SignerVerticle(SignerConfig.from(s), clock);
        };
    }

    static Map<String, String> documentation(NodeName node) {
        return switch (node) {
            case GATEWAY -> GatewayConfig.documentation();
            case STRATEGY -> StrategyConfig.documentation();
            case RISK -> RiskConfig.documentation();
            case EXECUTOR -> ExecutorConfig.documentation();
            case SIGNER -> SignerConfig.documentation();
        };
    }

    static int grpcPort(VerticleBase v) {
        if (v instanceof GatewayVerticle g) {
            return g.grpcPort();
        } else if (v instanceof StrategyVerticle s) {
            return s.grpcPort();
        } else if (v instanceof RiskVerticle r) {
            return r.grpcPort();
        } else if (v instanceof ExecutorVerticle e) {
            return e.grpcPort();
        } else if (v instanceof SignerVerticle s) {
            return s.grpcPort();
        }
        throw new IllegalArgumentException("not a node: " + v);
    }
}
