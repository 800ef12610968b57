package memesnipe.strategy.core;

import memesnipe.model.money.Fixed;
import memesnipe.model.Intent;
import memesnipe.model.Purpose;
import memesnipe.model.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StrategyEngineTest {
    private static final String STREAM = "3f2a9c1b-77aa-4c1e-9d0b-5f8e2a1c0d9e";
    private static final long NOTIONAL = Fixed.parse("200");

    /** Rise then fall at one tick per second: one momentum entry, then its exit. */
    private static List<Intent> run(StrategyEngine engine) {
        List<Intent> out = new ArrayList<>();
        double p = 100.0;
        long seq = 0;
        for (int i = 0; i < 60; i++) {
            p *= i < 20 ? 1.0 : i < 40 ? 1.001 : 0.998;
            seq++;
            long t = Feed.T0 + seq * 1_000;
            out.addAll(engine.onTick(STREAM, Tick.of("SOL", Fixed.fromDouble(p), seq, t, t + 2)));
        }
        return out;
    }

    private static final byte[] KEY = "a fixed id key for these tests!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static StrategyEngine momentumOnly() {
        return momentumOnly(KEY);
    }

    private static StrategyEngine momentumOnly(byte[] key) {
        return new StrategyEngine(List.of(new Momentum5m()), NOTIONAL, key);
    }

    @Test
    void onTick_sameTicksTwiceUnderTheSameKey_yieldsTheSameClientOrderIds() {
        List<Intent> first = run(momentumOnly());
        List<Intent> second = run(momentumOnly());
        assertThat(first).hasSize(2);
        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(Intent::clientOrderId)
                .allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9._:-]{1,64}"))
                .doesNotHaveDuplicates();
        assertThat(first.get(0).clientOrderId())
                .matches("momentum\\.5m-SOL-" + first.get(0).decisionSeq() + "-[0-9a-v]{13}");
    }

    @Test
    void clientOrderIds_underAnotherProcessKey_cannotBeDerivedFromTheSignal() {
        byte[] otherKey = new byte[StrategyEngine.ID_KEY_BYTES];
        new java.security.SecureRandom().nextBytes(otherKey);
        List<Intent> ours = run(momentumOnly());
        List<Intent> theirs = run(momentumOnly(otherKey));
        for (int i = 0; i < ours.size(); i++) {
            String a = ours.get(i).clientOrderId();
            String b = theirs.get(i).clientOrderId();
            assertThat(b).isNotEqualTo(a);
            assertThat(b.substring(0, b.lastIndexOf('-'))).as("readable prefix").isEqualTo(a.substring(0, a.lastIndexOf('-')));
        }
        StrategyEngine engine = momentumOnly();
        assertThat(engine.clientOrderId("momentum_5m", "SOL", STREAM, 7, Purpose.ENTRY))
                .as("another gateway stream, same seq: another id")
                .isNotEqualTo(engine.clientOrderId("momentum_5m", "SOL", "another-stream", 7, Purpose.ENTRY));
        assertThat(engine.clientOrderId("momentum_5m", "SOL", STREAM, 7, Purpose.ENTRY))
                .as("an exit decided on the entry's event is another order")
                .isNotEqualTo(engine.clientOrderId("momentum_5m", "SOL", STREAM, 7, Purpose.EXIT))
                .isEqualTo(engine.clientOrderId("momentum_5m", "SOL", STREAM, 7, Purpose.ENTRY));
    }

    @Test
    void onTick_entrySignal_becomesBuyEntryForTheConfiguredNotional() {
        Intent entry = run(momentumOnly()).get(0);
        assertThat(entry.purpose()).isEqualTo(Purpose.ENTRY);
        assertThat(entry.side()).isEqualTo(Side.BUY);
        assertThat(entry.notionalE8()).isEqualTo(200_00000000L);
        assertThat(entry.strategy()).isEqualTo("momentum_5m");
        assertThat(entry.symbol()).isEqualTo("SOL");
        assertThat(entry.decisionPriceE8()).isPositive();
        assertThat(entry.decisionIngestTimeMs()).isEqualTo(Feed.T0 + entry.decisionSeq() * 1_000 + 2);
        assertThat(entry.stopLossBps()).isEqualTo(300);
        assertThat(entry.takeProfitBps()).isEqualTo(600);
        assertThat(entry.trailingStopBps()).isEqualTo(200);
    }

    @Test
    void onTick_exitSignal_becomesSellExitWithZeroNotional() {
        Intent exit = run(momentumOnly()).get(1);
        assertThat(exit.purpose()).isEqualTo(Purpose.EXIT);
        assertThat(exit.side()).isEqualTo(Side.SELL);
        assertThat(exit.notionalE8()).isZero();
        assertThat(exit.stopLossBps()).isZero();
    }

    @Test
    void clientOrderId_withLongOrOddInputs_staysWithin64AllowedChars() {
        String id = momentumOnly().clientOrderId("a_very_long_strategy_name_indeed", "WEIRD/SYMBOL_NAME_LONG",
                "stream with spaces", -1L, Purpose.EXIT);
        assertThat(id).matches("[A-Za-z0-9._:-]{1,64}").hasSize(64);
        assertThat(id).startsWith("a.very.long.stra-WEIRD.SYMBOL-18446744073709551615-");
    }

    @Test
    void onTick_flatMarketThroughBothStrategies_yieldsNoIntents() {
        StrategyEngine engine = new StrategyEngine(List.of(new Momentum5m(), new MeanRevert1h()), NOTIONAL, KEY);
        List<Intent> out = new ArrayList<>();
        for (long seq = 1; seq <= 6_000; seq++) {
            long t = Feed.T0 + seq * 100;
            for (String symbol : List.of("SOL", "ETH")) {
                out.addAll(engine.onTick(STREAM, Tick.of(symbol, 123_45000000L, seq, t, t)));
            }
        }
        assertThat(out).isEmpty();
    }

    @Test
    void onEntryRejected_reArmsTheStrategyThatEmittedIt() {
        StrategyEngine engine = momentumOnly();
        List<Intent> out = new ArrayList<>();
        double p = 100.0;
        for (long seq = 1; seq <= 30; seq++) {
            p *= 1.002;
            long t = Feed.T0 + seq * 1_000;
            if (seq == 15) {
                engine.onEntryRejected("momentum_5m", "SOL");
            }
            out.addAll(engine.onTick(STREAM, Tick.of("SOL", Fixed.fromDouble(p), seq, t, t)));
        }
        assertThat(out).extracting(Intent::purpose).containsExactly(Purpose.ENTRY, Purpose.ENTRY);
    }
}
