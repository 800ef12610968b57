package memesnipe.risk.ledger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import memesnipe.kit.ledger.DatabaseSettings;
import memesnipe.kit.ledger.Ledger;
import memesnipe.model.money.Fixed;
import memesnipe.risk.breaker.BreakerRecord;
import memesnipe.model.Tier;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creates a deployment in the risk ledger: what {@code memesnipe init} does. The only way a risk node ever starts
 * NORMAL on an empty ledger; an existing deployment is replaced only when asked to (force-new), which erases
 * risk's ledger (fills, equity curve, breaker, decisions, quality window; the admin audit is kept).
 */
public final class Deployments {
    private Deployments() {
    }

    /** What init did: the deployment created, the one it replaced (if any), and where. */
    public record Created(Deployment deployment, Optional<Deployment> replaced, String where) {
        /** One line for the operator. */
        public String describe() {
            return (replaced.isPresent() ? "replaced deployment " + replaced.get().id() + " (created "
                    + java.time.Instant.ofEpochMilli(replaced.get().createdMs()) + "; risk's fills, equity curve, breaker "
                    + "and decisions erased) by" : "created") + " deployment " + deployment.id() + " in " + where
                    + " (schema " + RiskLedger.SCHEMA + "): initial capital " + Fixed.format(deployment.initialCapitalE8())
                    + " USD, breaker NORMAL";
        }
    }

    /** Refused: a deployment exists and force-new was not given. */
    public static final class DeploymentExists extends RuntimeException {
        public final Deployment existing;

        DeploymentExists(Deployment existing, String where) {
            super("a deployment already exists in " + where + ": " + existing.id() + ", created "
                    + java.time.Instant.ofEpochMilli(existing.createdMs()) + " by " + existing.createdBy()
                    + ", initial capital " + Fixed.format(existing.initialCapitalE8())
                    + " USD (use --force-new to erase risk's ledger and start a new one)");
            this.existing = existing;
        }
    }

    /** The breaker of a new deployment: NORMAL, peak and day start at the capital, fully ramped, no history. */
    public static BreakerRecord newBreaker(long capitalE8, long nowMs) {
        // day 0 is never today: the first evaluation starts the trading day at the equity it finds
        return new BreakerRecord(Tier.NORMAL.name(), "new deployment (memesnipe init)", nowMs, capitalE8, capitalE8, 0,
                false, BreakerRecord.FULLY_RAMPED, nowMs, 0, Map.of(), Set.of(), 0);
    }

    /**
     * Migrates schema risk if needed and creates the deployment (one transaction): the deployment row, a NORMAL
     * breaker at version 1, the first equity sample and an INIT audit row naming actor.
     */
    public static Future<Created> init(Vertx vertx, DatabaseSettings settings, long capitalE8, boolean forceNew,
                                       String actor, long nowMs) {
        if (capitalE8 <= 0) {
            return Future.failedFuture(new IllegalArgumentException("initial capital must be > 0"));
        }
        return Ledger.open(vertx, settings, RiskLedger.SCHEMA).compose(ledger -> ledger.pool()
                .withTransaction(c -> create(c, settings.where(), capitalE8, forceNew, actor, nowMs))
                .eventually(ledger::close));
    }

    private static Future<Created> create(SqlConnection c, String where, long capitalE8, boolean forceNew, String actor,
                                          long nowMs) {
        return c.query("LOCK TABLE deployment IN EXCLUSIVE MODE").execute()
                .compose(v -> RiskLedger.readDeployment(c))
                .compose(existing -> {
                    if (existing.isPresent() && !forceNew) {
                        return Future.failedFuture(new DeploymentExists(existing.get(), where));
                    }
                    Future<Void> cleared = existing.isEmpty() && !forceNew ? Future.succeededFuture()
                            : c.query("TRUNCATE deployment, fills, fill_cursor, equity_curve, trading_days, breaker_state, "
                            + "breaker_transitions, decisions, quality_samples RESTART IDENTITY").execute().mapEmpty();
                    Deployment d = new Deployment(UUID.randomUUID().toString(), nowMs, capitalE8, actor);
                    BreakerRecord breaker = newBreaker(capitalE8, nowMs);
                    String why = existing.map(e -> "new deployment replacing " + e.id()).orElse("new deployment")
                            + ", initial capital " + Fixed.format(capitalE8) + " USD";
                    BreakerWrite first = new BreakerWrite(1, nowMs, breaker, List.of(),
                            List.of(new BreakerWrite.Audit(UUID.randomUUID().toString(), nowMs, "INIT", Tier.NORMAL.name(),
                                    why, actor, Tier.NORMAL.name())),
                            new BreakerWrite.EquitySample(nowMs, capitalE8, capitalE8), null);
                    return cleared
                            .compose(v -> c.preparedQuery("INSERT INTO deployment (id, created_ms, initial_capital_e8, "
                                    + "created_by) VALUES ($1, $2, $3, $4)").execute(Tuple.of(d.id(), d.createdMs(),
                                    d.initialCapitalE8(), d.createdBy())))
                            .compose(v -> LedgerSql.writeBreaker(c, List.of(first)))
                            .map(v -> new Created(d, existing, where));
                });
    }
}
