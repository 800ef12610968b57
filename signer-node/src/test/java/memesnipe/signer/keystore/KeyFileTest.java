package memesnipe.signer.keystore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyFileTest {
    @TempDir
    Path dir;

    @Test
    void firstStart_createsOwnerOnlyFile_andRestartLoadsTheSameKey() throws Exception {
        Path file = dir.resolve("keys/signer-key.pem");
        KeyFile created = KeyFile.loadOrCreate(file, pass());
        assertThat(created.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(created.keyId()).matches("[0-9a-f]{16}");
        assertThat(Files.list(file.getParent())).containsExactly(file); // no temp file left behind

        KeyFile reloaded = KeyFile.loadOrCreate(file, pass());
        assertThat(reloaded.created()).isFalse();
        assertThat(reloaded.keyId()).isEqualTo(created.keyId());
        byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);
        assertThat(KeyFile.verify(created.publicKeyDer(), message, reloaded.sign(message))).isTrue();
    }

    @Test
    void keyId_isSha256PrefixOfPublicKey() throws Exception {
        KeyFile key = KeyFile.loadOrCreate(dir.resolve("k.pem"), pass());
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.publicKeyDer());
        assertThat(key.keyId()).isEqualTo(java.util.HexFormat.of().formatHex(digest).substring(0, 16));
    }

    @Test
    void groupReadableKeyFile_isRefusedWithClearError() throws Exception {
        Path file = dir.resolve("k.pem");
        KeyFile.loadOrCreate(file, pass());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> KeyFile.loadOrCreate(file, pass()))
                .hasMessageContaining("rw-r-----").hasMessageContaining("owner only");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> KeyFile.load(file, pass())).hasMessageContaining("chmod 600");
    }

    @Test
    void corruptKeyFile_isRefused_withoutEchoingItsContent() throws Exception {
        Path file = dir.resolve("k.pem");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nQUJD\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> KeyFile.load(file, pass())).hasMessageContaining("k.pem").hasMessageNotContaining("QUJD");
    }

    static char[] pass() {
        return "correct horse battery staple".toCharArray();
    }

    @Test
    void keyFile_isEncryptedAtRest_andTheWrongPassphraseIsRefused() throws Exception {
        Path file = dir.resolve("k.pem");
        KeyFile key = KeyFile.loadOrCreate(file, pass());
        String text = Files.readString(file);
        assertThat(text).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----").doesNotContain("BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> KeyFile.load(file, "wrong".toCharArray())).hasMessageContaining("wrong passphrase");
        assertThat(KeyFile.publicKeyOf(file)).isEqualTo(key.publicKeyDer());
    }

    @Test
    void unencryptedKeyFile_isRefused() throws Exception {
        Path file = dir.resolve("plain.pem");
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> KeyFile.load(file, pass())).hasMessageContaining("unencrypted");
    }

    @Test
    void passphraseFile_isReadOwnerOnly_andZeroedByLoadOrCreate() throws Exception {
        Path pw = dir.resolve("pass");
        KeyFile.createPassphraseIfMissing(pw);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pw))).isEqualTo("rw-------");
        char[] passphrase = KeyFile.readPassphrase(pw);
        assertThat(passphrase).hasSize(64);
        KeyFile.loadOrCreate(dir.resolve("z.pem"), passphrase);
        assertThat(new String(passphrase)).isEqualTo("\0".repeat(64));
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> KeyFile.readPassphrase(pw)).hasMessageContaining("chmod 600");
    }

    @Test
    void toString_showsNoKeyMaterial() throws Exception {
        KeyFile key = KeyFile.loadOrCreate(dir.resolve("k.pem"), pass());
        assertThat(key.toString()).isEqualTo("KeyFile[Ed25519, keyId=" + key.keyId() + "]");
    }

    @Test
    void rotate_replacesTheKey_keepsTheOldPublicKeyForVerification_andNeedsTheRightPassphrase() throws Exception {
        Path file = dir.resolve("signer-key.pem");
        KeyFile old = KeyFile.loadOrCreate(file, pass());
        byte[] message = "fill 1".getBytes(StandardCharsets.US_ASCII);
        byte[] oldSignature = old.sign(message);
        assertThatThrownBy(() -> KeyFile.rotate(file, "wrong".toCharArray())).hasMessageContaining("cannot decrypt");
        KeyFile fresh = KeyFile.rotate(file, pass());
        assertThat(fresh.keyId()).isNotEqualTo(old.keyId());
        assertThat(KeyFile.loadOrCreate(file, pass()).keyId()).isEqualTo(fresh.keyId());
        var retired = KeyFile.retiredPublicKeys(file);
        assertThat(retired).containsOnlyKeys(old.keyId());
        assertThat(KeyFile.verify(retired.get(old.keyId()), message, oldSignature)).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("signer-key.pem", "signer-key.pem.retired-" + old.keyId() + ".pub");
        }
    }
}
