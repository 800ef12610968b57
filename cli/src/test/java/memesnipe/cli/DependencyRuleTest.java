package memesnipe.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision cores are plain Java: no Vert.x, gRPC, protobuf (generated memesnipe.v1 or the runtime) and no node
 * kit (which carries Vert.x), whether imported or written out in full. That is what lets one kernel run them live and
 * in a backtest. Every source file of these packages is read; the test fails naming the file, line and reference.
 */
class DependencyRuleTest {
    /** Decision-core source directories, relative to the project root (subpackages included). */
    static final List<String> CORES = List.of(
            "model/src/main/java/memesnipe/model",
            "strategy-node/src/main/java/memesnipe/strategy/core",
            "risk-node/src/main/java/memesnipe/risk/engine",
            "risk-node/src/main/java/memesnipe/risk/portfolio",
            "risk-node/src/main/java/memesnipe/risk/breaker",
            "risk-node/src/main/java/memesnipe/risk/limits",
            "risk-node/src/main/java/memesnipe/risk/quality",
            "risk-node/src/main/java/memesnipe/risk/promotion",
            "executor-node/src/main/java/memesnipe/executor/venue",
            "signer-node/src/main/java/memesnipe/signer/policy",
            "gateway/src/main/java/memesnipe/gateway/validation",
            "backtest/src/main/java/memesnipe/backtest",
            "performance/src/main/java/memesnipe/performance");
    static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(io\\.vertx|io\\.grpc|io\\.netty|com\\.google\\.protobuf|memesnipe\\.v1|memesnipe\\.kit)\\.");

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("model/pom.xml"))) {
            p = p.getParent();
        }
        assertThat(p).as("project root (with model/pom.xml) above " + Path.of("").toAbsolutePath()).isNotNull();
        return p;
    }

    @Test
    void decisionCores_referenceNoVertxGrpcProtobufOrNodeKit() throws IOException {
        Path root = root();
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String dir : CORES) {
            Path d = root.resolve(dir);
            assertThat(d).as("core package directory").isDirectory();
            try (Stream<Path> walk = Files.walk(d)) {
                for (Path f : walk.filter(x -> x.toString().endsWith(".java")).toList()) {
                    files++;
                    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        String code = withoutComment(lines.get(i));
                        Matcher m = FORBIDDEN.matcher(code);
                        if (m.find()) {
                            violations.add(root.relativize(f) + ":" + (i + 1) + " " + code.strip());
                        }
                    }
                }
            }
        }
        assertThat(files).as("core source files read").isGreaterThan(40);
        assertThat(violations).as("references from decision cores to Vert.x, gRPC, protobuf or the node kit").isEmpty();
    }

    @Test
    void theRule_catchesAnImportAndAFullyQualifiedReference_butNotAComment() {
        assertThat(FORBIDDEN.matcher(withoutComment("import io.vertx.core.Future;")).find()).isTrue();
        assertThat(FORBIDDEN.matcher(withoutComment("x = memesnipe.v1.Side.BUY;")).find()).isTrue();
        assertThat(FORBIDDEN.matcher(withoutComment("// see memesnipe.v1.Side")).find()).isFalse();
        assertThat(FORBIDDEN.matcher(withoutComment(" * the wire's memesnipe.v1.Fill")).find()).isFalse();
    }

    /** The line without a trailing // comment, and empty for a javadoc or block comment line. */
    static String withoutComment(String line) {
        String t = line.strip();
        if (t.startsWith("*") || t.startsWith("/*")) {
            return "";
        }
        int c = line.indexOf("//");
        return c >= 0 ? line.substring(0, c) : line;
    }
}
