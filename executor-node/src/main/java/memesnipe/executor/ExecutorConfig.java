package memesnipe.executor;

import memesnipe.executor.paper.PaperVenue;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.NodeBasics;
import memesnipe.kit.config.Settings;
import memesnipe.kit.ledger.DatabaseSettings;
import memesnipe.kit.signing.ApprovalSettings;
import memesnipe.kit.money.OrderLimits;
import memesnipe.kit.tls.NodeName;

import java.nio.file.Path;
import java.util.Map;

/**
 * Executor-node configuration, validated once. Keys: host, grpc-port (7004), certs-dir, tls-ca, tls-cert,
 * tls-key, gateway, signer, venue, slippage-bps, fee-bps, max-mark-age-ms, pg-url, pg-password-file,
 * pg-ca-file, pg-pool-size, wal-file, paper-venue-dir, order-timeout-ms, recent-orders, recent-fills, crash-point,
 * approval-public-key, approval-max-age-ms, max-order-qty, max-order-notional.
 */
public record ExecutorConfig(NodeBasics basics, HostPort gateway, HostPort signer, String venue,
                             int slippageBps, int feeBps, long maxMarkAgeMs, DatabaseSettings database,
                             Path walFile, Path paperVenueDir, long orderTimeoutMs, int recentOrders,
                             int recentFills, CrashPoint crashPoint, ApprovalSettings approval, long maxOrderQtyE8,
                             long maxOrderNotionalE8, int participationBps) {
    /** The paper venue's defaults, shared with the backtest's venue. */
    public static final int SLIPPAGE_BPS_DEFAULT = 10;
    public static final int FEE_BPS_DEFAULT = 10;
    public static final long MAX_MARK_AGE_MS_DEFAULT = 2_000;
    /** No participation cap: every paper order fills whole. */
    public static final int PARTICIPATION_BPS_DEFAULT = 0;

    public static final int DEFAULT_PORT = 7004;
    public static final String WAL_FILE_DEFAULT = "executor-wal.log";
    public static final String PAPER_VENUE_DIR_DEFAULT = "paper-venue";
    public static final long ORDER_TIMEOUT_MS_DEFAULT = 5_000;
    public static final int RECENT_ORDERS_DEFAULT = 10_000;
    public static final int RECENT_FILLS_DEFAULT = 10_000;

    /** Reads and validates every key; throws ConfigException listing all problems. */
    public static ExecutorConfig from(Settings settings) {
        return ConfigReader.validate(settings, ExecutorConfig::read);
    }

    /** Key → documentation with its default, for --help. */
    public static Map<String, String> documentation() {
        return ConfigReader.describe(ExecutorConfig::read);
    }

    private static ExecutorConfig read(ConfigReader r) {
        NodeBasics basics = NodeBasics.read(r, NodeName.EXECUTOR, DEFAULT_PORT);
        HostPort gateway = r.hostPort("gateway", "127.0.0.1:7001", "gateway gRPC address (market data for paper fills)");
        HostPort signer = r.hostPort("signer", "127.0.0.1:7005", "signer gRPC address (mutual TLS)");
        String venue = r.read("venue", PaperVenue.NAME, "venue orders go to; only 'paper' exists", v -> {
            if (!v.equals(PaperVenue.NAME)) {
                throw new IllegalArgumentException("is not a known venue (known: paper)");
            }
            return v;
        });
        int slippage = r.integer("slippage-bps", SLIPPAGE_BPS_DEFAULT, 0, 1_000, "paper fill slippage against the mark, bps");
        int fee = r.integer("fee-bps", FEE_BPS_DEFAULT, 0, 1_000, "paper fee on the fill notional, bps");
        long maxAge = r.longValue("max-mark-age-ms", MAX_MARK_AGE_MS_DEFAULT, 1, 600_000, "a mark older than this counts as no price, ms");
        int participation = r.integer("participation-bps", PARTICIPATION_BPS_DEFAULT, 0, 10_000, "paper fills take at "
                + "most this share of the volume the symbol's latest market event traded, bps; the rest of the order is "
                + "not filled (immediate-or-cancel); 0 = no cap");
        DatabaseSettings database = DatabaseSettings.read(r);
        Path wal = r.path("wal-file", WAL_FILE_DEFAULT, "local fsync'd write-ahead file that journals exits (and their "
                + "fills) while PostgreSQL cannot be written; drained into PostgreSQL when it is back and at start");
        Path venueDir = r.path("paper-venue-dir", PAPER_VENUE_DIR_DEFAULT, "directory of the paper venue's own durable "
                + "record of orders (it stands for the exchange: independent of PostgreSQL)");
        long timeout = r.longValue("order-timeout-ms", ORDER_TIMEOUT_MS_DEFAULT, 100, 600_000,
                "an order sent to the venue without an answer for this long is reconciled with the venue, ms");
        int recentOrders = r.integer("recent-orders", RECENT_ORDERS_DEFAULT, 1, 10_000_000,
                "final orders kept in memory for duplicate look-ups (older ones are read from the ledger)");
        int recentFills = r.integer("recent-fills", RECENT_FILLS_DEFAULT, 1, 10_000_000,
                "fills kept in memory for WatchFills (older ones are paged from the ledger)");
        CrashPoint crash = r.read("crash-point", CrashPoint.NONE.key(), "fault injection for tests only: halt the "
                + "process like SIGKILL at none | after-journal | after-venue-fill | after-report", CrashPoint::parse);
        ApprovalSettings approval = ApprovalSettings.read(r, basics);
        Long maxQty = OrderLimits.maxOrderQty(r, "largest quantity in one order, units of the base asset; a larger "
                + "order is REJECTED (MAX_ORDER_QTY) before it is journaled");
        Long maxNotional = OrderLimits.maxOrderNotional(r, OrderLimits.MAX_ORDER_NOTIONAL_DEFAULT, "largest notional "
                + "of one order (quantity x reference price), USD; a larger order is REJECTED (MAX_ORDER_NOTIONAL) "
                + "before it is journaled (keep risk's max-order-notional below it)");
        return new ExecutorConfig(basics, gateway, signer, venue, slippage, fee, maxAge, database, wal, venueDir,
                timeout, recentOrders, recentFills, crash == null ? CrashPoint.NONE : crash, approval,
                maxQty == null ? 0 : maxQty, maxNotional == null ? 0 : maxNotional, participation);
    }
}
