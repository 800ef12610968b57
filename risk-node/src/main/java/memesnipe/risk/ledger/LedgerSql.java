package memesnipe.risk.ledger;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import memesnipe.risk.breaker.BreakerRecord;
import memesnipe.risk.breaker.Transition;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The SQL the risk node writes its ledger with (schema risk, see db/risk/V1__ledger.sql). */
final class LedgerSql {
    private LedgerSql() {
    }

    static final String UPSERT_STATE = "INSERT INTO breaker_state (one_row, version, tier, reason, since_ms, peak_e8, "
            + "day_start_e8, day_epoch_day, manual_latch, ramp_step, ramp_since_ms, clear_since_ms, strategy_peaks, "
            + "suspended, transition_seq, updated_ms) VALUES (true, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
            + "$14, $15) ON CONFLICT (one_row) DO UPDATE SET version = EXCLUDED.version, tier = EXCLUDED.tier, "
            + "reason = EXCLUDED.reason, since_ms = EXCLUDED.since_ms, peak_e8 = EXCLUDED.peak_e8, "
            + "day_start_e8 = EXCLUDED.day_start_e8, day_epoch_day = EXCLUDED.day_epoch_day, "
            + "manual_latch = EXCLUDED.manual_latch, ramp_step = EXCLUDED.ramp_step, ramp_since_ms = EXCLUDED.ramp_since_ms, "
            + "clear_since_ms = EXCLUDED.clear_since_ms, strategy_peaks = EXCLUDED.strategy_peaks, "
            + "suspended = EXCLUDED.suspended, transition_seq = EXCLUDED.transition_seq, updated_ms = EXCLUDED.updated_ms "
            + "WHERE breaker_state.version < EXCLUDED.version";
    static final String INSERT_TRANSITION = "INSERT INTO breaker_transitions (seq, from_tier, to_tier, reason, "
            + "drawdown_bps, daily_loss_bps, equity_e8, peak_e8, time_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            + "ON CONFLICT DO NOTHING";
    static final String INSERT_AUDIT = "INSERT INTO admin_audit (id, time_ms, action, tier, reason, actor, tier_after) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";
    static final String UPSERT_STAGE = "INSERT INTO strategy_stages (strategy, stage, type, since_ms, demotions, "
            + "updated_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (strategy) DO UPDATE SET stage = EXCLUDED.stage, "
            + "type = EXCLUDED.type, since_ms = EXCLUDED.since_ms, demotions = EXCLUDED.demotions, "
            + "updated_ms = EXCLUDED.updated_ms WHERE strategy_stages.updated_ms <= EXCLUDED.updated_ms";
    static final String INSERT_STAGE_CHANGE = "INSERT INTO stage_changes (id, strategy, from_stage, to_stage, time_ms, "
            + "reasons, demotions) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";
    static final String INSERT_EQUITY = "INSERT INTO equity_curve (time_ms, equity_e8, peak_e8) VALUES ($1, $2, $3)";
    static final String INSERT_DAY = "INSERT INTO trading_days (day, start_equity_e8, started_ms) VALUES ($1, $2, $3) "
            + "ON CONFLICT DO NOTHING";
    static final String INSERT_FILL = "INSERT INTO fills (log_id, seq, client_order_id, strategy, symbol, side, qty_e8, "
            + "price_e8, fee_e8, fill_time_ms, applied_ms, source, lot_exponent) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING";
    static final String UPSERT_CURSOR = "INSERT INTO fill_cursor (one_row, log_id, seq, updated_ms) VALUES (true, $1, $2, $3) "
            + "ON CONFLICT (one_row) DO UPDATE SET log_id = EXCLUDED.log_id, seq = EXCLUDED.seq, updated_ms = EXCLUDED.updated_ms";
    static final String INSERT_DECISION = "INSERT INTO decisions (client_order_id, caller, strategy, symbol, purpose, "
            + "verdict, reason, detail, approved_qty_e8, approved_notional_e8, tier, equity_e8, strategy_exposure_e8, time_ms, "
            + "lot_exponent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING";
    static final String UPDATE_OUTCOME = "UPDATE decisions SET outcome = $2 WHERE client_order_id = $1";
    static final String INSERT_QUALITY = "INSERT INTO quality_samples (time_ms, latency_ms, slippage_bps, error) "
            + "VALUES ($1, $2, $3, $4)";
    /** A manual reset forgets the quality window up to its time (written after the samples of the same batch). */
    static final String CLEAR_QUALITY = "DELETE FROM quality_samples WHERE time_ms <= $1";

