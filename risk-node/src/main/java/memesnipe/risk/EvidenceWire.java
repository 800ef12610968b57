package memesnipe.risk;

import memesnipe.performance.ConfidenceInterval;
import memesnipe.performance.Figure;
import memesnipe.performance.Sampling;
import memesnipe.performance.Significance;
import memesnipe.performance.promotion.Evidence;
import memesnipe.risk.promotion.RecordedChange;
import memesnipe.risk.promotion.StrategyReport;
import memesnipe.v1.GateView;
import memesnipe.v1.Interval;
import memesnipe.v1.StageChangeView;
import memesnipe.v1.StrategyView;

/**
 * Translates the promotion pipeline's evidence, gates and strategies between the memesnipe.v1 messages and the
 * domain types: risk answers with them, and `memesnipe promote` sends a walk-forward's evidence with them.
 */
public final class EvidenceWire {
    private EvidenceWire() {
    }

    /** The evidence as sent on the wire. */
    public static memesnipe.v1.Evidence toWire(Evidence e) {
        return memesnipe.v1.Evidence.newBuilder().setFromMs(e.fromMs()).setToMs(e.toMs())
                .setSamplingMs(e.sampling().periodMs()).setPeriods(e.periods()).setSharpe(figure(e.sharpe()))
                .setSharpeCi(interval(e.sharpeCi())).setTrades(e.trades()).setWins(e.wins())
                .setWinRateCi(interval(e.winRateCi())).setMaxDrawdown(figure(e.maxDrawdown()))
                .setLatencySamples(e.latencySamples()).setLatencyTotalMs(e.latencyTotalMs())
                .setSignificanceTest(e.significance().test()).setPValue(figure(e.significance().pValue()))
                .setSignificanceSamples(e.significance().samples())
                .setSignificanceResamples(e.significance().resamples())
                .setSignificanceSeed(e.significance().seed()).build();
    }

    /** The evidence a message carries; IllegalArgumentException (with the problem) when it is not consistent. */
    public static Evidence fromWire(memesnipe.v1.Evidence m) {
        return new Evidence(m.getFromMs(), m.getToMs(), new Sampling(m.getSamplingMs()), m.getPeriods(),
                figure(m.getSharpe()), interval(m.getSharpeCi()), m.getTrades(), m.getWins(), interval(m.getWinRateCi()),
                figure(m.getMaxDrawdown()), m.getLatencySamples(), m.getLatencyTotalMs(),
                new Significance(text(m.getSignificanceTest()), figure(m.getPValue()), m.getSignificanceSamples(),
                        m.getSignificanceResamples(), m.getSignificanceSeed()));
    }

    static memesnipe.v1.Figure figure(Figure f) {
        memesnipe.v1.Figure.Builder b = memesnipe.v1.Figure.newBuilder();
        if (f instanceof Figure.Value v) {
            return b.setValue(v.value()).build();
        }
        return f instanceof Figure.Unbounded u ? b.setUnbounded(u.why()).build()
                : b.setNotAvailable(((Figure.NotAvailable) f).why()).build();
    }

    static Figure figure(memesnipe.v1.Figure f) {
        return switch (f.getKindCase()) {
            case VALUE -> Figure.of(f.getValue());
            case UNBOUNDED -> Figure.unbounded(text(f.getUnbounded()));
            case NOT_AVAILABLE -> Figure.notAvailable(text(f.getNotAvailable()));
            case KIND_NOT_SET -> Figure.notAvailable("not given");
        };
    }

    static Interval interval(ConfidenceInterval ci) {
        return ci instanceof ConfidenceInterval.Range r
                ? Interval.newBuilder().setLow(r.low()).setHigh(r.high()).setUsed(r.used()).build()
                : Interval.newBuilder().setNotAvailable(((ConfidenceInterval.NotAvailable) ci).why()).build();
    }

    static ConfidenceInterval interval(Interval i) {
        return i.getNotAvailable().isEmpty() ? new ConfidenceInterval.Range(i.getLow(), i.getHigh(), i.getUsed())
                : new ConfidenceInterval.NotAvailable(text(i.getNotAvailable()));
    }

    /** A text of the caller's, escaped and cut before it is kept, shown or written to the ledger. */
    private static String text(String untrusted) {
        return memesnipe.model.text.Printable.of(untrusted, TEXT_MAX);
    }

    /** The longest text an evidence message may keep (reasons, the test's name). */
    static final int TEXT_MAX = 200;

    /** One strategy as ListStrategies shows it. */
    static StrategyView strategy(StrategyReport r) {
        StrategyView.Builder b = StrategyView.newBuilder().setStrategy(r.strategy()).setStage(r.stage().name())
                .setSinceMs(r.sinceMs()).setType(r.type().name()).setDemotions(r.demotions())
                .setAllocationE8(r.allocationE8()).setWhy(r.why()).setReviewedMs(r.reviewedMs());
        r.gates().forEach(g -> {
            GateView.Builder v = GateView.newBuilder().setGate(g.gate().name()).setOutcome(g.outcome().name())
                    .setFigure(figure(g.figure())).setThreshold(g.threshold())
                    .setComparison(g.gate().comparison().symbol(true)).setSamples(g.samples())
                    .setMinSamples(g.minSamples()).setSampleUnit(g.gate().sampleUnit()).setText(g.text());
            r.evidence().ifPresent(e -> {
                switch (g.gate()) {
                    case SHARPE -> v.setCi(interval(e.sharpeCi()));
                    case WIN_RATE -> v.setCi(interval(e.winRateCi()));
                    default -> { }
                }
            });
            b.addGates(v);
        });
        r.evidence().ifPresent(e -> b.setEvidence(toWire(e)));
        r.backtest().ifPresent(e -> b.setBacktest(toWire(e)));
        r.lastChange().ifPresent(c -> b.setLastChange(change(c)));
        return b.build();
    }

    static StageChangeView change(RecordedChange c) {
        return StageChangeView.newBuilder().setStrategy(c.strategy()).setFrom(c.from().name()).setTo(c.to().name())
                .setTimeMs(c.atMs()).addAllReasons(c.reasons()).setDemotions(c.demotions()).setText(c.text()).build();
    }
}
