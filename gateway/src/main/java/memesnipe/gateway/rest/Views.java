package memesnipe.gateway.rest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import memesnipe.model.money.Fixed;
import memesnipe.v1.BreakerEvent;
import memesnipe.v1.BreakerState;
import memesnipe.v1.Evidence;
import memesnipe.v1.Figure;
import memesnipe.v1.GateView;
import memesnipe.v1.Interval;
import memesnipe.v1.StageChangeView;
import memesnipe.v1.StrategyList;
import memesnipe.v1.StrategyView;
import memesnipe.v1.DecisionPage;
import memesnipe.v1.DecisionRecord;
import memesnipe.v1.FillPage;
import memesnipe.v1.FillRecord;
import memesnipe.v1.PositionList;
import memesnipe.v1.PositionView;

/**
 * The risk node's answers as the REST API's JSON (the shapes in openapi/memesnipe-api.json): money and quantities
 * as exact decimal strings (never floating point), times in ms, a page cursor of null at the oldest row.
 */
final class Views {
    private Views() {
    }

    static JsonObject positions(PositionList p) {
        JsonArray rows = new JsonArray();
        for (PositionView v : p.getPositionsList()) {
            boolean marked = v.getMarkPriceE8() > 0;
            rows.add(new JsonObject().put("strategy", v.getStrategy()).put("symbol", v.getSymbol())
                    .put("qty", Fixed.format(v.getQtyE8())).put("averagePrice", Fixed.format(v.getAveragePriceE8()))
                    .put("markPrice", marked ? Fixed.format(v.getMarkPriceE8()) : null)
                    .put("markTimeMs", marked ? v.getMarkTimeMs() : null)
                    .put("value", Fixed.format(v.getValueE8())).put("cost", Fixed.format(v.getCostE8()))
                    .put("unrealizedPnl", Fixed.format(v.getUnrealizedPnlE8())).put("lotExponent", v.getLotExponent()));
        }
        return new JsonObject().put("positions", rows).put("equity", Fixed.format(p.getEquityE8()))
                .put("cash", Fixed.format(p.getCashE8())).put("grossExposure", Fixed.format(p.getGrossExposureE8()))
                .put("asOfMs", p.getAsOfMs());
    }

    static JsonObject fills(FillPage page) {
        JsonArray rows = new JsonArray();
        for (FillRecord f : page.getFillsList()) {
            rows.add(new JsonObject().put("applied", f.getApplied()).put("clientOrderId", f.getClientOrderId())
                    .put("strategy", f.getStrategy()).put("symbol", f.getSymbol()).put("side", f.getSide().name())
                    .put("qty", Fixed.format(f.getQtyE8())).put("price", Fixed.format(f.getPriceE8()))
                    .put("fee", Fixed.format(f.getFeeE8())).put("fillTimeMs", f.getFillTimeMs())
                    .put("logId", f.getLogId()).put("seq", f.getSeq()).put("lotExponent", f.getLotExponent()));
        }
        return new JsonObject().put("fills", rows).put("nextBefore", cursor(page.getNextBefore()));
    }

    static JsonObject decisions(DecisionPage page) {
        JsonArray rows = new JsonArray();
        for (DecisionRecord d : page.getDecisionsList()) {
            rows.add(new JsonObject().put("recorded", d.getRecorded()).put("clientOrderId", d.getClientOrderId())
                    .put("caller", d.getCaller()).put("strategy", d.getStrategy()).put("symbol", d.getSymbol())
                    .put("purpose", d.getPurpose().name()).put("verdict", d.getVerdict().name())
                    .put("reason", d.getReason()).put("detail", d.getDetail())
                    .put("approvedQty", Fixed.format(d.getApprovedQtyE8()))
                    .put("approvedNotional", Fixed.format(d.getApprovedNotionalE8()))
                    .put("tier", d.getTier().name()).put("equity", Fixed.format(d.getEquityE8()))
                    .put("timeMs", d.getTimeMs()).put("outcome", d.getOutcome().isEmpty() ? null : d.getOutcome())
                    .put("lotExponent", d.getLotExponent()));
        }
        return new JsonObject().put("decisions", rows).put("nextBefore", cursor(page.getNextBefore()));
    }

