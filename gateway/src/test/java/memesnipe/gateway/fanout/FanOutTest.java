package memesnipe.gateway.fanout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.WriteStream;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FanOutTest {
    /** A write stream whose "network" accepts up to {@code room} messages until told to drain. */
    static class FakeStream implements WriteStream<MarketEvent> {
        final List<MarketEvent> written = new ArrayList<>();
        int room;
        Handler<Void> drain;

        FakeStream(int room) {
            this.room = room;
        }

        void drainAll() {
            room = Integer.MAX_VALUE;
            drain.handle(null);
        }

        @Override
        public Future<Void> write(MarketEvent e) {
            written.add(e);
            room--;
            return Future.succeededFuture();
        }

        @Override
        public boolean writeQueueFull() {
            return room <= 0;
        }

        @Override
        public WriteStream<MarketEvent> drainHandler(Handler<Void> handler) {
            this.drain = handler;
            return this;
        }

        @Override
        public WriteStream<MarketEvent> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> end() {
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<MarketEvent> setWriteQueueMaxSize(int maxSize) {
            return this;
        }
    }

    private static MarketEvent event(long seq, String symbol) {
        return MarketEvent.newBuilder().setSeq(seq).setSymbol(symbol).setPriceE8(100).build();
    }

    private static final String[] SYMBOLS = {"SOL", "BONK", "WIF", "PEPE", "JUP"};

    @Test
    void publish_stuckSubscriber_doesNotReduceWhatAFastOneGets_andItsLossesAreCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FanOut fanOut = new FanOut(1024, registry);
        FakeStream fast = new FakeStream(Integer.MAX_VALUE);
        FakeStream stuck = new FakeStream(10);
        fanOut.add("fast", Set.of(), fast);
        FanOut.Subscriber slow = fanOut.add("stuck", Set.of(), stuck);
        for (int i = 1; i <= 10_000; i++) {
            fanOut.publish(event(i, SYMBOLS[i % SYMBOLS.length]));
        }
        assertThat(fast.written).hasSize(10_000);
        assertThat(stuck.written).hasSize(10);
        assertThat(slow.pending()).isEqualTo(5);
        assertThat(fanOut.drops()).isEqualTo(10_000 - 10 - 5);
        assertThat(registry.get("memesnipe_gateway_subscriber_drops").tag("subscriber", "stuck").counter().count())
                .isEqualTo(10_000 - 10 - 5);
        assertThat(registry.find("memesnipe_gateway_subscriber_drops").tag("subscriber", "fast").counter().count())
                .isZero();
    }

    @Test
    void drain_flushesTheNewestPricePerSymbol_inSequenceOrder() {
        FanOut fanOut = new FanOut(1024, new SimpleMeterRegistry());
        FakeStream stream = new FakeStream(1);
        fanOut.add("s", Set.of(), stream);
        fanOut.publish(event(1, "SOL"));
        fanOut.publish(event(2, "SOL"));
        fanOut.publish(event(3, "WIF"));
        fanOut.publish(event(4, "SOL"));
        stream.drainAll();
        assertThat(stream.written).extracting(MarketEvent::getSeq).containsExactly(1L, 3L, 4L);
    }

    @Test
    void publish_withSymbolFilter_deliversOnlyThoseSymbols() {
        FanOut fanOut = new FanOut(1024, new SimpleMeterRegistry());
        FakeStream stream = new FakeStream(Integer.MAX_VALUE);
        fanOut.add("s", Set.of("WIF"), stream);
        for (int i = 1; i <= 10; i++) {
            fanOut.publish(event(i, SYMBOLS[i % SYMBOLS.length]));
        }
        assertThat(stream.written).extracting(MarketEvent::getSymbol).containsOnly("WIF").hasSize(2);
    }

    private static MarketEvent social(long seq, String symbol) {
        return MarketEvent.newBuilder().setSeq(seq).setSymbol(symbol).setSocialMentions(
                memesnipe.v1.SocialMentions.newBuilder().setMentions(seq).setWindowMs(60_000).setSource("x")).build();
    }

    @Test
    void publish_signals_reachOnlySubscribersThatAskedForThem() {
        FanOut fanOut = new FanOut(1024, new SimpleMeterRegistry());
        FakeStream ticksOnly = new FakeStream(Integer.MAX_VALUE);
        FakeStream all = new FakeStream(Integer.MAX_VALUE);
        fanOut.add("risk", Set.of(), ticksOnly);
        fanOut.add("strategy", Set.of(), true, all);
        fanOut.publish(event(1, "SOL"));
        fanOut.publish(social(2, "SOL"));
        fanOut.publish(event(3, "SOL"));
        assertThat(ticksOnly.written).extracting(MarketEvent::getSeq).containsExactly(1L, 3L);
        assertThat(all.written).extracting(MarketEvent::getSeq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void drain_neverConflatesSignals_onlyTicksOfTheSameSymbol() {
        FanOut fanOut = new FanOut(1024, new SimpleMeterRegistry());
        FakeStream stream = new FakeStream(1);
        fanOut.add("s", Set.of(), true, stream);
        fanOut.publish(event(1, "SOL"));
        fanOut.publish(social(2, "SOL"));
        fanOut.publish(event(3, "SOL"));
        fanOut.publish(social(4, "SOL"));
        fanOut.publish(event(5, "SOL"));
        stream.drainAll();
        // the tick of seq 3 gave way to the newer price of seq 5; both signals were kept, in order
        assertThat(stream.written).extracting(MarketEvent::getSeq).containsExactly(1L, 2L, 4L, 5L);
        assertThat(fanOut.drops()).isEqualTo(1);
    }

    @Test
    void remove_stopsDelivery_andUpdatesTheGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FanOut fanOut = new FanOut(1024, registry);
        FakeStream stream = new FakeStream(Integer.MAX_VALUE);
        FanOut.Subscriber s = fanOut.add("s", Set.of(), stream);
        assertThat(registry.get("memesnipe_gateway_subscribers").gauge().value()).isEqualTo(1);
        fanOut.remove(s);
        fanOut.remove(s);
        fanOut.publish(event(1, "SOL"));
        assertThat(stream.written).isEmpty();
        assertThat(fanOut.subscribers()).isZero();
        assertThat(registry.get("memesnipe_gateway_subscribers").gauge().value()).isZero();
    }

    @Test
    void publish_whenOneStreamFailsOnWrite_removesItAndStillDeliversToEveryOtherSubscriber() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FanOut fanOut = new FanOut(1024, registry);
        FakeStream before = new FakeStream(Integer.MAX_VALUE);
        FakeStream failed = new FakeStream(Integer.MAX_VALUE) {
            @Override
            public Future<Void> write(MarketEvent e) {
                throw new IllegalStateException("The stream is failed");
            }
        };
        FakeStream after = new FakeStream(Integer.MAX_VALUE);
        fanOut.add("before", Set.of(), before);
        fanOut.add("cancelled", Set.of(), failed);
        fanOut.add("after", Set.of(), after);
        for (int i = 1; i <= 3; i++) {
            fanOut.publish(event(i, "SOL"));
        }
        assertThat(before.written).hasSize(3);
        assertThat(after.written).hasSize(3);
        assertThat(fanOut.subscribers()).isEqualTo(2);
        assertThat(registry.get("memesnipe_gateway_subscriber_write_failures_total").counter().count()).isEqualTo(1);
    }

    @Test
    void add_manyDistinctNames_keepsMetricSeriesBounded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FanOut fanOut = new FanOut(16, registry);
        for (int i = 0; i < 500; i++) {
            fanOut.remove(fanOut.add("client-" + i, Set.of(), new FakeStream(Integer.MAX_VALUE)));
        }
        assertThat(registry.find("memesnipe_gateway_subscriber_drops").counters()).hasSize(FanOut.MAX_LABELS + 1);
    }
}
