package memesnipe.kit.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One Prometheus registry per node, every meter tagged node=&lt;name&gt;, scraped at GET /metrics: the node's own
 * meters plus JVM memory and threads, CPU, and the free and total space of the disk holding the working directory
 * ({@code disk_free_bytes}, {@code disk_total_bytes}: in a container, run the node from its data volume).
 */
public final class NodeMetrics {
    private NodeMetrics() {
    }

    /** Vert.x's own meters for this process (see {@link #vertx}); null until such a Vert.x is created. */
    private static volatile PrometheusMeterRegistry vertxMeters;

    /**
     * A Vert.x with its own metrics on (Vert.x Micrometer: HTTP servers and clients with gRPC calls among their
     * requests, connections, worker and event-loop pools), kept in a process-wide registry tagged
     * process=&lt;process&gt; and appended to every node's /metrics ({@link #scrape}). One node per process (the
     * containers, {@code memesnipe node}) gives that node's figures; the one-JVM demo's nodes share one Vert.x, so
     * there every node shows the same process-wide figures.
     */
    public static io.vertx.core.Vertx vertx(io.vertx.core.VertxOptions options, String process) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("process", process);
        vertxMeters = registry;
        return io.vertx.core.Vertx.builder()
                .with(options.setMetricsOptions(new io.vertx.micrometer.MicrometerMetricsOptions().setEnabled(true)
                        .setJvmMetricsEnabled(false))) // the node registries bind the JVM's
                .withMetrics(new io.vertx.micrometer.MicrometerMetricsFactory(registry))
                .build();
    }

    /** What GET /metrics serves: the node's meters, then this process's Vert.x meters when they are on. */
    public static String scrape(PrometheusMeterRegistry node) {
        PrometheusMeterRegistry process = vertxMeters;
        return process == null ? node.scrape() : node.scrape() + process.scrape();
    }

    public static PrometheusMeterRegistry create(String node) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", node);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new DiskSpaceMetrics(new java.io.File(".")).bindTo(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("memesnipe_log_events_dropped", LogDrops.class,
                        c -> LogDrops.total())
                .description("Log events this process dropped instead of waiting for a stalled log reader (the "
                        + "asynchronous appender's queue was full); per process").register(registry);
        return registry;
    }
}
