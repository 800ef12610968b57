package memesnipe.strategy.node;

import memesnipe.model.Intent;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
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
import memesnipe.model.regime.Regime;
import memesnipe.strategy.core.Tick;
import memesnipe.v1.MarketEvent;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;

/** Translates between the memesnipe.v1 protobuf messages and the strategy core's domain types: the node's one place. */
final class Wire {
    private Wire() {
    }

    /** The event as a strategy tick in the given volatility regime. */
    static Tick tick(MarketEvent e, Regime regime) {
        return Tick.of(e.getSymbol(), e.getPriceE8(), e.getSeq(), e.getEventTimeMs(), e.getIngestTimeMs(),
                e.getLotExponent(), e.getVolumeE8(), regime);
    }

    /**
     * The non-price observation a wire event carries, or null for a price tick or a kind this node cannot read (an
     * unspecified token event kind). Labels the gateway validated; an unspecified wallet label reads as UNKNOWN and an
     * unspecified LP lock as UNLOCKED (the liquidity may be pulled).
     */
    static MarketSignal signal(MarketEvent e) {
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

    static OrderIntent intent(Intent i) {
        return OrderIntent.newBuilder()
                .setClientOrderId(i.clientOrderId())
                .setStrategy(i.strategy())
                .setSymbol(i.symbol())
                .setSide(i.side() == Side.BUY ? memesnipe.v1.Side.BUY : memesnipe.v1.Side.SELL)
                .setPurpose(i.purpose() == Purpose.ENTRY ? OrderPurpose.ENTRY : OrderPurpose.EXIT)
                .setNotionalE8(i.notionalE8())
                .setDecisionPriceE8(i.decisionPriceE8())
                .setLotExponent(i.lotExponent())
                .setDecisionSeq(i.decisionSeq())
                .setDecisionIngestTimeMs(i.decisionIngestTimeMs())
                .setStopLossBps(i.stopLossBps())
                .setTakeProfitBps(i.takeProfitBps())
                .setTrailingStopBps(i.trailingStopBps())
                .build();
    }
}
