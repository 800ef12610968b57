package memesnipe.gateway.feed;

import memesnipe.gateway.validation.RejectReason;
import memesnipe.gateway.validation.TickValidator;
import memesnipe.gateway.validation.ValidationLimits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedFeedTest {
    static final long T0 = 1_700_000_000_000L;

    private static List<RawTick> run(long seed, double rate, double bad, int batches, int perBatch) {
        SimulatedFeed feed = new SimulatedFeed(seed, rate, bad);
        List<RawTick> all = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            all.addAll(feed.next(T0 + i * 5L, perBatch));
        }
        return all;
    }

    @Test
    void next_withSameSeed_producesTheSameTicks() {
        assertThat(run(42, 200, 0.01, 500, 3)).isEqualTo(run(42, 200, 0.01, 500, 3));
    }

    @Test
    void next_withAnotherSeed_producesOtherTicks() {
        assertThat(run(42, 200, 0.01, 100, 3)).isNotEqualTo(run(7, 200, 0.01, 100, 3));
    }

    @Test
    void next_returnsExactlyCountTicks_stampedWithNow() {
        List<RawTick> ticks = new SimulatedFeed(1, 200, 0).next(T0, 17);
        assertThat(ticks).hasSize(17).allMatch(t -> t.eventTimeMs() == T0);
        assertThat(new SimulatedFeed(1, 200, 0).next(T0, 0)).isEmpty();
    }

    @Test
    void defaultUniverse_hasFiveSymbolsWithRealisticLiquidity() {
        assertThat(SymbolSpec.defaults()).extracting(SymbolSpec::symbol).contains("SOL", "BONK", "WIF", "PEPE", "JUP");
        assertThat(SymbolSpec.defaults()).allMatch(s -> s.liquidityUsd() >= 50_000 && s.liquidityUsd() <= 2_000_000);
    }

    @Test
    void withoutBadTicks_everyTickPassesDefaultValidation() {
        TickValidator validator = new TickValidator(ValidationLimits.DEFAULTS);
        for (RawTick t : run(42, 200, 0, 20_000, 1)) {
            assertThat(validator.validate(t, t.eventTimeMs())).as("%s", t).isEmpty();
        }
    }

    @Test
    void withBadTickRatio_injectsEveryKindOfMalformedTick_atAboutThatRate() {
        TickValidator validator = new TickValidator(ValidationLimits.DEFAULTS);
        EnumSet<RejectReason> seen = EnumSet.noneOf(RejectReason.class);
        SimulatedFeed feed = new SimulatedFeed(42, 200, 0.05);
        for (int i = 0; i < 20_000; i++) {
            long now = T0 + i * 5L;
            for (RawTick t : feed.next(now, 1)) {
                validator.validate(t, now).ifPresent(seen::add);
            }
        }
        // every reason a tick can have (the later ones are for signals)
        assertThat(seen).containsExactlyInAnyOrderElementsOf(EnumSet.range(RejectReason.NON_FINITE_PRICE,
                RejectReason.INVALID_SYMBOL));
        double share = (double) validator.eventsRejected() / validator.eventsIn();
        assertThat(share).isBetween(0.04, 0.06);
    }

    @Test
    void walk_isLivelyWithinSeconds_forEverySymbol() {
        // 10 simulated seconds at 200 events/s: every symbol should move by more than 0.5 % high-to-low.
        Map<String, double[]> range = new HashMap<>();
        for (RawTick t : run(42, 200, 0, 2_000, 1)) {
            range.merge(t.symbol(), new double[] {t.price(), t.price()},
                    (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        assertThat(range).hasSize(5);
        range.forEach((symbol, r) -> assertThat((r[1] - r[0]) / r[0]).as(symbol).isGreaterThan(0.005));
    }

    @Test
    void walk_looksTheSameAtAHundredTimesTheRate() {
        // The same simulated span (10 s) at 20 000/s: moves stay in the same ballpark, no blow-up.
        Map<String, Optional<Double>> last = new HashMap<>();
        for (RawTick t : run(42, 20_000, 0, 2_000, 100)) {
            last.put(t.symbol(), Optional.of(t.price()));
        }
        for (SymbolSpec s : SymbolSpec.defaults()) {
            double ratio = last.get(s.symbol()).orElseThrow() / s.startPrice();
            assertThat(ratio).as(s.symbol()).isBetween(0.7, 1.4);
        }
    }
}
