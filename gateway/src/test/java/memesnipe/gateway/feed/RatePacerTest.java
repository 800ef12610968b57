package memesnipe.gateway.feed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatePacerTest {
    static final long MS = 1_000_000L;

    private static long emitOverSeconds(long rate, int seconds, long stepNanos) {
        RatePacer pacer = new RatePacer(rate, 0);
        long total = 0;
        for (long t = stepNanos; t <= seconds * 1_000 * MS; t += stepNanos) {
            total += pacer.due(t);
        }
        return total;
    }

    @Test
    void due_at200PerSecond_emitsExactly200PerSecond() {
        assertThat(emitOverSeconds(200, 3, 5 * MS)).isEqualTo(600);
    }

    @Test
    void due_at20000PerSecond_emitsExactlyTheRate_evenWithOddTimerSteps() {
        assertThat(emitOverSeconds(20_000, 5, 5 * MS)).isEqualTo(100_000);
        RatePacer pacer = new RatePacer(20_000, 0);
        long total = 0;
        long[] steps = {3 * MS, 7 * MS, 11 * MS, 1 * MS};
        long t = 0;
        for (int i = 0; t < 4_000 * MS; i++) {
            t = Math.min(4_000 * MS, t + steps[i % steps.length]);
            total += pacer.due(t);
        }
        assertThat(total).isEqualTo(80_000);
    }

    @Test
    void due_afterALongStall_emitsAtMostOneSecondOfEvents() {
        RatePacer pacer = new RatePacer(1_000, 0);
        assertThat(pacer.due(10_000 * MS)).isEqualTo(1_000);
        assertThat(pacer.due(10_005 * MS)).isEqualTo(5);
    }

    @Test
    void due_atRateZero_emitsNothing() {
        assertThat(emitOverSeconds(0, 2, 5 * MS)).isZero();
    }
}
