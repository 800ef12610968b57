package memesnipe.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One MemeSnipe node (or command) running as its own JVM from the built jar, output captured to a file. */
final class NodeProcess {
    static final Path JAR = Path.of(System.getProperty("memesnipe.jar", "../cli/target/memesnipe.jar")).toAbsolutePath();

    private final List<String> command;
    private final Path log;
    private Process process;

    NodeProcess(Path logDir, String name, List<String> args) {
        this.command = new ArrayList<>(List.of(javaBin(), "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString()));
        this.command.addAll(args);
        this.log = logDir.resolve(name + ".log");
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    NodeProcess start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("MEMESNIPE_"));
        process = pb.start();
        return this;
    }

    /** SIGKILL: no shutdown hooks, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }

    /** Runs to completion (for one-shot commands) and returns the exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("process did not finish in " + timeout + ": " + command);
        }
        return process.exitValue();
    }

    /** The exit code of a process that has ended. */
    int exitCode() {
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Ports handed out in this JVM: the OS may offer a just-closed port again, and two nodes must never share one. */
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    static synchronized int freePort() throws IOException {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("no free port not handed out before");
    }
}
