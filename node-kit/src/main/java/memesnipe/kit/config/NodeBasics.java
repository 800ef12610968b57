package memesnipe.kit.config;

import memesnipe.model.text.Printable;

import memesnipe.kit.http.HttpLimits;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;

import java.nio.file.Path;

/**
 * Settings every node has: where its gRPC server listens, its TLS files (certsDir is the directory written by
 * `memesnipe certs`, where other key files such as risk's approval key default to; null when the value was bad)
 * and how long HTTP clients may take. Keys: host, grpc-port, certs-dir, tls-ca, tls-cert, tls-key, and those of
 * {@link HttpLimits}.
 */
public record NodeBasics(NodeName node, String host, int grpcPort, TlsFiles tls, Path certsDir, HttpLimits http) {

    /** Reads the common keys; TLS files default to the layout of certs-dir. */
    public static NodeBasics read(ConfigReader r, NodeName node, int defaultPort) {
        String host = r.string("host", "0.0.0.0", "address the gRPC server binds to");
        int port = r.port("grpc-port", defaultPort, "gRPC port (TLS; also serves /health and /metrics); 0 picks a free port");
        Path dir = r.path("certs-dir", "certs", "directory written by 'memesnipe certs'");
        TlsFiles defaults = dir == null ? null : TlsFiles.inDir(dir, node);
        Path ca = r.path("tls-ca", defaults == null ? "ca.pem" : defaults.ca().toString(), "CA certificate (PEM)");
        Path cert = r.path("tls-cert", defaults == null ? "cert.pem" : defaults.cert().toString(), "this node's certificate (PEM)");
        Path key = r.path("tls-key", defaults == null ? "key.pem" : defaults.key().toString(), "this node's private key (PKCS#8 PEM)");
        TlsFiles tls = new TlsFiles(ca, cert, key);
        for (String p : tls.problems()) {
            r.problem(Printable.of(p, 500)); // names files, which may be anything an operator typed
        }
        return new NodeBasics(node, host, port, tls, dir, HttpLimits.read(r));
    }
}
