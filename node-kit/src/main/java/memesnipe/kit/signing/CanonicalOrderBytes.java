package memesnipe.kit.signing;

import memesnipe.v1.ApprovedOrder;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The deterministic byte encodings of an {@link ApprovedOrder} that are signed (protobuf serialization is not
 * canonical, so it is not used): {@link #of} by the signer, {@link #approval} by the risk node. Layout, all integers
 * big-endian:
 * <pre>
 *   "MSIG1" or "MAPR1"      5 bytes ASCII version tag (signer's signature, risk's approval); "MSIG2" and
 *                           "MAPR2" for an order with a lot_exponent above 0
 *   client_order_id         u32 length + UTF-8 bytes
 *   strategy                u32 length + UTF-8 bytes
 *   symbol                  u32 length + UTF-8 bytes
 *   side                    i32 enum number
 *   purpose                 i32 enum number
 *   qty_e8                  i64
 *   reference_price_e8      i64
 *   venue                   u32 length + UTF-8 bytes
 * and for version 2 only:
 *   lot_exponent            i32
 * and for an approval only:
 *   approval_time_ms        i64
 *   approval_key_id         u32 length + UTF-8 bytes
 * </pre>
 * Other fields (decision_seq, decision and approval times of the signer's encoding) are tracing data and are not
 * covered. The two tags keep a signature of one kind from ever passing for the other. An order in single units
 * (lot_exponent 0) is encoded as version 1, byte for byte as before lots existed, so what was signed then still
 * verifies; the version tag keeps the two layouts from ever colliding.
 */
public final class CanonicalOrderBytes {
    public static final String VERSION_TAG = "MSIG1";
    public static final String APPROVAL_TAG = "MAPR1";
    public static final String VERSION_TAG_LOTS = "MSIG2";
    public static final String APPROVAL_TAG_LOTS = "MAPR2";

    private CanonicalOrderBytes() {
    }

    /** What the signer signs. */
    public static byte[] of(ApprovedOrder order) {
        return encode(order, order.getLotExponent() == 0 ? VERSION_TAG : VERSION_TAG_LOTS, false);
    }

    /** What the risk node signs to approve an order (see {@link RiskApproval}). */
    public static byte[] approval(ApprovedOrder order) {
        return encode(order, order.getLotExponent() == 0 ? APPROVAL_TAG : APPROVAL_TAG_LOTS, true);
    }

    private static byte[] encode(ApprovedOrder order, String tag, boolean approval) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(tag.getBytes(StandardCharsets.US_ASCII));
            string(out, order.getClientOrderId());
            string(out, order.getStrategy());
            string(out, order.getSymbol());
            out.writeInt(order.getSideValue());
            out.writeInt(order.getPurposeValue());
            out.writeLong(order.getQtyE8());
            out.writeLong(order.getReferencePriceE8());
            string(out, order.getVenue());
            if (order.getLotExponent() != 0) {
                out.writeInt(order.getLotExponent());
            }
            if (approval) {
                out.writeLong(order.getApprovalTimeMs());
                string(out, order.getApprovalKeyId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
