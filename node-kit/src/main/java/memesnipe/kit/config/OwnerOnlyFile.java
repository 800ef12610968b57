package memesnipe.kit.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The one check that a file holding a secret (a key, a passphrase) is accessible by its owner only. */
public final class OwnerOnlyFile {
    /** The permissions a secret file may have at most. */
    public static final Set<PosixFilePermission> PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFile() {
    }

    /**
     * Refuses (IOException naming the file, its permissions and the fix) a file that group or others may access;
     * on a file system without POSIX permissions there is nothing to check. what names the file for the message.
     */
    public static void require(Path file, String what) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        if (!PERMISSIONS.containsAll(perms)) {
            throw new IOException(what + " " + file + " has permissions " + PosixFilePermissions.toString(perms)
                    + "; it must be accessible by its owner only (chmod 600 " + file + ")");
        }
    }
}
