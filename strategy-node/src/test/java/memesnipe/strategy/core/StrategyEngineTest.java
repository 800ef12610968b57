package memesnipe.strategy.core;

import memesnipe.model.money.Fixed;
import memesnipe.v1.OrderIntent;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StrategyEngineTest {
    private static final String STREAM = "3f2a9c1b-77aa-4c1e-9d0b-5f8e2a1c0d9e";
    private static final long NOTIONAL = Fixed.parse("200");

    /** Rise then fall at one tick per second: one momentum entry, then its exit. */
    private static List<OrderIntent> run(StrategyEngine engine) {
        List<OrderIntent> out = new ArrayList<>();
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
        List<OrderIntent> first = run(momentumOnly());
        List<OrderIntent> second = run(momentumOnly());
        assertThat(first).hasSize(2);
        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(OrderIntent::getClientOrderId)
                .allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9._:-]{1,64}"))
                .doesNotHaveDuplicates();
        assertThat(first.get(0).getClientOrderId())
                .matches("momentum\\.5m-SOL-" + first.get(0).getDecisionSeq() + "-[0-9a-v]{13}");
    }

    @Test
    void clientOrderIds_underAnotherProcessKey_cannotBeDerivedFromTheSignal() {
        byte[] otherKey = new byte[StrategyEngine.ID_KEY_BYTES];
        new java.security.SecureRandom().nextBytes(otherKey);
        List<OrderIntent> ours = run(momentumOnly());
        List<OrderIntent> theirs = run(momentumOnly(otherKey));
        for (int i = 0; i < ours.size(); i++) {
            String a = ours.get(i).getClientOrderId();
            String b = theirs.get(i).getClientOrderId();
            assertThat(b).isNotEqualTo(a);
            assertThat(b.substring(0, b.lastIndexOf('-'))).as("readable prefix").isEqualTo(a.substring(0, a.lastIndexOf('-')));
        }
        StrategyEngine engine = momentumOnly();
        assertThat(engine.clientOrderId("momentum_5m", "SOL", STREAM, 7))
                .as("another gateway stream, same seq: another id")
                .isNotEqualTo(engine.clientOrderId("momentum_5m", "SOL", "another-stream", 7));
    }

    @Test
    void onTick_entrySignal_becomesBuyEntryForTheConfiguredNotional() {
        OrderIntent entry = run(momentumOnly()).get(0);
        assertThat(entry.getPurpose()).isEqualTo(OrderPurpose.ENTRY);
        assertThat(entry.getSide()).isEqualTo(Side.BUY);
        assertThat(entry.getNotionalE8()).isEqualTo(200_00000000L);
        assertThat(entry.getStrategy()).isEqualTo("momentum_5m");
        assertThat(entry.getSymbol()).isEqualTo("SOL");
        assertThat(entry.getDecisionPriceE8()).isPositive();
        assertThat(entry.getDecisionIngestTimeMs()).isEqualTo(Feed.T0 + entry.getDecisionSeq() * 1_000 + 2);
        assertThat(entry.getStopLossBps()).isEqualTo(300);
        assertThat(entry.getTakeProfitBps()).isEqualTo(600);
        assertThat(entry.getTrailingStopBps()).isEqualTo(200);
    }

    @Test
    void onTick_exitSignal_becomesSellExitWithZeroNotional() {
        OrderIntent exit = run(momentumOnly()).get(1);
        assertThat(exit.getPurpose()).isEqualTo(OrderPurpose.EXIT);
        assertThat(exit.getSide()).isEqualTo(Side.SELL);
        assertThat(exit.getNotionalE8()).isZero();
        assertThat(exit.getStopLossBps()).isZero();
    }

    @Test
    void clientOrderId_withLongOrOddInputs_staysWithin64AllowedChars() {
        String id = momentumOnly().clientOrderId("a_very_long_strategy_name_indeed", "WEIRD/SYMBOL_NAME_LONG",
                "stream with spaces", -1L);
        assertThat(id).matches("[A-Za-z0-9._:-]{1,64}").hasSize(64);
        assertThat(id).startsWith("a.very.long.stra-WEIRD.SYMBOL-18446744073709551615-");
    }

    @Test
    void onTick_flatMarketThroughBothStrategies_yieldsNoIntents() {
        StrategyEngine engine = new StrategyEngine(List.of(new Momentum5m(), new MeanRevert1h()), NOTIONAL, KEY);
        List<OrderIntent> out = new ArrayList<>();
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
        List<OrderIntent> out = new ArrayList<>();
        double p = 100.0;
        for (long seq = 1; seq <= 30; seq++) {
            p *= 1.002;
            long t = Feed.T0 + seq * 1_000;
            if (seq == 15) {
                engine.onEntryRejected("momentum_5m", "SOL");
            }
            out.addAll(engine.onTick(STREAM, Tick.of("SOL", Fixed.fromDouble(p), seq, t, t)));
        }
        assertThat(out).extracting(OrderIntent::getPurpose).containsExactly(OrderPurpose.ENTRY, OrderPurpose.ENTRY);
    }
}
