package memesnipe.cli;

import io.vertx.core.Vertx;
import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.ConfigReader;
import memesnipe.kit.config.Settings;
import memesnipe.kit.ledger.DatabaseSettings;
import memesnipe.model.money.Fixed;
import memesnipe.risk.ledger.Deployments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Creates a new deployment in the risk ledger: the explicit start of a fresh book (never inferred from an empty one). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Creates a deployment in the PostgreSQL ledger: the risk node's schema, its initial capital",
                "and a NORMAL breaker. Without one the risk node stays CRITICAL. Refuses to replace an existing",
                "deployment unless --force-new (which erases risk's fills, equity curve, breaker and decisions;",
                "stop the risk node first)."})
final class InitCommand implements Callable<Integer> {
    @Option(names = "--pg-url", required = true, paramLabel = "URL",
            description = "PostgreSQL ledger, postgresql://user@host:port/database[?sslmode=verify-full]")
    String pgUrl;

    @Option(names = "--pg-password-file", paramLabel = "FILE", description = "file holding the PostgreSQL password")
    Path pgPasswordFile;

    @Option(names = "--pg-ca-file", paramLabel = "FILE",
            description = "PEM CA certificate(s) that sign the PostgreSQL server's certificate (sslmode=require, "
                    + "verify-ca, verify-full)")
    Path pgCaFile;

    @Option(names = "--initial-capital", defaultValue = memesnipe.risk.RiskConfig.INITIAL_CAPITAL_DEFAULT_USD, paramLabel = "USD",
            description = "starting equity in USD (default: ${DEFAULT-VALUE})")
    String initialCapital;

    @Option(names = "--if-absent", description = "succeed without changing anything when a deployment exists "
            + "(for a container that runs init before every start)")
    boolean ifAbsent;

    @Option(names = "--force-new", description = "replace an existing deployment (erases risk's ledger)")
    boolean forceNew;

    @Override
    public Integer call() {
        long capital;
        try {
            capital = Fixed.parse(initialCapital);
        } catch (RuntimeException e) {
            System.err.println("memesnipe init: --initial-capital '" + initialCapital + "' is not an amount in USD");
            return 2;
        }
        if (capital <= 0) {
            System.err.println("memesnipe init: --initial-capital must be > 0");
            return 2;
        }
        Settings s = Settings.empty().with(DatabaseSettings.URL_KEY, pgUrl);
        if (pgPasswordFile != null) {
            s = s.with(DatabaseSettings.PASSWORD_FILE_KEY, pgPasswordFile.toString());
        }
        if (pgCaFile != null) {
            s = s.with(DatabaseSettings.CA_FILE_KEY, pgCaFile.toString());
        }
        DatabaseSettings db;
        try {
            db = ConfigReader.validate(s, DatabaseSettings::read);
        } catch (ConfigException e) {
            System.err.println("memesnipe init: " + String.join("; ", e.problems()));
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        try {
            Deployments.Created created = Deployments.init(vertx, db, capital, forceNew,
                    System.getProperty("user.name", "operator"), System.currentTimeMillis()).await(60, TimeUnit.SECONDS);
            System.out.println("memesnipe init: " + created.describe());
            return 0;
        } catch (Deployments.DeploymentExists e) {
            if (ifAbsent && !forceNew) {
                System.out.println("memesnipe init: kept: " + e.getMessage());
                return 0;
            }
            System.err.println("memesnipe init: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("memesnipe init: " + NodeCommand.rootMessage(e));
            return 1;
        } finally {
            vertx.close();
        }
    }
}
