package memesnipe.kit.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorTokenTest {
    @Test
    void writtenToken_isOwnerOnly_andOnlyItMatchesItsHash(@TempDir Path dir) throws Exception {
        Path file = OperatorToken.write(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = Files.readString(file).strip();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        String hash = OperatorToken.readHash(dir.resolve(OperatorToken.HASH_FILE));
        assertThat(hash).isEqualTo(OperatorToken.hashHex(token)).doesNotContain(token);

        assertThat(OperatorToken.check(token, hash)).isEqualTo(OperatorToken.Check.VALID);
        assertThat(OperatorToken.check(" " + token + "\n", hash)).as("surrounding white space of a pasted token")
                .isEqualTo(OperatorToken.Check.VALID);
        assertThat(OperatorToken.check(token.substring(1), hash)).isEqualTo(OperatorToken.Check.WRONG);
        assertThat(OperatorToken.check("x".repeat(OperatorToken.MAX_LENGTH + 1), hash)).isEqualTo(OperatorToken.Check.WRONG);
        assertThat(OperatorToken.check("", hash)).isEqualTo(OperatorToken.Check.MISSING);
        assertThat(OperatorToken.check(null, hash)).isEqualTo(OperatorToken.Check.MISSING);

        Path second = Files.createDirectory(dir.resolve("again"));
        OperatorToken.write(second);
        assertThat(Files.readString(second.resolve(OperatorToken.FILE)).strip()).as("a fresh token each time")
                .isNotEqualTo(token);
    }

    @Test
    void aHashFileHoldingAnythingElse_isRefusedWithItsReason(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("hash");
        Files.writeString(bad, "not a hash\n");
        assertThatThrownBy(() -> OperatorToken.readHash(bad)).hasMessageContaining("64 lower-case hex digits");
    }
}
