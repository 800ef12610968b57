package memesnipe.gateway.validation;

import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletTransfer;
import memesnipe.model.text.Identifiers;

/**
 * The per-kind range checks of a signal (the ranges memesnipe.v1's comments document); the symbol and the event
 * time are checked by {@link TickValidator} as for ticks; replay files check their signal rows with it when they are
 * read. Pure and stateless.
 */
public final class SignalChecks {
    static final long MAX_MENTIONS = 1_000_000_000L;
    static final long MIN_WINDOW_MS = 1_000;
    static final long MAX_WINDOW_MS = 86_400_000;
    static final long MIN_FUNDING_INTERVAL_MS = 60_000;
    static final int MAX_BPS = 10_000;

    private SignalChecks() {
    }

    /** The reason the signal's own fields are out of range, or null when they are fine. */
    public static RejectReason check(MarketSignal signal, LotExponents lots) {
        if (signal instanceof SocialMentions s) {
            return social(s);
        }
        if (signal instanceof WalletTransfer w) {
            return transfer(w);
        }
        if (signal instanceof BridgeFlow b) {
            return bridge(b);
        }
        if (signal instanceof PoolChange p) {
            return pool(p);
        }
        if (signal instanceof PerpFunding f) {
            return funding(f, lots);
        }
        if (signal instanceof TokenEvent e) {
            return tokenEvent(e);
        }
        return tokenRisk((TokenRisk) signal);
    }

    private static RejectReason social(SocialMentions s) {
        if (!name(s.source())) {
            return RejectReason.INVALID_LABEL;
        }
        if (s.mentions() < 0 || s.mentions() > MAX_MENTIONS) {
            return RejectReason.COUNT_OUT_OF_RANGE;
        }
        if (s.windowMs() < MIN_WINDOW_MS || s.windowMs() > MAX_WINDOW_MS) {
            return RejectReason.INTERVAL_OUT_OF_RANGE;
        }
        if (s.sentimentE4() < -10_000 || s.sentimentE4() > 10_000) {
            return RejectReason.SENTIMENT_OUT_OF_RANGE;
        }
        return null;
    }

    private static RejectReason transfer(WalletTransfer w) {
        if (!name(w.chain()) || w.from() == null || w.to() == null) {
            return RejectReason.INVALID_LABEL;
        }
        if (w.amountE8() <= 0) {
            return RejectReason.NON_POSITIVE_AMOUNT;
        }
        if (!share(w.supplyBps()) || !share(w.senderRemainingBps())) {
            return RejectReason.SHARE_OUT_OF_RANGE;
        }
        return null;
    }

    private static RejectReason bridge(BridgeFlow b) {
        if (!name(b.sourceChain()) || !name(b.destinationChain()) || !Identifiers.isSymbol(b.asset())) {
            return RejectReason.INVALID_LABEL;
        }
        if (b.sourceChain().equals(b.destinationChain())) {
            return RejectReason.SAME_CHAIN;
        }
        return b.usdE8() <= 0 ? RejectReason.NON_POSITIVE_AMOUNT : null;
    }

    private static RejectReason pool(PoolChange p) {
        if (!Identifiers.valid(Identifiers.EXTERNAL_ID, p.pool()) || !name(p.venue()) || p.lpLock() == null) {
            return RejectReason.INVALID_LABEL;
        }
        if (p.liquidityChangeE8() == 0) {
            return RejectReason.NON_POSITIVE_AMOUNT;
        }
        if (p.liquidityAfterE8() < 0 || (p.liquidityChangeE8() > 0 && p.liquidityAfterE8() < p.liquidityChangeE8())) {
            return RejectReason.INCONSISTENT_POOL;
        }
        return null;
    }

    private static RejectReason funding(PerpFunding f, LotExponents lots) {
        if (f.perpMarkE8() <= 0) {
            return RejectReason.NON_POSITIVE_AMOUNT;
        }
        if (f.lotExponent() != lots.of(f.symbol())) {
            return RejectReason.LOT_MISMATCH;
        }
        if (f.fundingRateE8() < -PerpFunding.MAX_ABS_RATE_E8 || f.fundingRateE8() > PerpFunding.MAX_ABS_RATE_E8) {
            return RejectReason.FUNDING_OUT_OF_RANGE;
        }
        if (f.fundingIntervalMs() < MIN_FUNDING_INTERVAL_MS || f.fundingIntervalMs() > MAX_WINDOW_MS) {
            return RejectReason.INTERVAL_OUT_OF_RANGE;
        }
        long untilFunding = f.nextFundingTimeMs() - f.eventTimeMs(); // both bounded by the time checks before
        return untilFunding <= 0 || untilFunding > f.fundingIntervalMs() ? RejectReason.BAD_SCHEDULE : null;
    }

    private static RejectReason tokenEvent(TokenEvent e) {
        if (e.eventKind() == null) {
            return RejectReason.INVALID_LABEL;
        }
        if (e.snapshotTimeMs() <= 0 || e.claimTimeMs() < e.snapshotTimeMs()
                || (e.eventKind() == TokenEventKind.AIRDROP_ANNOUNCED && e.snapshotTimeMs() <= e.eventTimeMs())) {
            return RejectReason.BAD_SCHEDULE;
        }
        return null;
    }

    private static RejectReason tokenRisk(TokenRisk r) {
        return share(r.top10HoldersBps()) && share(r.lpRemovedBps()) ? null : RejectReason.SHARE_OUT_OF_RANGE;
    }

    private static boolean name(String value) {
        return Identifiers.valid(Identifiers.NAME, value);
    }

    private static boolean share(int bps) {
        return bps >= 0 && bps <= MAX_BPS;
    }
}
