package memesnipe.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import memesnipe.kit.metrics.LogDrops;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CountingAsyncAppenderTest {
    /** A log reader that stalls until released (a blocked terminal or log shipper). */
    static final class StalledReader extends AppenderBase<ILoggingEvent> {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger written = new AtomicInteger();

        @Override
        protected void append(ILoggingEvent e) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            written.incrementAndGet();
        }
    }

    @Test
    void aStalledReader_neverBlocksTheLogger_andEveryDropIsCounted() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.start();
        StalledReader reader = new StalledReader();
        reader.setContext(context);
        reader.start();
        CountingAsyncAppender async = new CountingAsyncAppender();
        async.setContext(context);
        async.setQueueSize(16);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(reader);
        async.start();
        Logger log = context.getLogger("trading");
        log.setLevel(Level.INFO);
        log.addAppender(async);

        long before = LogDrops.total();
        long started = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            log.info("event {}", i);
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long dropped = LogDrops.total() - before;
        // the stalled writer holds what it took from the queue (at most 16) and the queue 16 more: the rest could not
        // be kept, and each of them is counted
        assertThat(tookMs).as("the logging thread was never held by the stalled reader").isLessThan(20_000);
        assertThat(dropped).isBetween(1_000L - 2 * 16 - 1, 1_000L - 16);
        reader.release.countDown();
        async.stop();
        assertThat(reader.written.get() + dropped).as("every event was written or counted as dropped")
                .isEqualTo(1_000);
        context.stop();
    }
}
