package memesnipe.gateway;

import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletTransfer;
import memesnipe.v1.MarketEvent;

/** Writes a validated signal into a wire event's {@code signal} oneof: the gateway's one place for it. */
final class SignalWire {
    private SignalWire() {
    }

    static void write(MarketSignal signal, MarketEvent.Builder e) {
        if (signal instanceof SocialMentions s) {
            e.setSocialMentions(memesnipe.v1.SocialMentions.newBuilder().setMentions(s.mentions())
                    .setWindowMs(s.windowMs()).setSentimentE4(s.sentimentE4()).setSource(s.source()));
        } else if (signal instanceof WalletTransfer w) {
            e.setWalletTransfer(memesnipe.v1.WalletTransfer.newBuilder().setChain(w.chain())
                    .setFrom(memesnipe.v1.WalletLabel.valueOf("WALLET_" + w.from().name()))
                    .setTo(memesnipe.v1.WalletLabel.valueOf("WALLET_" + w.to().name()))
                    .setAmountE8(w.amountE8()).setSupplyBps(w.supplyBps()).setSenderRemainingBps(w.senderRemainingBps()));
        } else if (signal instanceof BridgeFlow b) {
            e.setBridgeFlow(memesnipe.v1.BridgeFlow.newBuilder().setSourceChain(b.sourceChain())
                    .setDestinationChain(b.destinationChain()).setAsset(b.asset()).setUsdE8(b.usdE8()));
        } else if (signal instanceof PoolChange p) {
            e.setPoolChange(memesnipe.v1.PoolChange.newBuilder().setPool(p.pool()).setVenue(p.venue())
                    .setLiquidityChangeE8(p.liquidityChangeE8()).setLiquidityAfterE8(p.liquidityAfterE8())
                    .setLpLock(memesnipe.v1.LpLock.valueOf("LP_" + p.lpLock().name())).setNewPool(p.newPool()));
        } else if (signal instanceof PerpFunding f) {
            e.setLotExponent(f.lotExponent());
            e.setPerpFunding(memesnipe.v1.PerpFunding.newBuilder().setPerpMarkE8(f.perpMarkE8())
                    .setFundingRateE8(f.fundingRateE8()).setNextFundingTimeMs(f.nextFundingTimeMs())
                    .setFundingIntervalMs(f.fundingIntervalMs()));
        } else if (signal instanceof TokenEvent t) {
            e.setTokenEvent(memesnipe.v1.TokenEvent.newBuilder()
                    .setKind(memesnipe.v1.TokenEventKind.valueOf(t.eventKind().name()))
                    .setSnapshotTimeMs(t.snapshotTimeMs()).setClaimTimeMs(t.claimTimeMs()));
        } else {
            TokenRisk r = (TokenRisk) signal;
            e.setTokenRisk(memesnipe.v1.TokenRisk.newBuilder().setMintAuthorityActive(r.mintAuthorityActive())
                    .setTop10HoldersBps(r.top10HoldersBps()).setLpRemovedBps(r.lpRemovedBps()));
        }
    }
}
