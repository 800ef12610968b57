package memesnipe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident set size of this process, as Linux reports it (/proc/self/status), for the benchmarks. */
final class Rss {
    private Rss() {
    }

    /** VmRSS as the kernel prints it (e.g. "412345 kB"), or "n/a" off Linux. */
    static String text() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return "n/a";
    }

    /** VmRSS in MiB, or -1 off Linux. */
    static long mib() {
        String t = text();
        return t.endsWith(" kB") ? Long.parseLong(t.substring(0, t.length() - 3).trim()) / 1024 : -1;
    }
}
