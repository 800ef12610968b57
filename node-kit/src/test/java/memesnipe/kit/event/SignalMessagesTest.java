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
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every signal kind written into the wire event and read back is the same record; a tick reads as no signal. */
class SignalMessagesTest {
    static final long T = 1_700_000_000_000L;

    @Test
    void everyKind_writtenThenRead_isTheSameRecord() {
        List<MarketSignal> signals = List.of(
                new SocialMentions("SOL", T, 42, 60_000, -2_500, "telegram"),
                new WalletTransfer("BONK", T, "solana", WalletLabel.DEV, WalletLabel.BURN, 7, 8, 9),
                new BridgeFlow("SOL", T, "ethereum", "solana", "USDC", 10),
                new PoolChange("WIF", T, "pool-1", "raydium", -11, 12, LpLock.BURNED, true),
                new PerpFunding("PEPE", T, 13, 6, -14, T + 15, 60_000),
                new TokenEvent("JTO", T, TokenEventKind.AIRDROP_CLAIM_OPEN, T - 2, T - 1),
                new TokenRisk("RUG", T, true, 16, 17));
        for (MarketSignal s : signals) {
            MarketEvent.Builder e = MarketEvent.newBuilder().setSymbol(s.symbol()).setEventTimeMs(s.eventTimeMs());
            SignalMessages.write(s, e);
            assertThat(SignalMessages.read(e.build())).isEqualTo(s);
        }
    }

    @Test
    void aPriceTick_orAnUnspecifiedTokenEventKind_readsAsNoSignal() {
        assertThat(SignalMessages.read(MarketEvent.newBuilder().setSymbol("SOL").setPriceE8(1).build())).isNull();
        assertThat(SignalMessages.read(MarketEvent.newBuilder().setSymbol("JTO")
                .setTokenEvent(memesnipe.v1.TokenEvent.newBuilder().setSnapshotTimeMs(T)).build())).isNull();
    }
}
