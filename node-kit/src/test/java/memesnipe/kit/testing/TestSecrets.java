package memesnipe.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Secrets generated at test time (never checked in): a random passphrase file, owner-only. */
public final class TestSecrets {
    private TestSecrets() {
    }

    /** dir/key.pass with a fresh random passphrase (created once per directory), mode 0600. */
    public static Path passphraseFile(Path dir) {
        Path file = dir.resolve("key.pass");
        try {
            if (!Files.exists(file)) {
                byte[] b = new byte[24];
                new SecureRandom().nextBytes(b);
                Files.createDirectories(dir);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(b) + "\n");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
