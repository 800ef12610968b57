package memesnipe.kit.grpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.Service;
import memesnipe.kit.http.HttpLimits;
import memesnipe.kit.http.SlowClientGuard;
import memesnipe.kit.tls.NodeIdentity;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.model.text.Printable;
import memesnipe.v1.GetStatusRequest;
import memesnipe.v1.NodeGrpcService;
import memesnipe.v1.NodeService;
import memesnipe.v1.NodeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The TLS HTTP/2 server every node runs: gRPC (its services, Node.GetStatus, grpc.health.v1 and
 * reflection v1) on one port, plus GET /health and GET /metrics for anything that is not gRPC.
 * Who may call what is decided per request and always answered at once, never by dropping the connection: a gRPC
 * call without a client certificate gets UNAUTHENTICATED, one with a certificate that is not admitted
 * PERMISSION_DENIED, each with a message naming what the method needs; an HTTP request 401 or 403 with a text body.
 * (A certificate that does not chain to the deployment's CA fails the TLS handshake.) Health checks (gRPC and
 * GET /health) answer any TLS client, so probes need no certificate. With {@link Builder#onlyClients} set, every
 * other method and route needs one of those nodes' certificates (or, where admitted, the operator's admin
 * certificate), and GET /metrics also admits the monitoring certificate, which reaches nothing else on any node.
 * Slow and idle clients are cut off within its
 * {@link HttpLimits} ({@link SlowClientGuard}); malformed gRPC requests are answered by {@link FramingGuard}.
 */
