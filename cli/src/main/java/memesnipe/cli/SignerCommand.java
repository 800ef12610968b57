package memesnipe.cli;

import memesnipe.signer.keystore.KeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Operator commands for the signer's key: rotation. */
@Command(name = "signer", mixinStandardHelpOptions = true, description = "Signer key management.",
        subcommands = {SignerCommand.Rotate.class})
final class SignerCommand {

    /** Replaces the signing key with a new one, keeping the old public key for verification. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Replaces the signer's key with a new one under the same passphrase. The old public key",
                    "stays beside the key file (<key-file>.retired-<keyId>.pub) and is still published by",
                    "Signer/GetPublicKeys, so fills it signed can be verified. Stop the signer first; start it again after."})
    static final class Rotate implements Callable<Integer> {
        @Option(names = "--key-file", required = true, paramLabel = "FILE", description = "the signer's key file")
        Path keyFile;

        @Option(names = "--key-passphrase-file", required = true, paramLabel = "FILE",
                description = "file whose first line is the key's passphrase")
        Path passphraseFile;

        @Override
        public Integer call() {
            if (!java.nio.file.Files.exists(keyFile)) {
                System.err.println("memesnipe signer rotate: key file " + keyFile + " does not exist");
                return 1;
            }
            try {
                String before = KeyFile.keyIdOf(KeyFile.publicKeyOf(keyFile));
                KeyFile fresh = KeyFile.rotate(keyFile, KeyFile.readPassphrase(passphraseFile));
                System.out.println("rotated the signer key: " + before + " retired (public key kept), " + fresh.keyId()
                        + " now signs; restart the signer");
                return 0;
            } catch (Exception e) {
                System.err.println("memesnipe signer rotate: " + NodeCommand.rootMessage(e));
                return 1;
            }
        }
    }
}
