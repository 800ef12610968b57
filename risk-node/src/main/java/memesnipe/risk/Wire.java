package memesnipe.risk;

import memesnipe.risk.breaker.CircuitBreaker;
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
