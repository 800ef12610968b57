package memesnipe.bench;

import memesnipe.kit.signing.CanonicalOrderBytes;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The canonical bytes of an approved order: what the signer signs, and what risk signs to approve it. */
@State(Scope.Thread)
public class SigningBytesBenchmark extends Defaults {
    private ApprovedOrder order;

    @Setup
    public void setUp() {
        order = ApprovedOrder.newBuilder().setClientOrderId("momentum.5m-SOL-123456-0k3v7q9d2m1a8")
                .setStrategy("momentum_5m").setSymbol("SOL").setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY)
                .setQtyE8(123_456_789L).setReferencePriceE8(14_250_000_000L).setVenue("paper").setDecisionSeq(123_456)
                .setApprovalTimeMs(1_700_000_000_000L).setApprovalKeyId("risk-1").build();
    }

    @Benchmark
    public byte[] signerBytes() {
        return CanonicalOrderBytes.of(order);
    }

    @Benchmark
    public byte[] approvalBytes() {
        return CanonicalOrderBytes.approval(order);
    }
}
