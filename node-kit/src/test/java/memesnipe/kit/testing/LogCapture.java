package memesnipe.kit.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * Captures everything logged (every logger, every thread) while it is open, rendered with the same kind of
 * pattern the nodes use, so a test can read the log as an operator's terminal or log shipper would: one entry per
 * line, each line starting with a timestamp and a level.
 */
public final class LogCapture implements AutoCloseable {
    /** How every genuine log line starts with {@link #PATTERN}. */
    private static final Pattern HEADER = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR) .*");
    /** Stack traces are left out: they span lines by design. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n%nopex";

    private final Logger root;
    private final ch.qos.logback.classic.Level rootLevel;
    private final PatternLayout layout = new PatternLayout();
    private final Queue<String> rendered = new ConcurrentLinkedQueue<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            rendered.add(layout.doLayout(event));
        }
    };

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        appender.setContext(context);
        appender.setName("capture-" + System.identityHashCode(this));
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing at the configured levels. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /**
     * Starts capturing with the root logger at {@code level} (as an operator's MEMESNIPE_LOG_LEVEL sets it; loggers
     * configured with a level of their own keep it). The root level is restored on close.
     */
    public static LogCapture startAt(ch.qos.logback.classic.Level level) {
        LogCapture capture = new LogCapture();
        capture.root.setLevel(level);
        return capture;
    }

    /** Everything captured so far, as one text. */
    public String text() {
        return String.join("", rendered);
    }

    /**
     * Every line of the captured text, split wherever a terminal or a log shipper would start a new line (LF, CR,
     * VT, FF, NEL, U+2028, U+2029).
     */
    public List<String> lines() {
        return Arrays.stream(text().split("\\R")).filter(l -> !l.isEmpty()).toList();
    }

    /** Lines that do not start like a log entry: text that escaped onto a line of its own. */
    public List<String> forgedLines() {
        return lines().stream().filter(l -> !HEADER.matcher(l).matches()).toList();
    }

    @Override
    public void close() {
        root.setLevel(rootLevel);
        root.detachAppender(appender);
        appender.stop();
    }
}
