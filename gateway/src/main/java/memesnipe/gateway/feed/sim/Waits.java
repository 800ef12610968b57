package memesnipe.gateway.feed.sim;

import java.util.SplittableRandom;

/** Random waiting times the simulators share. */
final class Waits {
    private Waits() {
    }

    /** An exponential wait (the time to the next event of a memoryless process) of the given mean, at least minMs. */
    static long exponential(SplittableRandom random, long meanMs, long minMs) {
        return Math.max(minMs, Math.round(-Math.log(1 - random.nextDouble()) * meanMs));
    }
}