    static Tuple state(long version, BreakerRecord r, long updatedMs) {
        return Tuple.from(new Object[]{version, r.tier(), r.reason(), r.sinceMs(), r.peakE8(), r.dayStartE8(),
                r.dayEpochDay(), r.manualLatch(), r.rampStep(), r.rampSinceMs(), r.clearSinceMs(), BreakerCodec.peaks(r),
                BreakerCodec.suspended(r), r.transitionSeq(), updatedMs});
    }

    static Tuple transition(Transition t) {
        return Tuple.from(new Object[]{t.seq(), t.from().name(), t.to().name(), t.reason(), t.drawdownBps(),
                t.dailyLossBps(), t.equityE8(), t.peakE8(), t.timeMs()});
    }

    static Tuple audit(BreakerWrite.Audit a) {
        return Tuple.from(new Object[]{a.id(), a.timeMs(), a.action(), a.tier(), a.reason(), a.actor(), a.tierAfter()});
    }

    static Tuple stage(BreakerWrite.StageWrite w) {
        return Tuple.from(new Object[]{w.strategy(), w.stage(), w.type(), w.sinceMs(), w.demotions(), w.timeMs()});
    }

    static Tuple stageChange(BreakerWrite.StageWrite w) {
        return Tuple.from(new Object[]{w.id(), w.strategy(), w.fromStage(), w.stage(), w.timeMs(),
                w.reasons().toArray(String[]::new), w.demotions()});
    }

    static Tuple equity(BreakerWrite.EquitySample s) {
        return Tuple.of(s.timeMs(), s.equityE8(), s.peakE8());
    }

    static Tuple day(BreakerWrite.TradingDay d) {
        return Tuple.of(LocalDate.ofEpochDay(d.epochDay()), d.startEquityE8(), d.startedMs());
    }

    /** Writes breaker writes (in one transaction when the client is one): the newest state, and every row of each. */
    static Future<Void> writeBreaker(SqlClient c, List<BreakerWrite> writes) {
        if (writes.isEmpty()) {
            return Future.succeededFuture();
        }
        BreakerWrite newest = writes.stream().max(Comparator.comparingLong(BreakerWrite::version)).orElseThrow();
        List<Tuple> transitions = new ArrayList<>();
        List<Tuple> audits = new ArrayList<>();
        List<Tuple> samples = new ArrayList<>();
        List<Tuple> days = new ArrayList<>();
        List<Tuple> stages = new ArrayList<>();
        List<Tuple> stageChanges = new ArrayList<>();
        for (BreakerWrite w : writes) {
            for (BreakerWrite.StageWrite st : w.stages()) {
                stages.add(stage(st));
                if (st.changed()) {
                    stageChanges.add(stageChange(st));
                }
            }
            w.transitions().forEach(t -> transitions.add(transition(t)));
            w.audits().forEach(a -> audits.add(audit(a)));
            samples.add(equity(w.sample()));
            if (w.day() != null) {
                days.add(day(w.day()));
            }
        }
        return c.preparedQuery(UPSERT_STATE).execute(state(newest.version(), newest.state(), newest.timeMs()))
                .compose(r -> batch(c, INSERT_TRANSITION, transitions))
                .compose(r -> batch(c, INSERT_AUDIT, audits))
                .compose(r -> batch(c, INSERT_EQUITY, samples))
                .compose(r -> batch(c, INSERT_DAY, days))
                .compose(r -> batch(c, UPSERT_STAGE, stages))
                .compose(r -> batch(c, INSERT_STAGE_CHANGE, stageChanges));
    }

    static Future<Void> batch(SqlClient c, String sql, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Future.succeededFuture();
        }
        if (tuples.size() == 1) {
            return c.preparedQuery(sql).execute(tuples.get(0)).mapEmpty();
        }
        return c.preparedQuery(sql).executeBatch(tuples).mapEmpty();
    }
}
