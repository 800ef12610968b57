package memesnipe.signer.keystore;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;

/**
 * Password-based encryption of a PKCS#8 private key into a standard EncryptedPrivateKeyInfo (PBES2 with
 * PBKDF2-HMAC-SHA256, 310,000 iterations, a random salt and AES-256-CBC), with BouncyCastle.
 */
final class KeyEncryption {
    static final int ITERATIONS = 310_000;
    private static final Provider BC = new BouncyCastleProvider();

    private KeyEncryption() {
    }

    /** EncryptedPrivateKeyInfo DER for the PKCS#8 DER, under the passphrase. */
    static byte[] encrypt(byte[] pkcs8Der, char[] passphrase) throws IOException {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256).setIterationCount(ITERATIONS)
                    .setRandom(new SecureRandom()).setProvider(BC).setPassword(passphrase).build();
            return new PKCS8Generator(PrivateKeyInfo.getInstance(pkcs8Der), encryptor).generate().getContent();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("PBES2 key encryption is not available", e);
        }
    }

    /** The PKCS#8 DER inside an EncryptedPrivateKeyInfo; the caller zeroes it after use. */
    static byte[] decrypt(byte[] encryptedInfoDer, char[] passphrase) throws GeneralSecurityException, IOException {
        try {
            var decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passphrase);
            return new PKCS8EncryptedPrivateKeyInfo(encryptedInfoDer).decryptPrivateKeyInfo(decryptor).getEncoded();
        } catch (PKCSException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot decrypt the key", e);
        }
    }
}
