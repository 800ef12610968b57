package memesnipe.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped log configuration: one entry, one line, whatever a library puts into a message. */
class LogPatternTest {
    private final PrintStream stderr = System.err;

    @AfterEach
    void restore() throws Exception {
        System.setErr(stderr);
        System.clearProperty(Main.LOG_FORMAT);
        configure(); // back to the shipped configuration, writing to the real stderr
    }

    @Test
    void shippedPattern_keepsALineBreakInAMessage_onTheEntrysOwnLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        configure();
        LoggerFactory.getLogger("memesnipe.test").warn("peer said: {}",
                "ok\n12:00:00.000 ERROR [main] x - FORGED LINE\r\u2028\u0085\u000B end");
        // the appender is asynchronous: the line is written by its own thread
        memesnipe.kit.testing.Await.until("the entry is written", java.time.Duration.ofSeconds(10),
                () -> out.toString(StandardCharsets.UTF_8).contains("end"));
        String logged = out.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("FORGED LINE", "\\n");
        assertThat(logged.split("\\R", -1)).hasSize(2); // the entry, then the empty rest after its own newline
    }

    @Test
    void jsonFormat_writesOneObjectPerEntry_withTheMessageEscapedInside() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setProperty(Main.LOG_FORMAT, "JSON");
        configure();
        LoggerFactory.getLogger("memesnipe.test").warn("peer said: {}", "ok\n{\"level\":\"ERROR\"} FORGED\u2028 end");
        memesnipe.kit.testing.Await.until("the entry is written", java.time.Duration.ofSeconds(10),
                () -> out.toString(StandardCharsets.UTF_8).contains("end"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1);
        io.vertx.core.json.JsonObject entry = new io.vertx.core.json.JsonObject(lines[0]);
        assertThat(entry.getString("level")).isEqualTo("WARN");
        assertThat(entry.getString("loggerName")).isEqualTo("memesnipe.test");
        assertThat(entry.getString("formattedMessage")).isEqualTo("peer said: ok\n{\"level\":\"ERROR\"} FORGED\u2028 end");
    }

    private static void configure() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogPatternTest.class.getResource("/logback.xml"));
    }
}
