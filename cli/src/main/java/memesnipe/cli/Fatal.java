package memesnipe.cli;

/** A failure the user caused or can fix, printed as one line and turned into an exit code. */
final class Fatal extends RuntimeException {
    final int exitCode;

    Fatal(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
