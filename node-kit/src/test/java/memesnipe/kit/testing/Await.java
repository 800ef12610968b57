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

    /** What the failure message adds about the state of things when the bound has passed. */
    public interface Context {
        String describe() throws Exception;
    }

    private Await() {
    }

    /** Returns once the condition holds; fails naming {@code what} after {@code timeout}. An exception from the
     * check counts as "not yet" (the last one is the failure's cause). */
    public static void until(String what, Duration timeout, Check condition) throws InterruptedException {
        until(what, timeout, Duration.ofMillis(POLL_MS), condition, () -> "");
    }

    /**
     * As {@link #until(String, Duration, Check)}, polling every {@code poll} (for checks that are costly, such as
     * running a program), and adding {@code context} to the failure.
     */
    public static void until(String what, Duration timeout, Duration poll, Check condition, Context context)
            throws InterruptedException {
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
                String state;
                try {
                    state = context.describe();
                } catch (Exception e) {
                    state = "(state unknown: " + e + ")";
                }
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what
                        + (state.isEmpty() ? "" : "\n" + state), last);
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
