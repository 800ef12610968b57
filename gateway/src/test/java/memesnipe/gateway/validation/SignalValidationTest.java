package memesnipe.gateway.validation;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SignalValidationTest {
    static final long NOW = 1_700_000_000_000L;
    static final RejectReason OK = null;
    static final long HOUR = 3_600_000;

    static SocialMentions social(long mentions, long windowMs, int sentimentE4, String source) {
        return new SocialMentions("BONK", NOW, mentions, windowMs, sentimentE4, source);
    }

    static WalletTransfer transfer(String chain, WalletLabel from, long amountE8, int supplyBps, int remainingBps) {
        return new WalletTransfer("BONK", NOW, chain, from, WalletLabel.EXCHANGE, amountE8, supplyBps, remainingBps);
    }

    static BridgeFlow bridge(String from, String to, String asset, long usdE8) {
        return new BridgeFlow("SOL", NOW, from, to, asset, usdE8);
    }

    static PoolChange pool(String id, String venue, long changeE8, long afterE8, LpLock lock) {
        return new PoolChange("BONK", NOW, id, venue, changeE8, afterE8, lock, false);
    }

    static PerpFunding funding(long markE8, int lot, long rateE8, long nextMs, long intervalMs) {
        return new PerpFunding("SOL", NOW, markE8, lot, rateE8, nextMs, intervalMs);
    }

    static TokenEvent token(TokenEventKind kind, long snapshotMs, long claimMs) {
        return new TokenEvent("JTO", NOW, kind, snapshotMs, claimMs);
    }

    static TokenRisk risk(int top10Bps, int lpRemovedBps) {
        return new TokenRisk("RUG", NOW, true, top10Bps, lpRemovedBps);
    }

    static Stream<Arguments> signals() {
        long e8 = 100_000_000L;
        return Stream.of(
                // social mentions
                arguments("social: valid", social(120, 60_000, 4_000, "x"), OK),
                arguments("social: no mentions is a valid count", social(0, 60_000, 0, "x"), OK),
                arguments("social: negative mentions", social(-1, 60_000, 0, "x"), RejectReason.COUNT_OUT_OF_RANGE),
                arguments("social: mentions at 10^9", social(1_000_000_000L, 60_000, 0, "x"), OK),
                arguments("social: mentions above 10^9", social(1_000_000_001L, 60_000, 0, "x"),
                        RejectReason.COUNT_OUT_OF_RANGE),
                arguments("social: window just below 1 s", social(1, 999, 0, "x"), RejectReason.INTERVAL_OUT_OF_RANGE),
                arguments("social: window of 1 s", social(1, 1_000, 0, "x"), OK),
                arguments("social: window above a day", social(1, 86_400_001, 0, "x"), RejectReason.INTERVAL_OUT_OF_RANGE),
                arguments("social: sentiment at +1", social(1, 60_000, 10_000, "x"), OK),
                arguments("social: sentiment above +1", social(1, 60_000, 10_001, "x"), RejectReason.SENTIMENT_OUT_OF_RANGE),
                arguments("social: sentiment below -1", social(1, 60_000, -10_001, "x"), RejectReason.SENTIMENT_OUT_OF_RANGE),
                arguments("social: source with a control character", social(1, 60_000, 0, "x\nERROR forged"),
                        RejectReason.INVALID_LABEL),
                arguments("social: empty source", social(1, 60_000, 0, ""), RejectReason.INVALID_LABEL),
                // wallet transfers
                arguments("wallet: valid", transfer("solana", WalletLabel.DEV, 5 * e8, 250, 1_000), OK),
                arguments("wallet: zero amount", transfer("solana", WalletLabel.DEV, 0, 250, 1_000),
                        RejectReason.NON_POSITIVE_AMOUNT),
                arguments("wallet: supply share above 100 %", transfer("solana", WalletLabel.DEV, e8, 10_001, 0),
                        RejectReason.SHARE_OUT_OF_RANGE),
                arguments("wallet: negative remaining share", transfer("solana", WalletLabel.DEV, e8, 10, -1),
                        RejectReason.SHARE_OUT_OF_RANGE),
                arguments("wallet: no sender label", transfer("solana", null, e8, 10, 0), RejectReason.INVALID_LABEL),
                arguments("wallet: upper-case chain", transfer("Solana", WalletLabel.DEV, e8, 10, 0),
                        RejectReason.INVALID_LABEL),
                // bridge flows
                arguments("bridge: valid", bridge("ethereum", "solana", "USDC", 2_000_000 * e8), OK),
                arguments("bridge: same chain", bridge("solana", "solana", "USDC", e8), RejectReason.SAME_CHAIN),
                arguments("bridge: zero value", bridge("ethereum", "solana", "USDC", 0), RejectReason.NON_POSITIVE_AMOUNT),
                arguments("bridge: asset not a symbol", bridge("ethereum", "solana", "US DC", e8), RejectReason.INVALID_LABEL),
                // pool changes
                arguments("pool: liquidity added", pool("Pool1.abc", "raydium", 50_000 * e8, 80_000 * e8, LpLock.BURNED), OK),
                arguments("pool: liquidity removed to zero", pool("p1", "raydium", -80_000 * e8, 0, LpLock.UNLOCKED), OK),
                arguments("pool: no change", pool("p1", "raydium", 0, e8, LpLock.LOCKED), RejectReason.NON_POSITIVE_AMOUNT),
                arguments("pool: negative liquidity after", pool("p1", "raydium", -e8, -1, LpLock.LOCKED),
                        RejectReason.INCONSISTENT_POOL),
                arguments("pool: less after than was just added", pool("p1", "raydium", 2 * e8, e8, LpLock.LOCKED),
                        RejectReason.INCONSISTENT_POOL),
                arguments("pool: no lock state", pool("p1", "raydium", e8, e8, null), RejectReason.INVALID_LABEL),
                arguments("pool: pool id with a space", pool("p 1", "raydium", e8, e8, LpLock.LOCKED),
                        RejectReason.INVALID_LABEL),
                // perp funding
                arguments("funding: valid", funding(150 * e8, 0, 10_000, NOW + HOUR, 8 * HOUR), OK),
                arguments("funding: zero mark", funding(0, 0, 10_000, NOW + HOUR, 8 * HOUR), RejectReason.NON_POSITIVE_AMOUNT),
                arguments("funding: lot other than the gateway's", funding(150 * e8, 3, 10_000, NOW + HOUR, 8 * HOUR),
                        RejectReason.LOT_MISMATCH),
                arguments("funding: rate at +5 %", funding(150 * e8, 0, 5_000_000, NOW + HOUR, 8 * HOUR), OK),
                arguments("funding: rate above +5 %", funding(150 * e8, 0, 5_000_001, NOW + HOUR, 8 * HOUR),
                        RejectReason.FUNDING_OUT_OF_RANGE),
                arguments("funding: rate below -5 %", funding(150 * e8, 0, -5_000_001, NOW + HOUR, 8 * HOUR),
                        RejectReason.FUNDING_OUT_OF_RANGE),
                arguments("funding: interval below a minute", funding(150 * e8, 0, 0, NOW + 1, 59_999),
                        RejectReason.INTERVAL_OUT_OF_RANGE),
                arguments("funding: next funding in the past", funding(150 * e8, 0, 0, NOW, 8 * HOUR),
                        RejectReason.BAD_SCHEDULE),
                arguments("funding: next funding exactly one interval away", funding(150 * e8, 0, 0, NOW + 8 * HOUR,
                        8 * HOUR), OK),
                arguments("funding: next funding beyond one interval", funding(150 * e8, 0, 0, NOW + 8 * HOUR + 1,
                        8 * HOUR), RejectReason.BAD_SCHEDULE),
                // token events
                arguments("token: announcement of a later snapshot", token(TokenEventKind.AIRDROP_ANNOUNCED, NOW + HOUR,
                        NOW + 2 * HOUR), OK),
                arguments("token: announcement of a past snapshot", token(TokenEventKind.AIRDROP_ANNOUNCED, NOW, NOW + HOUR),
                        RejectReason.BAD_SCHEDULE),
                arguments("token: claim before snapshot", token(TokenEventKind.AIRDROP_SNAPSHOT, NOW, NOW - 1),
                        RejectReason.BAD_SCHEDULE),
                arguments("token: snapshot at its own time", token(TokenEventKind.AIRDROP_SNAPSHOT, NOW, NOW), OK),
                arguments("token: no kind", token(null, NOW + HOUR, NOW + HOUR), RejectReason.INVALID_LABEL),
                // token risk
                arguments("risk: valid", risk(6_500, 9_000), OK),
                arguments("risk: concentration above 100 %", risk(10_001, 0), RejectReason.SHARE_OUT_OF_RANGE),
                arguments("risk: negative LP removal", risk(0, -1), RejectReason.SHARE_OUT_OF_RANGE),
                // checks every kind shares with ticks
                arguments("any: stale", new TokenRisk("RUG", NOW - 501, false, 0, 0), RejectReason.STALE),
                arguments("any: from the future", new TokenRisk("RUG", NOW + 101, false, 0, 0),
                        RejectReason.FUTURE_TIMESTAMP),
                arguments("any: bad symbol", new TokenRisk("R\u0000UG", NOW, false, 0, 0), RejectReason.INVALID_SYMBOL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void validate_signal_appliesEachKindsRulesAtItsThresholds(String scenario, MarketSignal signal,
                                                              RejectReason expected) {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS, new LotExponents(Map.of()));
        assertThat(v.validate(signal, NOW)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void validate_signals_areCountedWithTicksPerReason() {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS);
        v.validate(social(1, 60_000, 0, "x"), NOW);
        v.validate(social(-1, 60_000, 0, "x"), NOW);
        v.validate(bridge("solana", "solana", "USDC", 1), NOW);
        assertThat(v.eventsIn()).isEqualTo(3);
        assertThat(v.eventsAccepted()).isEqualTo(1);
        assertThat(v.rejected(RejectReason.COUNT_OUT_OF_RANGE)).isEqualTo(1);
        assertThat(v.rejected(RejectReason.SAME_CHAIN)).isEqualTo(1);
    }

    @Test
    void validate_perpMark_mustBePricedPerTheSymbolsLot() {
        TickValidator v = new TickValidator(ValidationLimits.DEFAULTS, new LotExponents(Map.of("PEPE", 9)));
        PerpFunding perLot = new PerpFunding("PEPE", NOW, 3_000_000, 9, 0, NOW + HOUR, 8 * HOUR);
        PerpFunding perUnit = new PerpFunding("PEPE", NOW, 3_000_000, 0, 0, NOW + HOUR, 8 * HOUR);
        assertThat(v.validate(perLot, NOW)).isEmpty();
        assertThat(v.validate(perUnit, NOW)).contains(RejectReason.LOT_MISMATCH);
    }
}