    static JsonObject breaker(BreakerState b) {
        JsonArray history = new JsonArray();
        for (BreakerEvent e : b.getEventsList()) {
            history.add(new JsonObject().put("seq", e.getSeq()).put("from", e.getFrom().name()).put("to", e.getTo().name())
                    .put("reason", e.getReason()).put("drawdownPct", e.getDrawdownPct())
                    .put("dailyLossPct", e.getDailyLossPct()).put("equity", Fixed.format(e.getEquityE8()))
                    .put("peakEquity", Fixed.format(e.getPeakEquityE8())).put("timeMs", e.getTimeMs()));
        }
        return new JsonObject().put("tier", b.getTier().name()).put("reason", b.getReason())
                .put("sinceMs", b.getSinceMs()).put("drawdownPct", b.getDrawdownPct())
                .put("dailyLossPct", b.getDailyLossPct()).put("equity", Fixed.format(b.getEquityE8()))
                .put("peakEquity", Fixed.format(b.getPeakEquityE8())).put("sizeMultiplierPct", b.getSizeMultiplierPct())
                .put("suspendedStrategies", new JsonArray(b.getSuspendedStrategiesList()))
                .put("history", history).put("stageChanges", new JsonArray(b.getStageChangesList().stream()
                        .map(Views::change).toList()));
    }

    /** Every strategy in the promotion pipeline (see the Strategy schema): figures as numbers, money as strings. */
    static JsonObject strategies(StrategyList list) {
        JsonArray rows = new JsonArray();
        for (StrategyView v : list.getStrategiesList()) {
            JsonArray gates = new JsonArray();
            for (GateView g : v.getGatesList()) {
                gates.add(new JsonObject().put("gate", g.getGate()).put("outcome", g.getOutcome())
                        .put("figure", figure(g.getFigure())).put("threshold", g.getThreshold())
                        .put("comparison", g.getComparison()).put("samples", g.getSamples())
                        .put("minSamples", g.getMinSamples()).put("sampleUnit", g.getSampleUnit())
                        .put("ci", g.hasCi() ? interval(g.getCi()) : null).put("text", g.getText()));
            }
            rows.add(new JsonObject().put("strategy", v.getStrategy()).put("stage", v.getStage())
                    .put("sinceMs", v.getSinceMs()).put("type", v.getType()).put("demotions", v.getDemotions())
                    .put("allocation", Fixed.format(v.getAllocationE8())).put("gates", gates)
                    .put("evidence", v.hasEvidence() ? evidence(v.getEvidence()) : null)
                    .put("backtest", v.hasBacktest() ? evidence(v.getBacktest()) : null)
                    .put("lastChange", v.hasLastChange() ? change(v.getLastChange()) : null).put("why", v.getWhy())
                    .put("reviewedMs", v.getReviewedMs() == 0 ? null : v.getReviewedMs()));
        }
        return new JsonObject().put("promotion", list.getPromotion()).put("strategies", rows)
                .put("asOfMs", list.getAsOfMs());
    }

    private static JsonObject evidence(Evidence e) {
        return new JsonObject().put("fromMs", e.getFromMs()).put("toMs", e.getToMs()).put("samplingMs", e.getSamplingMs())
                .put("periods", e.getPeriods()).put("sharpe", figure(e.getSharpe()))
                .put("sharpeCi", interval(e.getSharpeCi())).put("trades", e.getTrades()).put("wins", e.getWins())
                .put("winRateCi", interval(e.getWinRateCi())).put("maxDrawdown", figure(e.getMaxDrawdown()))
                .put("latencySamples", e.getLatencySamples()).put("latencyTotalMs", e.getLatencyTotalMs())
                .put("significance", new JsonObject().put("test", e.getSignificanceTest())
                        .put("pValue", figure(e.getPValue())).put("samples", e.getSignificanceSamples())
                        .put("resamples", e.getSignificanceResamples()).put("seed", e.getSignificanceSeed()));
    }

    private static JsonObject figure(Figure f) {
        return switch (f.getKindCase()) {
            case VALUE -> new JsonObject().put("value", f.getValue()).put("unbounded", false).putNull("why");
            case UNBOUNDED -> new JsonObject().putNull("value").put("unbounded", true).put("why", f.getUnbounded());
            case NOT_AVAILABLE -> new JsonObject().putNull("value").put("unbounded", false)
                    .put("why", f.getNotAvailable());
            case KIND_NOT_SET -> new JsonObject().putNull("value").put("unbounded", false).put("why", "not given");
        };
    }

    private static JsonObject interval(Interval i) {
        boolean none = !i.getNotAvailable().isEmpty();
        return new JsonObject().put("low", none ? null : i.getLow()).put("high", none ? null : i.getHigh())
                .put("used", i.getUsed()).put("why", none ? i.getNotAvailable() : null);
    }

    private static JsonObject change(StageChangeView c) {
        return new JsonObject().put("strategy", c.getStrategy()).put("from", c.getFrom()).put("to", c.getTo())
                .put("timeMs", c.getTimeMs()).put("reasons", new JsonArray(c.getReasonsList()))
                .put("demotions", c.getDemotions()).put("text", c.getText());
    }

    private static Long cursor(long nextBefore) {
        return nextBefore == 0 ? null : nextBefore;
    }
}
