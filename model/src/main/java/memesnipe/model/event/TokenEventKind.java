package memesnipe.model.event;

/** What a scheduled token event announces. */
public enum TokenEventKind {
    /** An airdrop to holders at a future snapshot was announced. */
    AIRDROP_ANNOUNCED,
    /** The snapshot was taken: holders at this time qualify. */
    AIRDROP_SNAPSHOT,
    /** Claims opened: the airdropped tokens can be sold. */
    AIRDROP_CLAIM_OPEN
}
