package memesnipe.kit.config;

import io.vertx.core.net.SocketAddress;

/** A host and TCP port, written host:port. */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535");
        }
    }

    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("must be host:port");
        }
        try {
            return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be host:port with a numeric port");
        }
    }

    public SocketAddress socketAddress() {
        return SocketAddress.inetSocketAddress(port, host);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
