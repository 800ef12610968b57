package memesnipe.strategy.node;

import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.LpLock;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The strategy node reads every signal kind off the wire into the same record the gateway was given. */
class WireSignalTest {
    static final long T = 1_700_000_000_000L;

    private static MarketEvent.Builder event(String symbol) {
        return MarketEvent.newBuilder().setSeq(7).setStreamId("s").setSymbol(symbol).setEventTimeMs(T).setIngestTimeMs(T);
    }

    @Test
    void signal_ofEachKind_readsBackEveryField() {
        assertThat(Wire.signal(event("SOL").setSocialMentions(memesnipe.v1.SocialMentions.newBuilder().setMentions(42)
                .setWindowMs(60_000).setSentimentE4(-2_500).setSource("telegram")).build()))
                .isEqualTo(new SocialMentions("SOL", T, 42, 60_000, -2_500, "telegram"));
        assertThat(Wire.signal(event("BONK").setWalletTransfer(memesnipe.v1.WalletTransfer.newBuilder().setChain("solana")
                .setFrom(memesnipe.v1.WalletLabel.WALLET_DEV).setTo(memesnipe.v1.WalletLabel.WALLET_EXCHANGE)
                .setAmountE8(5).setSupplyBps(300).setSenderRemainingBps(20)).build()))
                .isEqualTo(new WalletTransfer("BONK", T, "solana", WalletLabel.DEV, WalletLabel.EXCHANGE, 5, 300, 20));
        assertThat(Wire.signal(event("SOL").setBridgeFlow(memesnipe.v1.BridgeFlow.newBuilder().setSourceChain("ethereum")
                .setDestinationChain("solana").setAsset("USDC").setUsdE8(9)).build()))
                .isEqualTo(new BridgeFlow("SOL", T, "ethereum", "solana", "USDC", 9));
        assertThat(Wire.signal(event("BONK").setPoolChange(memesnipe.v1.PoolChange.newBuilder().setPool("p1")
                .setVenue("raydium").setLiquidityChangeE8(-4).setLiquidityAfterE8(6)
                .setLpLock(memesnipe.v1.LpLock.LP_BURNED).setNewPool(true)).build()))
                .isEqualTo(new PoolChange("BONK", T, "p1", "raydium", -4, 6, LpLock.BURNED, true));
        assertThat(Wire.signal(event("PEPE").setLotExponent(9).setPerpFunding(memesnipe.v1.PerpFunding.newBuilder()
                .setPerpMarkE8(3_000_000).setFundingRateE8(-1_000).setNextFundingTimeMs(T + 1)
                .setFundingIntervalMs(28_800_000)).build()))
                .isEqualTo(new PerpFunding("PEPE", T, 3_000_000, 9, -1_000, T + 1, 28_800_000));
        assertThat(Wire.signal(event("JTO").setTokenEvent(memesnipe.v1.TokenEvent.newBuilder()
                .setKind(memesnipe.v1.TokenEventKind.AIRDROP_CLAIM_OPEN).setSnapshotTimeMs(T - 2).setClaimTimeMs(T))
                .build())).isEqualTo(new TokenEvent("JTO", T, TokenEventKind.AIRDROP_CLAIM_OPEN, T - 2, T));
        assertThat(Wire.signal(event("RUG").setTokenRisk(memesnipe.v1.TokenRisk.newBuilder().setMintAuthorityActive(true)
                .setTop10HoldersBps(8_000).setLpRemovedBps(100)).build()))
                .isEqualTo(new TokenRisk("RUG", T, true, 8_000, 100));
    }

    @Test
    void tick_carriesItsPriceLotAndTradedVolume() {
        memesnipe.strategy.core.Tick tick = Wire.tick(event("BONK").setPriceE8(2_000).setVolumeE8(3_000_000_000L)
                .setLotExponent(6).build(), memesnipe.model.regime.Regime.HIGH);
        assertThat(tick).isEqualTo(memesnipe.strategy.core.Tick.of("BONK", 2_000, 7, T, T, 6, 3_000_000_000L,
                memesnipe.model.regime.Regime.HIGH));
    }

    @Test
    void signal_ofATick_isNone_andUnspecifiedLabelsReadAsTheCautiousValue() {
        assertThat(Wire.signal(event("SOL").setPriceE8(100).build())).isNull();
        assertThat(Wire.signal(event("JTO").setTokenEvent(memesnipe.v1.TokenEvent.newBuilder().setSnapshotTimeMs(T))
                .build())).as("an unspecified token event kind cannot be acted on").isNull();
        PoolChange pool = (PoolChange) Wire.signal(event("BONK").setPoolChange(memesnipe.v1.PoolChange.newBuilder()
                .setPool("p1").setVenue("orca").setLiquidityChangeE8(1).setLiquidityAfterE8(1)).build());
        assertThat(pool.lpLock()).as("no lock state: the liquidity may be pulled").isEqualTo(LpLock.UNLOCKED);
        WalletTransfer w = (WalletTransfer) Wire.signal(event("BONK").setWalletTransfer(
                memesnipe.v1.WalletTransfer.newBuilder().setChain("solana").setAmountE8(1)).build());
        assertThat(w.from()).isEqualTo(WalletLabel.UNKNOWN);
    }
}
