package memesnipe.risk;

import memesnipe.risk.breaker.CircuitBreaker;
import memesnipe.risk.ledger.LedgerViews;
import memesnipe.model.Tier;
import memesnipe.risk.breaker.Transition;
import memesnipe.model.Decision;
import memesnipe.model.FillEvent;
import memesnipe.model.Intent;
import memesnipe.model.OrderRequest;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.BreakerEvent;
import memesnipe.v1.BreakerState;
import memesnipe.v1.BreakerTier;
import memesnipe.v1.DenyReason;
import memesnipe.v1.Fill;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.RiskDecision;
import memesnipe.v1.Verdict;

import java.util.List;

/** Translates between the memesnipe.v1 protobuf messages and the risk core's domain types. */
final class Wire {
    private Wire() {
    }

    static Intent intent(OrderIntent m) {
        return new Intent(m.getClientOrderId(), m.getStrategy(), m.getSymbol(), side(m.getSide()), purpose(m.getPurpose()),
                m.getNotionalE8(), m.getDecisionPriceE8(), m.getDecisionSeq(), m.getDecisionIngestTimeMs(),
                m.getStopLossBps(), m.getTakeProfitBps(), m.getTrailingStopBps(), m.getLotExponent());
    }

    static RiskDecision decision(Decision d) {
        return RiskDecision.newBuilder()
                .setClientOrderId(d.clientOrderId())
                .setVerdict(Verdict.valueOf(d.verdict().name()))
                .setReason(d.reason() == memesnipe.model.DenyReason.NONE ? DenyReason.REASON_NONE
                        : DenyReason.valueOf(d.reason().name()))
                .setDetail(d.detail())
                .setApprovedNotionalE8(d.approvedNotionalE8())
                .setApprovedQtyE8(d.approvedQtyE8())
                .setTier(tier(d.tier()))
                .setEquityE8(d.equityE8())
                .setStrategyExposureE8(d.strategyExposureE8())
                .setLotExponent(d.order().map(OrderRequest::lotExponent).orElse(0))
                .build();
    }

    static ApprovedOrder order(OrderRequest o, String venue) {
        return ApprovedOrder.newBuilder()
                .setClientOrderId(o.clientOrderId())
                .setStrategy(o.strategy())
                .setSymbol(o.symbol())
                .setSide(o.side() == Side.BUY ? memesnipe.v1.Side.BUY : memesnipe.v1.Side.SELL)
                .setPurpose(o.purpose() == Purpose.ENTRY ? OrderPurpose.ENTRY : OrderPurpose.EXIT)
                .setQtyE8(o.qtyE8())
                .setReferencePriceE8(o.referencePriceE8())
                .setVenue(venue)
                .setDecisionSeq(o.decisionSeq())
                .setDecisionIngestTimeMs(o.decisionIngestTimeMs())
                .setApprovedTimeMs(o.approvedTimeMs())
                .setLotExponent(o.lotExponent())
                .build();
    }

    /** The token-risk fact a market event carries (its signal must be token_risk). */
    static memesnipe.model.event.TokenRisk tokenRisk(memesnipe.v1.MarketEvent e) {
        return (memesnipe.model.event.TokenRisk) memesnipe.kit.event.SignalMessages.read(e);
    }

    static FillEvent fill(Fill f) {
        return new FillEvent(f.getLogId(), f.getSeq(), f.getClientOrderId(), f.getStrategy(), f.getSymbol(),
                f.getSide() == memesnipe.v1.Side.BUY ? Side.BUY : Side.SELL, f.getQtyE8(), f.getPriceE8(), f.getFeeE8(),
                f.getFillTimeMs(), f.getLotExponent());
    }

    static BreakerTier tier(Tier t) {
        return BreakerTier.valueOf(t.name());
    }

    static BreakerEvent event(Transition t) {
        return BreakerEvent.newBuilder()
                .setSeq(t.seq())
                .setFrom(tier(t.from()))
                .setTo(tier(t.to()))
                .setReason(t.reason())
                .setDrawdownPct(pct(t.drawdownBps()))
                .setDailyLossPct(pct(t.dailyLossBps()))
                .setEquityE8(t.equityE8())
                .setPeakEquityE8(t.peakE8())
                .setTimeMs(t.timeMs())
                .build();
    }

