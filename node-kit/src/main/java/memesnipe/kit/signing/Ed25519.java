package memesnipe.kit.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/** Ed25519 signature verification against a SubjectPublicKeyInfo DER: the signer signs, anyone may verify. */
public final class Ed25519 {
    public static final String ALGORITHM = "Ed25519";

    private Ed25519() {
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by the given public key. */
    public static boolean verify(byte[] publicKeyDer, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(publicKeyDer)));
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
