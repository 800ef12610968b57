package memesnipe.kit.signing;

import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalOrderBytesTest {
    static final ApprovedOrder EXAMPLE = ApprovedOrder.newBuilder()
            .setClientOrderId("ord-1").setStrategy("momentum_5m").setSymbol("SOL")
            .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY)
            .setQtyE8(250_000_000L).setReferencePriceE8(15_000_000_000L).setVenue("paper")
            .setDecisionSeq(7).setDecisionIngestTimeMs(1_700_000_000_000L).build();

    @Test
    void exampleOrder_encodesToPinnedBytes() {
        assertThat(HexFormat.of().formatHex(CanonicalOrderBytes.of(EXAMPLE))).isEqualTo(
                "4d53494731"                                  // "MSIG1"
                        + "00000005" + "6f72642d31"                   // client_order_id "ord-1"
                        + "0000000b" + "6d6f6d656e74756d5f356d"       // strategy "momentum_5m"
                        + "00000003" + "534f4c"                       // symbol "SOL"
                        + "00000001"                                  // side BUY
                        + "00000001"                                  // purpose ENTRY
                        + "000000000ee6b280"                          // qty_e8 2.5
                        + "000000037e11d600"                          // reference_price_e8 150
                        + "00000005" + "7061706572");                 // venue "paper"
    }

    @Test
    void changingAnySignedField_changesTheBytes() {
        List<UnaryOperator<ApprovedOrder.Builder>> changes = List.of(
                b -> b.setClientOrderId("ord-2"),
                b -> b.setStrategy("mean_revert"),
                b -> b.setSymbol("BONK"),
                b -> b.setSide(Side.SELL),
                b -> b.setPurpose(OrderPurpose.EXIT),
                b -> b.setQtyE8(250_000_001L),
                b -> b.setReferencePriceE8(15_000_000_001L),
                b -> b.setVenue("binance"));
        byte[] original = CanonicalOrderBytes.of(EXAMPLE);
        for (UnaryOperator<ApprovedOrder.Builder> change : changes) {
            assertThat(CanonicalOrderBytes.of(change.apply(EXAMPLE.toBuilder()).build())).isNotEqualTo(original);
        }
    }

    @Test
    void anOrderInLots_isVersionTwo_andItsLotIsSigned() {
        ApprovedOrder lots = EXAMPLE.toBuilder().setLotExponent(9).build();
        String hex = HexFormat.of().formatHex(CanonicalOrderBytes.of(lots));
        String v1 = HexFormat.of().formatHex(CanonicalOrderBytes.of(EXAMPLE));
        assertThat(hex).startsWith("4d53494732"); // "MSIG2"
        assertThat(hex).isEqualTo("4d53494732" + v1.substring(10) + "00000009"); // v1 layout + lot_exponent
        assertThat(CanonicalOrderBytes.of(lots.toBuilder().setLotExponent(6).build()))
                .isNotEqualTo(CanonicalOrderBytes.of(lots)); // 1,000 times the quantity is another order
        assertThat(HexFormat.of().formatHex(CanonicalOrderBytes.approval(lots))).startsWith("4d41505232"); // "MAPR2"
    }

    @Test
    void fieldBoundaries_areUnambiguous() {
        ApprovedOrder a = EXAMPLE.toBuilder().setClientOrderId("ab").setStrategy("c").build();
        ApprovedOrder b = EXAMPLE.toBuilder().setClientOrderId("a").setStrategy("bc").build();
        assertThat(CanonicalOrderBytes.of(a)).isNotEqualTo(CanonicalOrderBytes.of(b));
    }

    @Test
    void tracingFields_areNotSigned() {
        ApprovedOrder traced = EXAMPLE.toBuilder().setDecisionSeq(99).setApprovedTimeMs(5).build();
        assertThat(CanonicalOrderBytes.of(traced)).isEqualTo(CanonicalOrderBytes.of(EXAMPLE));
    }

    @Test
    void approvalBytes_coverTheSignedFieldsThenTheApprovalTimeAndKeyId_underTheirOwnTag() {
        ApprovedOrder approved = EXAMPLE.toBuilder().setApprovalTimeMs(1_700_000_000_000L).setApprovalKeyId("k1")
                .setRiskApproval(com.google.protobuf.ByteString.copyFromUtf8("not covered")).build();
        String signerBody = HexFormat.of().formatHex(CanonicalOrderBytes.of(EXAMPLE)).substring(10);
        assertThat(HexFormat.of().formatHex(CanonicalOrderBytes.approval(approved))).isEqualTo(
                "4d41505231"                                  // "MAPR1"
                        + signerBody                                  // the same fields as the signer's bytes
                        + "0000018bcfe56800"                          // approval_time_ms 1700000000000
                        + "00000002" + "6b31");                       // approval_key_id "k1"
        assertThat(CanonicalOrderBytes.approval(approved.toBuilder().setApprovalTimeMs(1).build()))
                .isNotEqualTo(CanonicalOrderBytes.approval(approved));
        assertThat(CanonicalOrderBytes.approval(approved.toBuilder().setApprovalKeyId("k2").build()))
                .isNotEqualTo(CanonicalOrderBytes.approval(approved));
    }
}
