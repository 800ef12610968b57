package memesnipe.executor.fills;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.WriteStream;
import memesnipe.v1.Fill;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** The ring plus a "ledger" holding every fill ever, answering pages when asked (or failing on demand). */
    static final class Store implements FillWatcher.Source {
        final FillLog ring;
        final List<Fill> all = new ArrayList<>();
        boolean ledgerDown;
        int pages;

        Store(int ringSize) {
            ring = new FillLog(ringSize);
        }

        void add(int n) {
            for (int i = 0; i < n; i++) {
                Fill f = Fill.newBuilder().setSeq(all.size() + 1L).setClientOrderId("o" + all.size()).build();
                all.add(f);
                ring.append(f);
            }
        }

        @Override
        public long lastSeq() {
            return ring.lastSeq();
        }

        @Override
        public Fill recent(long seq) {
            return ring.get(seq);
        }

        @Override
        public Future<List<Fill>> page(long afterSeq, int max) {
            pages++;
            if (ledgerDown) {
                return Future.failedFuture("ledger down");
            }
            return Future.succeededFuture(List.copyOf(all.subList((int) afterSeq, (int) Math.min(all.size(), afterSeq + max))));
        }
    }

    final List<Runnable> retries = new ArrayList<>();

    FillWatcher watcher(Store store, SlowStream out, long after, java.util.function.Consumer<FillWatcher> onClose) {
        return new FillWatcher(store, out, after, onClose, (ms, task) -> retries.add(task));
    }

    static Store storeWith(int n) {
        Store s = new Store(100);
        s.add(n);
        return s;
    }

    @Test
    void fillLog_numbersFromOne_withoutGaps_andKeepsOnlyTheNewest() {
        FillLog log = new FillLog(3);
        for (int i = 1; i <= 5; i++) {
            log.append(Fill.newBuilder().setSeq(i).build());
        }
        assertThat(log.lastSeq()).isEqualTo(5);
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.get(2)).isNull();
        assertThat(List.of(log.get(3).getSeq(), log.get(4).getSeq(), log.get(5).getSeq())).containsExactly(3L, 4L, 5L);
        assertThat(log.get(6)).isNull();
        assertThatThrownBy(() -> log.append(Fill.newBuilder().setSeq(7).build())).hasMessageContaining("does not follow 5");
    }

    @Test
    void fillLog_resetFromTheLedger_continuesAtItsLastSeq() {
        FillLog log = new FillLog(2);
        log.reset(10, List.of(Fill.newBuilder().setSeq(8).build(), Fill.newBuilder().setSeq(9).build(),
                Fill.newBuilder().setSeq(10).build()));
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.get(9).getSeq()).isEqualTo(9);
        log.append(Fill.newBuilder().setSeq(11).build());
        assertThat(log.lastSeq()).isEqualTo(11);
        log.reset(0, List.of());
        assertThat(log.lastSeq()).isZero();
        assertThat(log.get(1)).isNull();
    }

    @Test
    void watcher_startsAfterRequestedSeq() {
        Store store = storeWith(5);
        SlowStream out = new SlowStream(100);
        watcher(store, out, 2, w -> { }).pump();
        assertThat(out.written).containsExactly(3L, 4L, 5L);
    }

    @Test
    void fullQueue_pausesAndResumesOnDrain_withoutLosingFills() {
        Store store = storeWith(5);
        SlowStream out = new SlowStream(2);
        FillWatcher watcher = watcher(store, out, 0, w -> { });
        watcher.pump();
        assertThat(out.written).containsExactly(1L, 2L);
        store.add(1);
        watcher.pump(); // still full: nothing more written
        assertThat(out.written).containsExactly(1L, 2L);
        out.drainAll();
        assertThat(out.written).containsExactly(1L, 2L, 3L, 4L);
        out.drainAll();
        assertThat(out.written).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(watcher.position()).isEqualTo(6);
    }

    @Test
    void fillsNoLongerInMemory_arePagedFromTheLedger_inOrder_thenTheRingTakesOver() {
        Store store = new Store(3);
        store.add(1_200);
        SlowStream out = new SlowStream(10_000);
        watcher(store, out, 0, w -> { }).pump();
        assertThat(out.written).hasSize(1_200);
        for (int i = 0; i < 1_200; i++) {
            assertThat(out.written.get(i)).isEqualTo(i + 1L);
        }
        assertThat(store.pages).isEqualTo(3); // 500 + 500 + 197, then the ring's last 3
    }

    @Test
    void ledgerUnreachable_whilePaging_retriesTheSamePositionLater_neverSkips() {
        Store store = new Store(2);
        store.add(10);
        store.ledgerDown = true;
        SlowStream out = new SlowStream(100);
        FillWatcher watcher = watcher(store, out, 3, w -> { });
        watcher.pump();
        assertThat(out.written).isEmpty();
        assertThat(retries).hasSize(1);
        store.ledgerDown = false;
        retries.remove(0).run();
        assertThat(out.written).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void closedWatcher_writesNothingMore_andReportsOnce() {
        Store store = storeWith(1);
        SlowStream out = new SlowStream(100);
        List<FillWatcher> closed = new ArrayList<>();
        FillWatcher watcher = watcher(store, out, 0, closed::add);
        watcher.close();
        watcher.close();
        watcher.pump();
        assertThat(out.written).isEmpty();
        assertThat(closed).containsExactly(watcher);
    }

    @Test
    void streamThatThrowsOnWrite_closesTheWatcher_insteadOfFailingTheCaller() {
        Store store = storeWith(2);
        SlowStream out = new SlowStream(100);
        out.reset = true;
        List<FillWatcher> closed = new ArrayList<>();
        FillWatcher watcher = watcher(store, out, 0, closed::add);
        watcher.pump();
        assertThat(closed).containsExactly(watcher);
    }
}
