package memesnipe.executor;

import memesnipe.kit.grpc.Calls;
import memesnipe.v1.ExecutionLimits;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.ExecutorGrpcClient;
import memesnipe.v1.GetLimitsRequest;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.OrderStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The executor reads its signer's limits and refuses to send anything the signer would never sign. */
class ExecutorAgreementTest {

    static ExecutionLimits limits(ExecutorHarness h) throws Exception {
        return Calls.unary(h.riskClient, h.executorAddress, ExecutorGrpcClient.GetLimits,
                GetLimitsRequest.getDefaultInstance(), 3000).await(10, TimeUnit.SECONDS);
    }

    @Test
    void signerThatDoesNotSignForTheExecutorsVenue_makesEveryOrderRejectedConfigMismatch_exitsToo() throws Exception {
        try (ExecutorHarness h = new ExecutorHarness(Map.of(), Map.of("allowed-venues", "binance"))) {
            ExecutorHarness.await("signer policy read", () -> limits(h).getSignerKnown());
            ExecutionLimits l = limits(h);
            assertThat(l.getProblem()).isEqualTo("executor venue 'paper' is not one the signer signs for [binance] "
                    + "(signer allowed-venues)");
            assertThat(h.status().getFactsOrThrow("configProblem")).isEqualTo(l.getProblem());
            long before = h.lastFillSeq();
            ExecutionReport entry = h.execute(ExecutorHarness.order("cm-1", "1"));
            assertThat(entry.getStatus()).isEqualTo(OrderStatus.REJECTED);
            assertThat(entry.getRejectReason()).isEqualTo("CONFIG_MISMATCH: " + l.getProblem());
            ExecutionReport exit = h.execute(ExecutorHarness.order("cm-2", "1").toBuilder()
                    .setPurpose(OrderPurpose.EXIT).setSide(memesnipe.v1.Side.SELL).build());
            assertThat(exit.getRejectReason()).startsWith("CONFIG_MISMATCH");
            assertThat(h.lastFillSeq()).isEqualTo(before);
        }
    }

    @Test
    void agreeingSigner_isReportedWithItsLimits_toRisk() throws Exception {
        try (ExecutorHarness h = new ExecutorHarness(Map.of())) {
            ExecutorHarness.await("signer policy read", () -> limits(h).getSignerKnown());
            ExecutionLimits l = limits(h);
            assertThat(l.getProblem()).isEmpty();
            assertThat(l.getVenue()).isEqualTo("paper");
            assertThat(l.getSigner().getMaxOrderNotionalE8()).isEqualTo(1000 * 100_000_000L);
            assertThat(l.getSigner().getAllowedVenuesList()).containsExactly("paper");
        }
    }
}
