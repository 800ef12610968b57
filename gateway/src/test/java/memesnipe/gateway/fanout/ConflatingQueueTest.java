package memesnipe.gateway.fanout;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConflatingQueueTest {
    /** A test item: symbol and sequence number. */
    record Ev(String symbol, int seq) {
    }

    private static ConflatingQueue<Ev> queue(int capacity) {
        return new ConflatingQueue<>(capacity, Ev::symbol);
    }

    private static List<Ev> drain(ConflatingQueue<Ev> q) {
        List<Ev> out = new ArrayList<>();
        for (Ev e = q.poll(); e != null; e = q.poll()) {
            out.add(e);
        }
        return out;
    }

    @Test
    void offer_distinctSymbols_leaveInFifoOrder() {
        ConflatingQueue<Ev> q = queue(8);
        q.offer(new Ev("SOL", 1));
        q.offer(new Ev("WIF", 2));
        q.offer(new Ev("JUP", 3));
        assertThat(drain(q)).extracting(Ev::seq).containsExactly(1, 2, 3);
        assertThat(q.conflated()).isZero();
        assertThat(q.dropped()).isZero();
    }

    @Test
    void offer_sameSymbolPending_newestReplacesOlder_andMovesToTail() {
        ConflatingQueue<Ev> q = queue(8);
        assertThat(q.offer(new Ev("SOL", 1))).isEqualTo(ConflatingQueue.Outcome.QUEUED);
        q.offer(new Ev("WIF", 2));
        assertThat(q.offer(new Ev("SOL", 3))).isEqualTo(ConflatingQueue.Outcome.CONFLATED);
        // Delivery stays in sequence order, so a subscriber never sees seq go backwards.
        assertThat(drain(q)).containsExactly(new Ev("WIF", 2), new Ev("SOL", 3));
        assertThat(q.conflated()).isEqualTo(1);
    }

    @Test
    void offer_whenFullOfDistinctSymbols_dropsTheOldest_andCountsIt() {
        ConflatingQueue<Ev> q = queue(2);
        q.offer(new Ev("SOL", 1));
        q.offer(new Ev("WIF", 2));
        assertThat(q.offer(new Ev("JUP", 3))).isEqualTo(ConflatingQueue.Outcome.DROPPED_OLDEST);
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.dropped()).isEqualTo(1);
        assertThat(drain(q)).extracting(Ev::seq).containsExactly(2, 3);
    }

    @Test
    void offer_whenFull_conflationOfPendingSymbolDropsNothing() {
        ConflatingQueue<Ev> q = queue(2);
        q.offer(new Ev("SOL", 1));
        q.offer(new Ev("WIF", 2));
        assertThat(q.offer(new Ev("SOL", 3))).isEqualTo(ConflatingQueue.Outcome.CONFLATED);
        assertThat(q.dropped()).isZero();
        assertThat(drain(q)).extracting(Ev::seq).containsExactly(2, 3);
    }

    @Test
    void offer_manyEvents_neverExceedsTheBound_andEveryLossIsCounted() {
        ConflatingQueue<Ev> q = queue(3);
        for (int i = 0; i < 1_000; i++) {
            q.offer(new Ev("S" + (i % 7), i));
            assertThat(q.size()).isLessThanOrEqualTo(3);
        }
        assertThat(q.conflated() + q.dropped() + q.size()).isEqualTo(1_000);
    }

    @Test
    void poll_onEmptyQueue_returnsNull() {
        assertThat(queue(1).poll()).isNull();
        assertThat(queue(1).isEmpty()).isTrue();
    }

    @Test
    void constructor_rejectsZeroCapacity() {
        assertThatThrownBy(() -> queue(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
