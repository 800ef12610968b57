package memesnipe.cli;

import memesnipe.kit.config.HostPort;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the risk node is and the operator's admin certificate: the options of every command that calls risk. */
final class RiskAdminOptions {
    @Option(names = "--risk", defaultValue = "127.0.0.1:7003", description = "risk node gRPC address (default: ${DEFAULT-VALUE})")
    String risk;

    @Option(names = "--certs", defaultValue = "certs", paramLabel = "DIR",
            description = "directory with ca.pem, admin.pem, admin-key.pem (default: ${DEFAULT-VALUE})")
    Path certs;

    HostPort address() {
        return HostPort.parse(risk);
    }
}
