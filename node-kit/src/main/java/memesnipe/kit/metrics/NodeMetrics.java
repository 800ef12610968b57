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

    public static PrometheusMeterRegistry create(String node) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", node);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new DiskSpaceMetrics(new java.io.File(".")).bindTo(registry);
        return registry;
    }
}
