package memesnipe.kit.signing;

import memesnipe.v1.ApprovedOrder;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The deterministic byte encoding of an {@link ApprovedOrder} that the signer signs (protobuf
 * serialization is not canonical, so it is not used). Layout, all integers big-endian:
 * <pre>
 *   "MSIG1"                 5 bytes ASCII version tag
 *   client_order_id         u32 length + UTF-8 bytes
 *   strategy                u32 length + UTF-8 bytes
 *   symbol                  u32 length + UTF-8 bytes
 *   side                    i32 enum number
 *   purpose                 i32 enum number
 *   qty_e8                  i64
 *   reference_price_e8      i64
 *   venue                   u32 length + UTF-8 bytes
 * </pre>
 * Other fields (decision_seq, times) are tracing data and are not covered.
 */
public final class CanonicalOrderBytes {
    public static final String VERSION_TAG = "MSIG1";

    private CanonicalOrderBytes() {
    }

    public static byte[] of(ApprovedOrder order) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(VERSION_TAG.getBytes(StandardCharsets.US_ASCII));
            string(out, order.getClientOrderId());
            string(out, order.getStrategy());
            string(out, order.getSymbol());
            out.writeInt(order.getSideValue());
            out.writeInt(order.getPurposeValue());
            out.writeLong(order.getQtyE8());
            out.writeLong(order.getReferencePriceE8());
            string(out, order.getVenue());
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
