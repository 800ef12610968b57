package memesnipe.risk.engine;

/** Outcome of a risk decision. */
public enum Verdict {
    APPROVED, RESIZED, DENIED
}
