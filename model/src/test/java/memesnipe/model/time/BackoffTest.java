package memesnipe.model.time;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    @Test
    void delays_doubleFromTheInitialWait_upToTheMaximum_andStayThere() {
        Backoff b = new Backoff(200, 3_000);
        assertThat(new long[]{b.delayMs(1), b.delayMs(2), b.delayMs(3), b.delayMs(4), b.delayMs(5), b.delayMs(6)})
                .containsExactly(200, 400, 800, 1_600, 3_000, 3_000);
        assertThat(b.delayMs(0)).isEqualTo(200);
        assertThat(b.delayMs(Integer.MAX_VALUE)).isEqualTo(3_000); // never overflows into a negative wait
        assertThat(new Backoff(1, Long.MAX_VALUE).delayMs(64)).isEqualTo(Long.MAX_VALUE);
        assertThat(new Backoff(3, Long.MAX_VALUE).delayMs(62)).isEqualTo(3L << 61);
        assertThat(new Backoff(3, Long.MAX_VALUE).delayMs(63)).isEqualTo(Long.MAX_VALUE);
        assertThat(new Backoff(5, Long.MAX_VALUE).delayMs(62)).isEqualTo(Long.MAX_VALUE); // 5 x 2^61 would overflow
    }

    @Test
    void aBackoffThatCouldNotWait_isRefused() {
        assertThatThrownBy(() -> new Backoff(0, 10)).hasMessageContaining("1 <= initialMs <= maxMs");
        assertThatThrownBy(() -> new Backoff(10, 5)).hasMessageContaining("1 <= initialMs <= maxMs");
    }
}
