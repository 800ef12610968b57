package memesnipe.gateway.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.streams.WriteStream;
import memesnipe.v1.MarketEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Delivers every published event to every subscriber without letting one slow subscriber hold up the
 * others: each writes to its stream only while the stream's write queue has room, and otherwise parks
 * events in its own {@link ConflatingQueue} (newest price per symbol; signals are kept whole, see
 * {@link #conflationKey}), which it flushes on drain. A stream
 * that fails (the client cancelled or went away) is removed at the first failed write and never affects
 * another subscriber or the rest of the batch. Metric series are per subscriber label, and labels are
 * bounded: the first {@link #MAX_LABELS} names keep their own series, later ones share "other". Event-loop only.
 */
public final class FanOut {
    private final int queueCapacity;
    private final MeterRegistry registry;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Counter writeFailures;
    /** Subscriber names that have their own metric series (bounded: names come from clients). */
    private final java.util.Set<String> labels = new java.util.HashSet<>();
    static final int MAX_LABELS = 32;
    private long drops;

    public FanOut(int queueCapacity, MeterRegistry registry) {
        this.queueCapacity = queueCapacity;
        this.registry = registry;
        Gauge.builder("memesnipe_gateway_subscribers", subscribers, List::size)
                .description("Market data subscribers connected now")
                .register(registry);
        this.writeFailures = Counter.builder("memesnipe_gateway_subscriber_write_failures_total")
                .description("Subscribers removed because writing to their stream failed (cancelled or gone)")
                .register(registry);
    }

    /** The metric label for a subscriber name: the first MAX_LABELS names keep theirs, later ones share "other". */
    String label(String name) {
        if (labels.contains(name) || (labels.size() < MAX_LABELS && labels.add(name))) {
            return name;
        }
        return "other";
    }

    /** Adds a subscriber of price ticks only writing to {@code out}; an empty symbol set means all symbols. */
    public Subscriber add(String name, Set<String> symbols, WriteStream<MarketEvent> out) {
        return add(name, symbols, false, out);
    }

    /** Adds a subscriber writing to {@code out}, of signals too when asked; an empty symbol set means all symbols. */
    public Subscriber add(String name, Set<String> symbols, boolean signals, WriteStream<MarketEvent> out) {
        Subscriber s = new Subscriber(name, symbols, signals, out);
        subscribers.add(s);
        out.drainHandler(v -> {
            try {
                s.flush();
            } catch (RuntimeException failed) {
                s.fail();
            }
        });
        return s;
    }

    /** Removes a subscriber (disconnected); safe to call more than once. */
    public void remove(Subscriber s) {
        s.removed = true;
        subscribers.remove(s);
    }

    /** Ends every subscriber's stream (gateway shutting down) so clients see a clean end and reconnect. */
    public void endAll() {
        for (Subscriber s : List.copyOf(subscribers)) {
            remove(s);
            s.out.end();
        }
    }

    public void publish(MarketEvent event) {
        for (int i = 0; i < subscribers.size(); ) {
            Subscriber s = subscribers.get(i);
            try {
                s.offer(event);
            } catch (RuntimeException failed) {
                s.fail();
            }
            if (!s.removed) {
                i++; // a failed subscriber removed itself from the list: the next one is now at i
            }
        }
    }

    /** Names of the subscribers connected now. */
    public List<String> names() {
        return subscribers.stream().map(Subscriber::name).toList();
    }

    public int subscribers() {
        return subscribers.size();
    }

    /** Events not delivered (conflated or dropped) over all subscribers, past and present. */
    public long drops() {
        return drops;
    }

    /**
     * What a pending event is conflated by: a tick by its symbol (the newest price wins); a signal by its own seq,
     * so it is never replaced (a transfer or a pool change is not superseded by the next one), only dropped when the
     * queue is full.
     */
    static String conflationKey(MarketEvent e) {
        return e.getSignalCase() == MarketEvent.SignalCase.SIGNAL_NOT_SET ? e.getSymbol()
                : "#" + Long.toUnsignedString(e.getSeq());
    }

    /** One subscriber's filter, pending queue and counters. */
    public final class Subscriber {
        private final String name;
        private final Set<String> symbols;
        private final boolean signals;
        private final WriteStream<MarketEvent> out;
        private final ConflatingQueue<MarketEvent> pending;
        private final Counter dropCounter;
        private final Counter conflatedCounter;
        private long delivered;
        private boolean removed;

        private Subscriber(String name, Set<String> symbols, boolean signals, WriteStream<MarketEvent> out) {
            this.name = name;
            this.symbols = Set.copyOf(symbols);
            this.signals = signals;
            this.out = out;
            this.pending = new ConflatingQueue<>(queueCapacity, FanOut::conflationKey);
            this.dropCounter = Counter.builder("memesnipe_gateway_subscriber_drops")
                    .description("Events a subscriber did not get because it was slow (conflated or dropped)")
                    .tag("subscriber", label(name)).register(registry);
            this.conflatedCounter = Counter.builder("memesnipe_gateway_subscriber_conflated")
                    .description("Of the drops, events replaced by a newer price of the same symbol")
                    .tag("subscriber", label(name)).register(registry);
        }

        void offer(MarketEvent e) {
            if (removed || (!symbols.isEmpty() && !symbols.contains(e.getSymbol()))
                    || (!signals && e.getSignalCase() != MarketEvent.SignalCase.SIGNAL_NOT_SET)) {
                return;
            }
            if (pending.isEmpty() && !out.writeQueueFull()) {
                write(e);
                return;
            }
            ConflatingQueue.Outcome outcome = pending.offer(e);
            if (outcome != ConflatingQueue.Outcome.QUEUED) {
                drops++;
                dropCounter.increment();
                if (outcome == ConflatingQueue.Outcome.CONFLATED) {
                    conflatedCounter.increment();
                }
            }
            flush();
        }

        void flush() {
            while (!removed && !pending.isEmpty() && !out.writeQueueFull()) {
                write(pending.poll());
            }
        }

        private void write(MarketEvent e) {
            out.write(e); // Vert.x 5.0.7 throws "The stream is failed" here for a cancelled stream: see fail()
            delivered++;
        }

        /** The stream failed (cancelled, reset, connection gone): the subscriber is removed at once. */
        void fail() {
            if (!removed) {
                writeFailures.increment();
                remove(this);
            }
        }

        public String name() {
            return name;
        }

        /** Events handed to the stream. */
        public long delivered() {
            return delivered;
        }

        public int pending() {
            return pending.size();
        }
    }
}
