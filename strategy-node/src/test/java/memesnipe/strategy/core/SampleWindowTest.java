package memesnipe.strategy.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SampleWindowTest {
    private double lastClose;

    @Test
    void meanAndStdev_afterManyLaps_matchANaiveRecomputation() {
        SampleWindow w = new SampleWindow(1_000, 50);
        ArrayDeque<Double> naive = new ArrayDeque<>();
        Random random = new Random(7);
        double price = 150.0;
        for (int sec = 0; sec < 1_000; sec++) {
            for (int k = 0; k < 3; k++) {
                price *= 1 + random.nextGaussian() * 0.001;
                w.add(sec * 1_000L + k * 300, price);
            }
            if (sec > 0) {
                naive.addLast(lastClose);
                if (naive.size() > 50) {
                    naive.removeFirst();
                }
            }
            lastClose = price;
        }
        double mean = naive.stream().mapToDouble(d -> d).average().orElseThrow();
        double var = naive.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / naive.size();
        assertThat(w.size()).isEqualTo(50);
        assertThat(w.mean()).isCloseTo(mean, within(1e-9));
        assertThat(w.stdev()).isCloseTo(Math.sqrt(var), within(1e-9));
        assertThat(w.ago(1)).isEqualTo(naive.peekLast());
        assertThat(w.ago(500)).isEqualTo(naive.peekFirst());
    }

    @Test
    void add_afterASilentGap_repeatsThePreviousClose() {
        SampleWindow w = new SampleWindow(1_000, 10);
        w.add(0, 1.0);
        w.add(3_500, 2.0); // seconds 1 and 2 had no tick
        assertThat(w.size()).isEqualTo(3);
        assertThat(w.ago(1)).isEqualTo(1.0);
        assertThat(w.ago(3)).isEqualTo(1.0);
        w.add(4_000, 3.0);
        assertThat(w.ago(1)).isEqualTo(2.0);
    }
}
