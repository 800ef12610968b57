package memesnipe.bench;

import memesnipe.model.money.Fixed;

import java.util.SplittableRandom;

/**
 * A fixed, repeatable price path for the benchmarks: 4,096 prices around 100 USD (a slow swing of +-1 % and noise of
 * a few bps), so that no validation deviation, stop-loss or take-profit is hit and a loop over them never jumps.
 */
final class Prices {
    static final int SIZE = 4_096;
    static final int MASK = SIZE - 1;
    static final double[] UNIT = new double[SIZE];
    static final long[] E8 = new long[SIZE];

    static {
        SplittableRandom rnd = new SplittableRandom(20240601);
        for (int i = 0; i < SIZE; i++) {
            double swing = Math.sin(2 * Math.PI * i / SIZE * 8); // eight swings per lap: the ends meet
            UNIT[i] = 100 * (1 + 0.01 * swing + 0.0003 * (rnd.nextDouble() - 0.5));
            E8[i] = Fixed.fromDouble(UNIT[i]);
        }
    }

    private Prices() {
    }
}