public final class NodeServer {
    private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);

    private final Vertx vertx;
    private final NodeName node;
    private final String host;
    private final int port;
    private final TlsFiles tls;
    /** Nodes admitted to every method and route without a restriction of its own; empty: no such allow-list. */
    private final Set<NodeName> allowedClients;
    private final List<Service> services;
    private final Supplier<NodeStatus> status;
    private final PrometheusMeterRegistry metrics;
    private final Consumer<Router> extraRoutes;
    private final java.util.Map<String, Restriction> restrictions;
    private final boolean requestClientCerts;
    /** Applied to every gRPC method without its own restriction (health checks excepted); null when none. */
    private final Restriction everyCaller;
    /** Health checks answer anyone who completes TLS, so that probes and load balancers need no certificate. */
    static final String HEALTH_PATH = "/grpc.health.v1.Health/";
    private final HttpLimits httpLimits;
    private HttpServer server;
    /** How often the event-loop delay is sampled. */
    static final long LOOP_PROBE_MS = 100;
    private long loopProbe = -1;
    private Counter refusedClients;
    private Health health;
    private Counter compressedRefused;
    private final java.util.Map<FramingGuard.Problem, Counter> malformedRefused = new java.util.EnumMap<>(FramingGuard.Problem.class);
    /** Every method served, by path, as the framing guard needs to know it. */
    private final java.util.Map<String, FramingGuard.Method> methods = new java.util.HashMap<>();

    private NodeServer(Builder b) {
        this.vertx = b.vertx;
        this.node = b.node;
        this.host = b.host;
        this.port = b.port;
        this.tls = b.tls;
        this.allowedClients = b.allowedClients;
        this.services = List.copyOf(b.services);
        this.status = b.status;
        this.metrics = b.metrics;
        this.extraRoutes = b.extraRoutes;
        this.restrictions = java.util.Map.copyOf(b.restrictions);
        this.requestClientCerts = b.requestClientCerts;
        this.everyCaller = b.everyCaller;
        this.httpLimits = b.httpLimits;
    }

    public static Builder builder(Vertx vertx, NodeName node) {
        return new Builder(vertx, node);
    }

    /** Binds the port; fails with a clear message when the port is taken or TLS files are bad. */
    public Future<NodeServer> start() {
        refusedClients = Counter.builder("memesnipe_tls_clients_refused_total")
                .description("TLS connections closed because the client certificate names a node that is not allowed")
                .register(metrics);
        compressedRefused = Counter.builder("memesnipe_grpc_compressed_refused_total")
                .description("gRPC calls refused because they were compressed (decompression is not bounded)")
                .register(metrics);
        for (FramingGuard.Problem p : FramingGuard.Problem.values()) {
            if (p != FramingGuard.Problem.COMPRESSED) {
                malformedRefused.put(p, Counter.builder("memesnipe_grpc_malformed_refused_total")
                        .description("gRPC calls refused because their framing or request message was malformed")
                        .tag("problem", p.name().toLowerCase(java.util.Locale.ROOT)).register(metrics));
            }
        }
        probeEventLoop();
        GrpcServer grpc = GrpcServer.server(vertx);
        Service nodeService = NodeGrpcService.of(new NodeService() {
            @Override
            public Future<NodeStatus> getStatus(GetStatusRequest request) {
                return Future.succeededFuture(status.get());
            }
        });
        List<Service> all = new ArrayList<>(services);
        all.add(nodeService);
        health = new Health(all.stream().map(s -> s.name().fullyQualifiedName())
                .collect(java.util.stream.Collectors.toSet()));
        all.add(health);
        all.add(ReflectionService.v1());
        Gauge.builder("memesnipe_grpc_health_watchers", health, Health::watchers)
                .description("grpc.health.v1.Health/Watch streams open now").register(metrics);
        for (Service s : all) {
            grpc.addService(s);
            for (var m : s.descriptor().getMethods()) {
                methods.put("/" + s.descriptor().getFullName() + "/" + m.getName(),
                        new FramingGuard.Method(m.getInputType(), !m.isClientStreaming()));
            }
        }

        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject()
                .put("status", "UP").put("node", node.id())));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(memesnipe.kit.metrics.NodeMetrics.scrape(metrics)));
        if (extraRoutes != null) {
            extraRoutes.accept(router);
        }

        SlowClientGuard slowClients = new SlowClientGuard(vertx, httpLimits, metrics);
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host).setPort(port)
                .setSsl(true).setUseAlpn(true)
                .setKeyCertOptions(tls.keyCertOptions());
        if (requestClientCerts) {
            options.setClientAuth(ClientAuth.REQUEST).setTrustOptions(tls.trustOptions());
        }
        server = vertx.createHttpServer(slowClients.options(options));
        server.connectionHandler(slowClients::opened);
        server.requestHandler(req -> {
            FramingGuard.Method method = methods.get(req.path());
            slowClients.request(req, isGrpc(req) && method != null && !method.singleRequest());
            route(req, grpc, router);
        });
        return server.listen()
                .recover(err -> Future.failedFuture(new IllegalStateException(
                        node + ": cannot listen on " + host + ":" + port + ": " + describe(err), err)))
                .map(s -> {
                    LOG.info("{} serving gRPC over TLS on {}:{}{}", node, host, s.actualPort(),
                            allowedClients.isEmpty() ? "" : " (mutual TLS, clients: " + allowedClients + ")");
                    return this;
                });
    }

    private void route(HttpServerRequest req, GrpcServer grpc, Router router) {
        String type = req.getHeader("content-type");
        if (isGrpc(req)) {
            String encoding = req.getHeader("grpc-encoding");
            if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
                // Vert.x 5.0.7 inflates a compressed message without bounding its decompressed size (a 254 KB gzip
                // frame became 250 MB on the event loop), so compressed requests are refused before they reach it.
                compressedRefused.increment();
                req.handler(ignored -> { }); // drained unread (never inflated), so the client can finish its stream
                // UNIMPLEMENTED, as the gRPC spec asks for an unsupported encoding
                FramingGuard.answer(req.response(), FramingGuard.Problem.COMPRESSED, FramingGuard.COMPRESSED);
                return;
            }
            Restriction r = restrictions.getOrDefault(req.path(),
                    req.path().startsWith(HEALTH_PATH) ? null : everyCaller);
            List<Certificate> chain = r == null ? List.of() : peerChain(req.connection());
            if (r != null && (chain.isEmpty() || !r.who().test(chain))) {
                refused(req, chain);
                req.handler(ignored -> { }); // drained unread, so the client can finish its stream
                req.response().putHeader("content-type", "application/grpc")
                        .putHeader("grpc-status", chain.isEmpty() ? "16" : "7") // UNAUTHENTICATED : PERMISSION_DENIED
                        .putHeader("grpc-message", Printable.of(req.path()) + " needs " + r.description()).end();
                return;
            }
            grpc.handle(new FramingGuard(req, methods.get(req.path()), !type.startsWith("application/grpc-web-text"),
                    this::countRefused));
        } else {
            Restriction r = httpRestriction(req.path());
            List<Certificate> chain = r == null ? List.of() : peerChain(req.connection());
            if (r != null && (chain.isEmpty() || !r.who().test(chain))) {
                refused(req, chain);
                req.response().setStatusCode(chain.isEmpty() ? 401 : 403)
                        .putHeader("content-type", "text/plain; charset=utf-8")
                        .end(Printable.of(req.path()) + " needs " + r.description() + "\n");
                return;
            }
            router.handle(req);
        }
    }

    /**
     * Who may read an HTTP route: on a node with an allow-list, GET /health anyone, /metrics the monitoring
     * certificate or an admitted caller, every other route an admitted caller; elsewhere anyone (null).
     */
    private Restriction httpRestriction(String path) {
        if (allowedClients.isEmpty() || "/health".equals(path)) {
            return null;
        }
        if ("/metrics".equals(path)) {
            return new Restriction("the monitoring certificate or " + everyCaller.description(),
                    chain -> NodeIdentity.isMonitor(chain) || everyCaller.who().test(chain));
        }
        return everyCaller;
    }

    private void refused(HttpServerRequest req, List<Certificate> chain) {
        refusedClients.increment();
        LOG.warn("{} refused {} from {}: {}", node, Printable.of(req.path()), req.connection().remoteAddress(),
                chain.isEmpty() ? "no client certificate" : "certificate " + describe(chain) + " is not admitted");
    }

    /** The leaf certificate's subject, for a log line. */
    private static String describe(List<Certificate> chain) {
        return chain.get(0) instanceof java.security.cert.X509Certificate leaf
                ? Printable.of(leaf.getSubjectX500Principal().getName()) : "of an unknown type";
    }

    private void countRefused(FramingGuard.Problem problem) {
        (problem == FramingGuard.Problem.COMPRESSED ? compressedRefused : malformedRefused.get(problem)).increment();
    }

    private static boolean isGrpc(HttpServerRequest req) {
        String type = req.getHeader("content-type");
        return type != null && type.startsWith("application/grpc");
    }

    /** The client's verified certificate chain; empty when it presented none. */
    private static List<Certificate> peerChain(HttpConnection conn) {
        try {
            List<Certificate> chain = conn.peerCertificates();
            return chain == null ? List.of() : chain;
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /** Who may call one gRPC method. */
    private record Restriction(String description, java.util.function.Predicate<List<Certificate>> who) {
    }

    private static String describe(Throwable err) {
        String msg = err.getMessage();
        if (msg != null && msg.toLowerCase().contains("address already in use")) {
            return "port already in use";
        }
        return msg == null ? err.getClass().getSimpleName() : msg;
    }

    /** grpc.health.v1.Health/Watch streams open now (also the memesnipe_grpc_health_watchers gauge). */
    public int healthWatchers() {
        return health == null ? 0 : health.watchers();
    }

    public int actualPort() {
        return server.actualPort();
    }

    public NodeName node() {
        return node;
    }

    /** Stops accepting, gives open calls and streams one second to finish, then closes every connection. */
    public Future<Void> close() {
        vertx.cancelTimer(loopProbe);
        return server == null ? Future.succeededFuture() : server.shutdown(1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * memesnipe_event_loop_delay_seconds: how late a {@value #LOOP_PROBE_MS} ms timer fires on the event loop of the
     * node that started this server (the loop its verticle runs on): anything that blocks or floods that loop shows.
     */
    private void probeEventLoop() {
        io.micrometer.core.instrument.Timer delay = io.micrometer.core.instrument.Timer.builder("memesnipe_event_loop_delay")
                .description("how late a " + LOOP_PROBE_MS + " ms timer fires on the node's event loop")
                .publishPercentiles(0.5, 0.99).register(metrics);
        long[] last = {System.nanoTime()};
        loopProbe = vertx.setPeriodic(LOOP_PROBE_MS, id -> {
            long now = System.nanoTime();
            delay.record(Math.max(0, now - last[0] - LOOP_PROBE_MS * 1_000_000), java.util.concurrent.TimeUnit.NANOSECONDS);
            last[0] = now;
        });
    }

    /** Configures a NodeServer. */
    public static final class Builder {
        private final Vertx vertx;
        private final NodeName node;
        private String host = "0.0.0.0";
        private int port;
        private TlsFiles tls;
        private Set<NodeName> allowedClients = EnumSet.noneOf(NodeName.class);
        private final List<Service> services = new ArrayList<>();
        private Supplier<NodeStatus> status;
        private PrometheusMeterRegistry metrics;
        private Consumer<Router> extraRoutes;
        private final java.util.Map<String, Restriction> restrictions = new java.util.HashMap<>();
        private boolean requestClientCerts;
        private Restriction everyCaller;
        private HttpLimits httpLimits = HttpLimits.DEFAULTS;

        private Builder(Vertx vertx, NodeName node) {
            this.vertx = vertx;
            this.node = node;
        }

        public Builder listen(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        public Builder tls(TlsFiles tls) {
            this.tls = tls;
            return this;
        }

        /** How long clients may take to send a request and stay idle ({@link HttpLimits#DEFAULTS} unless set). */
        public Builder httpLimits(HttpLimits limits) {
            this.httpLimits = limits;
            return this;
        }

        /**
         * Admits only these nodes' certificates to every method and route without a restriction of its own
         * (health checks excepted, /metrics also to the monitoring certificate); others are answered
         * UNAUTHENTICATED or PERMISSION_DENIED (HTTP 401 or 403).
         */
        public Builder onlyClients(Set<NodeName> nodes) {
            return onlyClients(nodes, false);
        }

        /**
         * As {@link #onlyClients(Set)}; with operatorMayInspect the operator's admin certificate is admitted too
         * (to list and describe services, Node.GetStatus and /metrics: methods that need more are restricted).
         */
        public Builder onlyClients(Set<NodeName> nodes, boolean operatorMayInspect) {
            Set<NodeName> allowed = EnumSet.copyOf(nodes);
            this.allowedClients = allowed;
            this.requestClientCerts = true;
            this.everyCaller = new Restriction("a certificate of " + allowed + (operatorMayInspect ? " or the admin's" : ""),
                    chain -> NodeIdentity.of(chain).filter(allowed::contains).isPresent()
                            || operatorMayInspect && NodeIdentity.isAdmin(chain));
            return this;
        }

        public Builder service(Service service) {
            services.add(service);
            return this;
        }

        public Builder status(Supplier<NodeStatus> status) {
            this.status = status;
            return this;
        }

        public Builder metrics(PrometheusMeterRegistry metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * Admits only these nodes' certificates to one gRPC method (others get PERMISSION_DENIED); needs client
         * certificates, see {@link #onlyClients}.
         */
        public Builder restrict(io.vertx.grpc.common.ServiceName service, String method, Set<NodeName> nodes) {
            Set<NodeName> allowed = EnumSet.copyOf(nodes);
            return restrict(service, method, "a certificate of " + allowed,
                    chain -> NodeIdentity.of(chain).filter(allowed::contains).isPresent());
        }

        /**
         * Admits to one gRPC method only clients whose verified certificate chain passes the check: no
         * certificate gets UNAUTHENTICATED, another one PERMISSION_DENIED. Needs client certificates
         * ({@link #onlyClients} or {@link #requestClientCertificates}).
         */
        public Builder restrict(io.vertx.grpc.common.ServiceName service, String method, String description,
                                java.util.function.Predicate<List<Certificate>> who) {
            restrictions.put(service.pathOf(method), new Restriction(description, who));
            return this;
        }

        /**
         * Every gRPC method without a restriction of its own needs a certificate of this deployment (a node's or the
         * operator's admin one): none gets UNAUTHENTICATED. Health checks stay open to any TLS client (probes).
         */
        public Builder authenticateEveryCaller() {
            this.requestClientCerts = true;
            this.everyCaller = new Restriction("a certificate of this deployment (a node's or the admin's)",
                    chain -> NodeIdentity.of(chain).isPresent() || NodeIdentity.isAdmin(chain));
            return this;
        }

        /** Asks every client for a certificate (verified against the CA) without requiring one. */
        public Builder requestClientCertificates() {
            this.requestClientCerts = true;
            return this;
        }

        /** Extra HTTP routes on the same port (beside /health and /metrics). */
        public Builder routes(Consumer<Router> routes) {
            this.extraRoutes = routes;
            return this;
        }

        public NodeServer build() {
            if (tls == null || status == null || metrics == null) {
                throw new IllegalStateException("tls, status and metrics are required");
            }
            if (!restrictions.isEmpty() && !requestClientCerts) {
                throw new IllegalStateException("restricting methods needs client certificates");
            }
            return new NodeServer(this);
        }
    }
}