    static BreakerState breaker(CircuitBreaker b, long equityE8, List<Transition> recent) {
        BreakerState.Builder s = BreakerState.newBuilder()
                .setTier(tier(b.tier()))
                .setReason(b.reason())
                .setSinceMs(b.sinceMs())
                .setDrawdownPct(pct(b.drawdownBps()))
                .setDailyLossPct(pct(b.dailyLossBps()))
                .setEquityE8(equityE8)
                .setPeakEquityE8(b.peakE8())
                .setSizeMultiplierPct(b.sizeMultiplierPct())
                .addAllSuspendedStrategies(b.suspendedStrategies().stream().sorted().toList());
        recent.forEach(t -> s.addEvents(event(t)));
        return s.build();
    }

    /** The open positions at their marks (the cost while unmarked), ordered by strategy then symbol. */
    static memesnipe.v1.PositionList positions(memesnipe.risk.portfolio.Portfolio p, long equityE8, long nowMs) {
        memesnipe.v1.PositionList.Builder b = memesnipe.v1.PositionList.newBuilder().setEquityE8(equityE8)
                .setCashE8(p.cashE8()).setGrossExposureE8(p.grossExposureE8()).setAsOfMs(nowMs);
        p.positions().stream()
                .sorted(java.util.Comparator.comparing(memesnipe.risk.portfolio.Position::strategy)
                        .thenComparing(memesnipe.risk.portfolio.Position::symbol))
                .forEach(pos -> {
                    memesnipe.risk.portfolio.Portfolio.Mark mark = p.markOf(pos.symbol());
                    long value = p.valueE8(pos);
                    b.addPositions(memesnipe.v1.PositionView.newBuilder().setStrategy(pos.strategy())
                            .setSymbol(pos.symbol()).setQtyE8(pos.qtyE8()).setAveragePriceE8(pos.averagePriceE8())
                            .setMarkPriceE8(mark == null ? 0 : mark.priceE8())
                            .setMarkTimeMs(mark == null ? 0 : mark.timeMs()).setValueE8(value)
                            .setCostE8(pos.costE8())
                            .setUnrealizedPnlE8(memesnipe.model.money.Fixed.sub(value, pos.costE8()))
                            .setLotExponent(pos.lotExponent()));
                });
        return b.build();
    }

    static memesnipe.v1.FillPage fills(LedgerViews.Page<LedgerViews.FillRow> page) {
        memesnipe.v1.FillPage.Builder b = memesnipe.v1.FillPage.newBuilder().setNextBefore(page.nextBefore());
        for (LedgerViews.FillRow f : page.rows()) {
            b.addFills(memesnipe.v1.FillRecord.newBuilder().setApplied(f.applied()).setClientOrderId(f.clientOrderId())
                    .setStrategy(f.strategy()).setSymbol(f.symbol()).setSide(memesnipe.v1.Side.valueOf(f.side()))
                    .setQtyE8(f.qtyE8()).setPriceE8(f.priceE8()).setFeeE8(f.feeE8()).setFillTimeMs(f.fillTimeMs())
                    .setLogId(f.logId()).setSeq(f.seq()).setLotExponent(f.lotExponent()));
        }
        return b.build();
    }

    static memesnipe.v1.DecisionPage decisions(LedgerViews.Page<LedgerViews.DecisionRow> page) {
        memesnipe.v1.DecisionPage.Builder b = memesnipe.v1.DecisionPage.newBuilder().setNextBefore(page.nextBefore());
        for (LedgerViews.DecisionRow d : page.rows()) {
            b.addDecisions(memesnipe.v1.DecisionRecord.newBuilder().setRecorded(d.recorded())
                    .setClientOrderId(d.clientOrderId()).setCaller(d.caller()).setStrategy(d.strategy())
                    .setSymbol(d.symbol()).setPurpose(OrderPurpose.valueOf(d.purpose()))
                    .setVerdict(Verdict.valueOf(d.verdict())).setReason(d.reason()).setDetail(d.detail())
                    .setApprovedQtyE8(d.approvedQtyE8()).setApprovedNotionalE8(d.approvedNotionalE8())
                    .setTier(BreakerTier.valueOf(d.tier())).setEquityE8(d.equityE8()).setTimeMs(d.timeMs())
                    .setOutcome(d.outcome()).setLotExponent(d.lotExponent()));
        }
        return b.build();
    }

    static String pct(int bps) {
        return memesnipe.model.money.Bps.pct(bps);
    }

    private static Side side(memesnipe.v1.Side s) {
        return switch (s) {
            case BUY -> Side.BUY;
            case SELL -> Side.SELL;
            default -> null;
        };
    }

    private static Purpose purpose(OrderPurpose p) {
        return switch (p) {
            case ENTRY -> Purpose.ENTRY;
            case EXIT -> Purpose.EXIT;
            default -> null;
        };
    }
}
