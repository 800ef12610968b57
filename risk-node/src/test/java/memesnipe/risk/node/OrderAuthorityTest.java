package memesnipe.risk.node;

import memesnipe.v1.DenyReason;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.Side;
import memesnipe.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static memesnipe.risk.node.DurableRiskTest.E8;
import static memesnipe.risk.node.DurableRiskTest.exit;
import static memesnipe.risk.node.DurableRiskTest.pricedAndConnected;
import static memesnipe.risk.node.DurableRiskTest.prices;
import static memesnipe.risk.node.DurableRiskTest.reset;
import static memesnipe.risk.node.DurableRiskTest.trip;
import static memesnipe.risk.node.RiskCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who owns a decision and what the executor gets, through the running risk node with a real executor and signer: a
 * client order id belongs to the caller that used it first, and every order risk sends carries an approval the
 * executor and the signer accept, however long its delivery is retried.
 */
class OrderAuthorityTest {

    @Test
    void submit_underTheIdOfRisksOwnExit_isDeniedIdInUse_neverGetsThatDecision_evenAfterARestart() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of())) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            pricedAndConnected(c);
            trip(c, "EMERGENCY", "flatten: risk's own exits");
            await("flat", Duration.ofSeconds(10), () -> c.fact("openPositions") == 0 && c.fact("inFlight") == 0);
            String ownExit = c.sqlText("SELECT client_order_id FROM risk.decisions WHERE caller = 'risk'");
            assertThat(ownExit).isNotNull();
            reset(c, "trading again");
            long fills = c.fact("fills");
            OrderIntent squat = OrderIntent.newBuilder().setClientOrderId(ownExit).setStrategy("s1").setSymbol("AAA")
                    .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY).setNotionalE8(100 * E8).setDecisionPriceE8(1).build();
            RiskDecision d = c.submit(squat);
            assertThat(d.getVerdict()).isEqualTo(Verdict.DENIED);
            assertThat(d.getReason()).isEqualTo(DenyReason.ID_IN_USE);
            assertThat(d.getDetail()).doesNotContain("risk exit");
            assertThat(d.getApprovedQtyE8()).isZero();

            c.restartRisk(); // the decision is now only in the ledger
            RiskDecision again = c.submit(squat);
            assertThat(again.getReason()).isEqualTo(DenyReason.ID_IN_USE);
            assertThat(again.getDetail()).doesNotContain("risk exit");
            assertThat(c.fact("fills")).as("no order under the taken id").isEqualTo(fills);
            assertThat(c.sqlText("SELECT caller FROM risk.decisions WHERE client_order_id = '" + ownExit + "'"))
                    .isEqualTo("risk");
            await("an id of its own decided as usual once the restarted node has prices", Duration.ofSeconds(10),
                    () -> c.entry("s1", "AAA", 100).getVerdict() != Verdict.DENIED);
        }
    }

    @Test
    void exitRetriedLongerThanTheExecutorsApprovalBound_isFilledUnderItsOwnId_withAFreshApproval() throws Exception {
        try (RiskCluster c = new RiskCluster(Map.of(), Map.of("approval-max-age-ms", "1000"), true, false, true)) {
            c.market.hold(prices(100 * E8, 100 * E8, 100 * E8));
            pricedAndConnected(c);
            assertThat(c.entry("s1", "AAA", 100).getVerdict()).isEqualTo(Verdict.APPROVED);
            await("filled", Duration.ofSeconds(10), () -> c.fact("openPositions") == 2 && c.fact("inFlight") == 0);

            c.executorProxy.cut();
            assertThat(exit(c, "late-exit", "s1", "AAA").getVerdict()).isEqualTo(Verdict.APPROVED);
            // attempts at +0, +250, +750, +1750 ms: the first approval is now older than the executor's 1 s bound
            await("four delivery attempts failed", Duration.ofSeconds(10), () -> c.fact("forwardFailures") >= 4);
            c.executorProxy.restore();

            await("the exit filled under its own id", Duration.ofSeconds(15),
                    () -> c.sql("SELECT count(*) FROM risk.fills WHERE client_order_id = 'late-exit'") == 1);
            assertThat(c.sql("SELECT count(*) FROM risk.decisions WHERE client_order_id = 'late-exit' "
                    + "AND outcome IS NOT NULL")).as("never refused").isZero();
            await("flat in AAA", Duration.ofSeconds(10), () -> c.fact("openPositions") == 1);
        }
    }
}
