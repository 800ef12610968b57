package memesnipe.kit.testing;

import java.time.Duration;

/**
 * Waits for a condition with a bound, instead of sleeping a fixed time: the condition is polled (every 20 ms) until it
 * holds, and the wait fails naming what it waited for once the bound has passed.
 */
public final class Await {
    private static final long POLL_MS = 20;

    /** A condition that may fail while what it looks at is not up yet (the failure is kept as the timeout's cause). */
    public interface Check {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Returns once the condition holds; fails naming {@code what} after {@code timeout}. An exception from the
     * check counts as "not yet" (the last one is the failure's cause). */
    public static void until(String what, Duration timeout, Check condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what, last);
            }
            Thread.sleep(POLL_MS);
        }
    }
}
