package memesnipe.strategy.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EthBreakoutMomentumTest {
    static final long T0 = 1_700_000_000_000L; // a whole minute
    static final long STEP = 10_000;
    private final Tape tape = new Tape(new EthBreakoutMomentum());
    private long now = T0;

    /** Ticks every 10 s for the given minutes at 3,000 in even minutes and 3,003 in odd ones, 10 units each. */
    private void range(Tape t, String symbol, int minutes) {
        for (int i = 0; i < minutes * 6; i++) {
            t.tick(symbol, (i / 6) % 2 == 0 ? 3_000 : 3_003, 10, now);
            now += STEP;
        }
    }

    /** Ticks every 10 s for the given minutes at one price, 10 units each. */
    private void hold(double price, int minutes) {
        for (int i = 0; i < minutes * 6; i++) {
            tape.tick("ETH", price, 10, now);
            now += STEP;
        }
    }

    private long tick(double price, double volume) {
        long seq = tape.tick("ETH", price, volume, now);
        now += STEP;
        return seq;
    }

    @Test
    void aBreakAboveThe30SampleHigh_onRisingVolume_entersWithTheDefaultExits() {
        range(tape, "ETH", 35);
        long seq = tick(3_010, 100); // the last minute: 100 + 5 x 10 = 150 >= 1.5 x 60
        assertThat(tape.signals).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.ENTER_LONG);
            assertThat(s.symbol()).isEqualTo("ETH");
            assertThat(s.seq()).isEqualTo(seq);
            assertThat(s.stopLossBps()).isEqualTo(300);
            assertThat(s.takeProfitBps()).isZero();
            assertThat(s.trailingStopBps()).isEqualTo(150);
            assertThat(s.reason()).isEqualTo("price 3010.00000000 > 30-sample high 3003.00000000, volume 2.50x the usual"
                    + " over 60 s");
        });
    }

    @Test
    void aBreakOnUsualVolume_entersNothing_untilTheVolumeConfirms() {
        range(tape, "ETH", 35);
        tick(3_010, 10);
        tick(3_011, 10);
        assertThat(tape.signals).isEmpty();
        tick(3_012, 50); // 50 + 5 x 10 = 100 >= 90
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
    }

    @Test
    void aPriceAtTheHigh_isNoBreak() {
        range(tape, "ETH", 35);
        tick(3_003, 500);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void withFewerThan30Samples_aBreakEntersNothing() {
        range(tape, "ETH", 29);
        tick(3_050, 500);
        assertThat(tape.signals).isEmpty();
    }

    @Test
    void otherSymbolsAreIgnored_andTheSymbolIsAParameter() {
        range(tape, "BTC", 35);
        tape.tick("BTC", 3_050, 500, now);
        assertThat(tape.signals).isEmpty();

        Tape btc = new Tape(new EthBreakoutMomentum(new EthBreakoutMomentum.Params("BTC", 60_000, 30, 15, 60_000,
                3_600_000, 1.5, 1_800_000, 60_000, new ExitBps(300, 0, 150))));
        now = T0;
        range(btc, "BTC", 35);
        btc.tick("BTC", 3_050, 500, now);
        assertThat(btc.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
    }

    @Test
    void whenLong_exitsOnAPriceBelowThe15SampleLow() {
        range(tape, "ETH", 35);
        tick(3_010, 100);
        hold(3_010, 5);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
        tick(3_000, 10); // the low of the last 15 closes is 3,000: not below
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
        long seq = tick(2_999, 10);
        assertThat(tape.signals).last().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.EXIT_LONG);
            assertThat(s.seq()).isEqualTo(seq);
            assertThat(s.reason()).isEqualTo("price 2999.00000000 < 15-sample low 3000.00000000");
        });
    }

    @Test
    void aCollapseRightAfterTheEntry_exitsAtOnce_withoutWaitingForTheCoolDown() {
        range(tape, "ETH", 35);
        tick(3_010, 100);
        tick(2_990, 10); // 10 s later
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
    }

    @Test
    void whenLong_exitsOnTheFirstTickAtTheHoldTime() {
        range(tape, "ETH", 35);
        long entryAt = now;
        tick(3_010, 100);
        hold(3_010, 29);
        while (now < entryAt + 1_800_000) {
            tick(3_010, 10);
        }
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG);
        tick(3_010, 10);
        assertThat(tape.kinds()).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        assertThat(tape.signals.get(1).reason()).isEqualTo("time stop: held 1800 s >= 1800 s");
    }

    @Test
    void onRejected_theStrategyIsFlat_andEntersTheNextBreakAfterTheCoolDown() {
        EthBreakoutMomentum strategy = new EthBreakoutMomentum();
        Tape t = new Tape(strategy);
        range(t, "ETH", 35);
        t.tick("ETH", 3_010, 100, now);
        strategy.onRejected("ETH");
        t.tick("ETH", 3_011, 100, now + 30_000); // cooling down
        t.tick("ETH", 3_012, 100, now + 60_000);
        assertThat(t.kinds()).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.ENTER_LONG);
    }
}
