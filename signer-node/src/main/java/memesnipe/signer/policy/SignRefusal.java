package memesnipe.signer.policy;

/**
 * What the signer's policy decided, by the same names as the wire's SignDenyReason (the node maps one to the other):
 * SIGN_OK, or why it refuses.
 */
public enum SignRefusal {
    SIGN_OK,
    NOTIONAL_LIMIT,
    RATE_LIMIT,
    VENUE_NOT_ALLOWED,
    UNKNOWN_KEY,
    NO_PRICE,
    QTY_LIMIT
}
