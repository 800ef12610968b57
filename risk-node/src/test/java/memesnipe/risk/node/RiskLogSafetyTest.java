package memesnipe.risk.node;

import memesnipe.kit.grpc.Calls;
import memesnipe.kit.testing.LogCapture;
import memesnipe.v1.BreakerTier;
import memesnipe.v1.ResetRequest;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.TripRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static memesnipe.risk.node.RiskCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Text from a caller reaches the risk node's log only escaped: it can never start a log line of its own. */
class RiskLogSafetyTest {
    static final String FORGED = "drill\n12:00:00.000 ERROR [main] m.r.RiskVerticle - FORGED LINE\r\u2028\u0085";

    @Test
    void forgedLogLines_inTripAndResetReasons_stayInsideOneEscapedLogLine() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of()); LogCapture logs = LogCapture.start()) {
            var tripped = Calls.unary(c.admin, c.risk, RiskGrpcClient.Trip, TripRequest.newBuilder().setTier("CRITICAL")
                    .setReason(FORGED + "x".repeat(100_000)).build(), 5000).await(10, TimeUnit.SECONDS);
            assertThat(tripped.getTier()).isEqualTo(BreakerTier.CRITICAL);
            assertThat(tripped.getReason().lines()).hasSize(1);
            assertThat(tripped.getReason()).hasSizeLessThan(1_000);
            Calls.unary(c.admin, c.risk, RiskGrpcClient.Reset, ResetRequest.newBuilder().setReason(FORGED).build(), 5000)
                    .await(10, TimeUnit.SECONDS);
            await("both transitions logged", Duration.ofSeconds(5),
                    () -> logs.text().contains("-> CRITICAL") && logs.text().contains("-> NORMAL"));
            assertThat(logs.text()).contains("FORGED LINE");
            assertThat(logs.forgedLines()).isEmpty();
        }
    }
}
