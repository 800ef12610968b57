package memesnipe.gateway.replay;

/** Bounds on what a replay file may hold; a replay file is untrusted input. */
public final class ReplayLimits {
    /** Longest line read (characters, without the line break); longer ones are rejected as LINE_TOO_LONG. */
    public static final int MAX_LINE_CHARS = 64 * 1024;
    /** Largest file read, bytes. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** Most rows (accepted and rejected) a file may hold: the events are kept in memory for the whole replay. */
    public static final int MAX_ROWS = 2_000_000;
    /** Rejected rows kept with their line number and detail; all are counted. */
    public static final int MAX_SAMPLES = 10;
    /** Characters of a rejected value quoted in a rejection's detail. */
    public static final int MAX_QUOTED = 40;
    /** A file with more rejected than this share of its rows is refused as a whole. */
    public static final double MAX_REJECTED_SHARE = 0.5;

    private ReplayLimits() {
    }
}
