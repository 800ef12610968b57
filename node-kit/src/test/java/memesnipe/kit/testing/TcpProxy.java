package memesnipe.kit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a loopback port in front of a real server (PostgreSQL, Redis), so a test can cut a node off
 * from it ({@link #cut()}: every open connection dropped, new ones refused) and restore it ({@link #restore()})
 * without stopping the shared server. Plain threads; test code only.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final InetAddress bindAddress;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean closed;

    private TcpProxy(InetAddress bindAddress, int targetPort, int port) {
        this.bindAddress = bindAddress;
        this.targetPort = targetPort;
        this.port = port;
    }

    /** Starts relaying a free loopback port to 127.0.0.1:targetPort. */
    public static TcpProxy to(int targetPort) throws IOException {
        return on(InetAddress.getLoopbackAddress(), targetPort);
    }

    /**
     * Starts relaying a free port of this host address (e.g. a container network's gateway, so that containers reach
     * a server that listens on loopback only) to 127.0.0.1:targetPort.
     */
    public static TcpProxy on(InetAddress bindAddress, int targetPort) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, bindAddress)) {
            port = probe.getLocalPort();
        }
        TcpProxy p = new TcpProxy(bindAddress, targetPort, port);
        p.restore();
        return p;
    }

    public int port() {
        return port;
    }

    /** Drops every relayed connection and refuses new ones (the server looks unreachable). */
    public synchronized void cut() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** Accepts and relays connections again. */
    public synchronized void restore() throws IOException {
        if (listener != null || closed) {
            return;
        }
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(bindAddress, port));
        listener = ss;
        Thread t = new Thread(() -> acceptLoop(ss), "tcp-proxy-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop(ServerSocket ss) {
        while (!ss.isClosed()) {
            try {
                Socket client = ss.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (this) {
                    if (listener != ss) { // cut() ran while this connection was being set up: it must not survive
                        closeQuietly(client);
                        closeQuietly(server);
                        return;
                    }
                    open.add(client);
                    open.add(server);
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                return; // listener closed by cut() or close()
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        cut();
    }
}
