package memesnipe.kit.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.protobuf.ByteString;
import memesnipe.v1.ApprovedOrder;

/**
 * Builds wire messages field by field from fuzzer data for the fuzz tests of each node's wire-to-domain
 * translation: text that is sometimes plausible and sometimes hostile (control characters, very long), numbers that
 * are sometimes realistic and sometimes extreme, enum values outside the enum.
 */
public final class WireFuzz {
    private WireFuzz() {
    }

    /** Any text up to max characters; a third of the time a plausible identifier. */
    public static String text(FuzzedDataProvider data, int max) {
        return data.consumeInt(0, 2) == 0 ? "id" + data.consumeInt(0, 999) : data.consumeString(max);
    }

    /** An amount at scale 1e8: realistic, or anywhere in the long range. */
    public static long amount(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.consumeLong(-1_000_000L * 100_000_000L, 1_000_000L * 100_000_000L)
                : data.consumeLong();
    }

    /** An approved order with every field chosen by the fuzzer. */
    public static ApprovedOrder order(FuzzedDataProvider data) {
        return ApprovedOrder.newBuilder().setClientOrderId(text(data, 70)).setStrategy(text(data, 70))
                .setSymbol(data.consumeBoolean() ? "SOL" : text(data, 30))
                .setSideValue(data.consumeInt(-1, 3)).setPurposeValue(data.consumeInt(-1, 3))
                .setQtyE8(amount(data)).setReferencePriceE8(amount(data))
                .setVenue(data.consumeBoolean() ? "paper" : text(data, 30))
                .setDecisionSeq(data.consumeLong()).setDecisionIngestTimeMs(data.consumeLong())
                .setRiskApproval(ByteString.copyFrom(data.consumeBytes(80))).setApprovalKeyId(text(data, 40))
                .setApprovalTimeMs(data.consumeLong()).setLotExponent(data.consumeInt(-1, 20)).build();
    }
}
