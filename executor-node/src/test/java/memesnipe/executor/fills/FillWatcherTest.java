package memesnipe.executor.fills;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.WriteStream;
import memesnipe.v1.Fill;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FillWatcherTest {
    /** A write stream whose queue holds `capacity` fills until the test drains it. */
    static final class SlowStream implements WriteStream<Fill> {
        final List<Long> written = new ArrayList<>();
        int capacity;
        int queued;
        boolean reset;
        Handler<Void> drain;

        SlowStream(int capacity) {
            this.capacity = capacity;
        }

        void drainAll() {
            queued = 0;
            Handler<Void> h = drain;
            drain = null;
            if (h != null) {
                h.handle(null);
            }
        }

        @Override
        public Future<Void> write(Fill data) {
            if (reset) {
                throw new IllegalStateException("stream reset");
            }
            written.add(data.getSeq());
            queued++;
            return Future.succeededFuture();
        }

        @Override
        public boolean writeQueueFull() {
            return queued >= capacity;
        }

        @Override
        public WriteStream<Fill> drainHandler(Handler<Void> handler) {
            drain = handler;
            return this;
        }

        @Override
        public WriteStream<Fill> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> end() {
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Fill> setWriteQueueMaxSize(int maxSize) {
            return this;
        }
    }

    static FillLog logWith(int n) {
        FillLog log = new FillLog();
        for (int i = 0; i < n; i++) {
            log.append(Fill.newBuilder().setClientOrderId("o" + i));
        }
        return log;
    }

    @Test
    void fillLog_numbersFromOne_withoutGaps() {
        FillLog log = logWith(3);
        assertThat(log.lastSeq()).isEqualTo(3);
        assertThat(List.of(log.get(1).getSeq(), log.get(2).getSeq(), log.get(3).getSeq())).containsExactly(1L, 2L, 3L);
    }

    @Test
    void watcher_startsAfterRequestedSeq() {
        FillLog log = logWith(5);
        SlowStream out = new SlowStream(100);
        new FillWatcher(log, out, 2, w -> { }).pump();
        assertThat(out.written).containsExactly(3L, 4L, 5L);
    }

    @Test
    void fullQueue_pausesAndResumesOnDrain_withoutLosingFills() {
        FillLog log = logWith(5);
        SlowStream out = new SlowStream(2);
        FillWatcher watcher = new FillWatcher(log, out, 0, w -> { });
        watcher.pump();
        assertThat(out.written).containsExactly(1L, 2L);
        log.append(Fill.newBuilder().setClientOrderId("live"));
        watcher.pump(); // still full: nothing more written
        assertThat(out.written).containsExactly(1L, 2L);
        out.drainAll();
        assertThat(out.written).containsExactly(1L, 2L, 3L, 4L);
        out.drainAll();
        assertThat(out.written).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(watcher.position()).isEqualTo(6);
    }

    @Test
    void closedWatcher_writesNothingMore_andReportsOnce() {
        FillLog log = logWith(1);
        SlowStream out = new SlowStream(100);
        List<FillWatcher> closed = new ArrayList<>();
        FillWatcher watcher = new FillWatcher(log, out, 0, closed::add);
        watcher.close();
        watcher.close();
        watcher.pump();
        assertThat(out.written).isEmpty();
        assertThat(closed).containsExactly(watcher);
    }

    @Test
    void streamThatThrowsOnWrite_closesTheWatcher_insteadOfFailingTheCaller() {
        FillLog log = logWith(2);
        SlowStream out = new SlowStream(100);
        out.reset = true;
        List<FillWatcher> closed = new ArrayList<>();
        FillWatcher watcher = new FillWatcher(log, out, 0, closed::add);
        watcher.pump();
        assertThat(closed).containsExactly(watcher);
    }
}
