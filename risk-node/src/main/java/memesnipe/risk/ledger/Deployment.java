package memesnipe.risk.ledger;

/**
 * The deployment a risk ledger belongs to, created only by {@code memesnipe init}: its id, when it was
 * created, its initial capital (USD e8) and who created it.
 */
public record Deployment(String id, long createdMs, long initialCapitalE8, String createdBy) {
}
