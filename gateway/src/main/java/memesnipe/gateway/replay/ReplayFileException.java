package memesnipe.gateway.replay;

/**
 * A replay file that cannot be replayed as a whole (missing, empty, no data rows, a required column missing, not
 * valid JSON, too large, mostly bad rows). The message is one printable line naming the file and the problem.
 */
public final class ReplayFileException extends RuntimeException {
    public ReplayFileException(String message) {
        super(message, null, false, false);
    }
}
