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
        KeyFile created = KeyFile.loadOrCreate(file);
        assertThat(created.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(created.keyId()).matches("[0-9a-f]{16}");
        assertThat(Files.list(file.getParent())).containsExactly(file); // no temp file left behind

        KeyFile reloaded = KeyFile.loadOrCreate(file);
        assertThat(reloaded.created()).isFalse();
        assertThat(reloaded.keyId()).isEqualTo(created.keyId());
        byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);
        assertThat(KeyFile.verify(created.publicKeyDer(), message, reloaded.sign(message))).isTrue();
    }

    @Test
    void keyId_isSha256PrefixOfPublicKey() throws Exception {
        KeyFile key = KeyFile.loadOrCreate(dir.resolve("k.pem"));
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.publicKeyDer());
        assertThat(key.keyId()).isEqualTo(java.util.HexFormat.of().formatHex(digest).substring(0, 16));
    }

    @Test
    void groupReadableKeyFile_isRefusedWithClearError() throws Exception {
        Path file = dir.resolve("k.pem");
        KeyFile.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> KeyFile.loadOrCreate(file))
                .hasMessageContaining("rw-r-----").hasMessageContaining("owner only");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> KeyFile.load(file)).hasMessageContaining("chmod 600");
    }

    @Test
    void corruptKeyFile_isRefused_withoutEchoingItsContent() throws Exception {
        Path file = dir.resolve("k.pem");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> KeyFile.load(file)).hasMessageContaining("PUBLIC KEY").hasMessageNotContaining("QUJD");
    }

    @Test
    void toString_showsNoKeyMaterial() throws Exception {
        KeyFile key = KeyFile.loadOrCreate(dir.resolve("k.pem"));
        assertThat(key.toString()).isEqualTo("KeyFile[Ed25519, keyId=" + key.keyId() + "]");
    }
}
