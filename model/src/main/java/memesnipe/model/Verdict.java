package memesnipe.model;

/** Outcome of a risk decision. */
public enum Verdict {
    APPROVED, RESIZED, DENIED
}
