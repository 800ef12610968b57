package memesnipe.model.event;

/** Who can pull a pool's liquidity. */
public enum LpLock {
    /** LP tokens are held by a wallet that can withdraw them. */
    UNLOCKED,
    /** LP tokens are in a time lock. */
    LOCKED,
    /** LP tokens were burned: the liquidity can never be withdrawn. */
    BURNED
}
