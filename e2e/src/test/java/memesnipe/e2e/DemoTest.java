package memesnipe.e2e;

import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.v1.BreakerState;
import memesnipe.v1.BreakerTier;
import memesnipe.v1.ExecutorGrpcClient;
import memesnipe.v1.Fill;
import memesnipe.v1.ResetRequest;
import memesnipe.v1.RiskGrpcClient;
import memesnipe.v1.Side;
import memesnipe.v1.WatchFillsRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `memesnipe demo` as a user runs it: trades on paper, and an EMERGENCY drill over gRPC flattens and halts it. */
class DemoTest {

    @Test
    void demo_trades_andTrippingEmergencyOverGrpc_flattensTheBook_stopsEntries_andResetResumesTrading() throws Exception {
        Path dir = Files.createTempDirectory("memesnipe-demo-test");
        Path certs = dir.resolve("certs");
        NodeProcess certsCmd = new NodeProcess(dir, "certs", List.of("certs", "--out", certs.toString())).start();
        assertThat(certsCmd.waitFor(Duration.ofSeconds(60))).as(certsCmd.output()).isZero();
        int base = freeRange(5);
        int httpPort = NodeProcess.freePort();
        NodeProcess demo = new NodeProcess(dir, "demo", List.of("demo", "--certs", certs.toString(),
                "--data-dir", dir.resolve("data").toString(),
                "--grpc-base-port", String.valueOf(base), "--http-port", String.valueOf(httpPort), "--status-every", "2"))
                .start();
        StatusApi api = new StatusApi(httpPort);
        Vertx vertx = Vertx.vertx();
        try {
            api.await("the demo prints status lines and fills", Duration.ofSeconds(60),
                    () -> api.portfolio("fills") > 0 && demo.output().contains("[status] breaker=NORMAL"), demo::output);
            api.await("a position open", Duration.ofSeconds(60), () -> api.portfolio("openPositions") > 0, demo::output);

            GrpcClient client = GrpcClients.create(vertx, TlsFiles.inDir(certs, NodeName.GATEWAY));
            GrpcClient admin = GrpcClients.create(vertx, TlsFiles.admin(certs));
            HostPort risk = new HostPort("127.0.0.1", base + NodeName.RISK.ordinal());
            HostPort executor = new HostPort("127.0.0.1", base + NodeName.EXECUTOR.ordinal());
            NodeProcess trip = new NodeProcess(dir, "admin-trip", List.of("admin", "--risk", risk.toString(),
                    "--certs", certs.toString(), "trip", "--tier", "EMERGENCY", "--reason", "demo drill")).start();
            assertThat(trip.waitFor(Duration.ofSeconds(60))).as(trip.output()).isZero();
            assertThat(trip.output()).contains("tier=EMERGENCY").contains("manual trip: demo drill");
            api.await("book flat within 5 s", Duration.ofSeconds(5), () -> api.portfolio("openPositions") == 0,
                    demo::output);
            assertThat(api.tier()).isEqualTo("EMERGENCY");

            long flatAt = api.portfolio("fills");
            List<Fill> after = new CopyOnWriteArrayList<>();
            Calls.serverStream(client, executor, ExecutorGrpcClient.WatchFills,
                    WatchFillsRequest.newBuilder().setAfterSeq(flatAt).build()).await(10, TimeUnit.SECONDS)
                    .handler(after::add).resume();
            Thread.sleep(3000);
            assertThat(after).as("no entry filled while EMERGENCY").noneMatch(f -> f.getSide() == Side.BUY);

            NodeProcess refused = new NodeProcess(dir, "admin-refused", List.of("admin", "--risk", risk.toString(),
                    "--certs", dir.resolve("no-such-dir").toString(), "reset")).start();
            assertThat(refused.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(refused.output()).contains("admin.pem");
            BreakerState reset = Calls.unary(admin, risk, RiskGrpcClient.Reset, ResetRequest.newBuilder()
                    .setReason("demo drill over").build(), 5000).await(10, TimeUnit.SECONDS);
            assertThat(reset.getTier()).isEqualTo(BreakerTier.NORMAL);
            api.await("status shows NORMAL", Duration.ofSeconds(5), () -> "NORMAL".equals(api.tier()), demo::output);
            api.await("trading resumes: a new entry is filled", Duration.ofSeconds(60),
                    () -> after.stream().anyMatch(f -> f.getSide() == Side.BUY), demo::output);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
            demo.stop();
        }
    }

    @Test
        void demo_restartedOnSameDataDir_continuesTheSameLedger_withTheSameFillsPositionsAndBreaker() throws Exception {
        Path dir = Files.createTempDirectory("memesnipe-demo-restart");
        Path certs = dir.resolve("certs");
        NodeProcess certsCmd = new NodeProcess(dir, "certs", List.of("certs", "--out", certs.toString())).start();
        assertThat(certsCmd.waitFor(Duration.ofSeconds(60))).as(certsCmd.output()).isZero();
        int base = freeRange(5);
        int httpPort = NodeProcess.freePort();
        List<String> args = List.of("demo", "--certs", certs.toString(), "--data-dir", dir.resolve("data").toString(),
                "--grpc-base-port", String.valueOf(base), "--http-port", String.valueOf(httpPort), "--status-every", "2");
        StatusApi api = new StatusApi(httpPort);
        NodeProcess first = new NodeProcess(dir, "demo-1", args).start();
        long fills;
        long open;
        try {
            api.await("fills and an open position", Duration.ofSeconds(90),
                    () -> api.portfolio("fills") > 0 && api.portfolio("openPositions") > 0, first::output);
            // CRITICAL stops new entries, so the book holds still while the demo is stopped
            NodeProcess trip = new NodeProcess(dir, "admin-trip", List.of("admin", "--risk", "127.0.0.1:"
                    + (base + NodeName.RISK.ordinal()), "--certs", certs.toString(), "trip", "--tier", "CRITICAL",
                    "--reason", "restart drill")).start();
            assertThat(trip.waitFor(Duration.ofSeconds(60))).as(trip.output()).isZero();
            long[] last = {-1, -1, 0};
            api.await("the book holds still for 3 s", Duration.ofSeconds(60), () -> {
                long f = api.portfolio("fills");
                long o = api.portfolio("openPositions");
                last[2] = f == last[0] && o == last[1] && f > 0 ? last[2] + 1 : 0;
                last[0] = f;
                last[1] = o;
                return last[2] >= 30; // polled every 100 ms
            }, first::output);
            fills = last[0];
            open = last[1];
        } finally {
            first.stop();
        }
        NodeProcess second = new NodeProcess(dir, "demo-2", args).start();
        try {
            api.await("the restarted demo serves its status", Duration.ofSeconds(90),
                    () -> api.portfolio("fills") >= 0 && api.tier() != null, second::output);
            assertThat(second.output()).contains("(continuing)");
            // The truth is the executor's ledger inside the demo's embedded PostgreSQL: an exit (a stop-loss) may still
            // fill between the last status read and the stop, and it must then be there after the restart too.
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("embedded PostgreSQL ledger: postgresql://postgres@127.0.0.1:(\\d+)/memesnipe")
                    .matcher(second.output());
            assertThat(m.find()).as(second.output()).isTrue();
            long ledgerFills;
            long ledgerOpen;
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + m.group(1) + "/memesnipe",
                    "postgres", null); var st = c.createStatement()) {
                var rs = st.executeQuery("SELECT count(*) FROM executor.fills");
                rs.next();
                ledgerFills = rs.getLong(1);
                rs = st.executeQuery("SELECT count(*) FROM (SELECT strategy, symbol FROM executor.fills GROUP BY strategy, "
                        + "symbol HAVING sum(CASE WHEN side = 'BUY' THEN qty_e8 ELSE -qty_e8 END) <> 0) p");
                rs.next();
                ledgerOpen = rs.getLong(1);
            }
            assertThat(ledgerFills).as("fills in the ledger after the stop").isGreaterThanOrEqualTo(fills);
            api.await("the restarted demo shows every fill of the ledger", Duration.ofSeconds(10),
                    () -> api.portfolio("fills") == ledgerFills, second::output);
            assertThat(api.portfolio("openPositions")).as("open positions after the restart").isEqualTo(ledgerOpen);
            if (ledgerFills == fills) {
                assertThat(ledgerOpen).as("nothing filled during the stop: the same book").isEqualTo(open);
            }
            assertThat(api.tier()).as("the breaker never comes back laxer").isEqualTo("CRITICAL");
        } finally {
            second.stop();
        }
    }

    /** The first of n consecutive free ports. */
    static int freeRange(int n) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p)) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no " + n + " consecutive free ports");
    }
}
