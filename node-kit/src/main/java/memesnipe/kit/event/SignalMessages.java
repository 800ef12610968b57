package memesnipe.kit.event;

import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.LpLock;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;
import memesnipe.v1.MarketEvent;

/**
 * Translates a non-price signal between its model record and memesnipe.v1.MarketEvent's {@code signal} oneof, both
 * ways: the one place for it (the gateway writes signals, the strategy node and the journal export read them).
 */
public final class SignalMessages {
    private SignalMessages() {
    }

    /** Writes a signal into a wire event's {@code signal} oneof (and its lot, for perp funding). */
    public static void write(MarketSignal signal, MarketEvent.Builder e) {
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

    /**
     * The non-price observation a wire event carries, or null for a price tick or a kind that cannot be read (an
     * unspecified token event kind). An unspecified wallet label reads as UNKNOWN and an unspecified LP lock as
     * UNLOCKED (the liquidity may be pulled).
     */
    public static MarketSignal read(MarketEvent e) {
        String symbol = e.getSymbol();
        long at = e.getEventTimeMs();
        return switch (e.getSignalCase()) {
            case SOCIAL_MENTIONS -> {
                var s = e.getSocialMentions();
                yield new SocialMentions(symbol, at, s.getMentions(), s.getWindowMs(), s.getSentimentE4(), s.getSource());
            }
            case WALLET_TRANSFER -> {
                var w = e.getWalletTransfer();
                yield new WalletTransfer(symbol, at, w.getChain(), label(w.getFrom()), label(w.getTo()), w.getAmountE8(),
                        w.getSupplyBps(), w.getSenderRemainingBps());
            }
            case BRIDGE_FLOW -> {
                var b = e.getBridgeFlow();
                yield new BridgeFlow(symbol, at, b.getSourceChain(), b.getDestinationChain(), b.getAsset(), b.getUsdE8());
            }
            case POOL_CHANGE -> {
                var p = e.getPoolChange();
                LpLock lock = switch (p.getLpLock()) {
                    case LP_LOCKED -> LpLock.LOCKED;
                    case LP_BURNED -> LpLock.BURNED;
                    default -> LpLock.UNLOCKED;
                };
                yield new PoolChange(symbol, at, p.getPool(), p.getVenue(), p.getLiquidityChangeE8(),
                        p.getLiquidityAfterE8(), lock, p.getNewPool());
            }
            case PERP_FUNDING -> {
                var f = e.getPerpFunding();
                yield new PerpFunding(symbol, at, f.getPerpMarkE8(), e.getLotExponent(), f.getFundingRateE8(),
                        f.getNextFundingTimeMs(), f.getFundingIntervalMs());
            }
            case TOKEN_EVENT -> {
                var t = e.getTokenEvent();
                TokenEventKind kind = switch (t.getKind()) {
                    case AIRDROP_ANNOUNCED -> TokenEventKind.AIRDROP_ANNOUNCED;
                    case AIRDROP_SNAPSHOT -> TokenEventKind.AIRDROP_SNAPSHOT;
                    case AIRDROP_CLAIM_OPEN -> TokenEventKind.AIRDROP_CLAIM_OPEN;
                    default -> null;
                };
                yield kind == null ? null : new TokenEvent(symbol, at, kind, t.getSnapshotTimeMs(), t.getClaimTimeMs());
            }
            case TOKEN_RISK -> {
                var r = e.getTokenRisk();
                yield new TokenRisk(symbol, at, r.getMintAuthorityActive(), r.getTop10HoldersBps(), r.getLpRemovedBps());
            }
            case SIGNAL_NOT_SET -> null;
        };
    }

    private static WalletLabel label(memesnipe.v1.WalletLabel label) {
        return switch (label) {
            case WALLET_DEV -> WalletLabel.DEV;
            case WALLET_EXCHANGE -> WalletLabel.EXCHANGE;
            case WALLET_POOL -> WalletLabel.POOL;
            case WALLET_BURN -> WalletLabel.BURN;
            default -> WalletLabel.UNKNOWN;
        };
    }
}
