package dev.tasklog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tasklog.internal.DebugCallbacks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The callback runtime on its own (no agent weaves it here): DEBUG on or off decides everything. */
class DebugCallbacksWithoutAgentTest {

    static final class Counter implements DebugContext {
        final List<String> seen = new ArrayList<>();

        @Override
        public void logDebugMessage(DebugLog log, DebugEvent event) {
            seen.add(event.phase() + " " + event.method() + (event.phase() == DebugEvent.Phase.EXIT ? " " + event.returned() : ""));
            log.log("value {}", event.phase());
        }
    }

    private final Logger logger = (Logger) LoggerFactory.getLogger(Counter.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @AfterEach
    void reset() {
        logger.setLevel(null);
        logger.detachAppender(events);
    }

    @Test
    void debugOffCallsNothingAndReturnsNoToken() {
        logger.setLevel(Level.INFO);
        Counter c = new Counter();
        assertThat(DebugCallbacks.enter(c, "work")).isNull();
        DebugCallbacks.exit(null, 1, null);
        assertThat(c.seen).isEmpty();
        assertThat(DebugCallbacks.current()).isNull();
        assertThat(DebugCallbacks.enter("not a context", "work")).isNull();
    }

    @Test
    void debugOnCallsBackAtEntryAndExitWithTheContextCurrentMeanwhile() {
        logger.setLevel(Level.DEBUG);
        events.start();
        logger.addAppender(events);
        Counter c = new Counter();
        Object token = DebugCallbacks.enter(c, "work");
        assertThat(token).isNotNull();
        assertThat(DebugCallbacks.current()).isSameAs(c);
        DebugCallbacks.exit(token, 7, null);
        assertThat(DebugCallbacks.current()).isNull();
        assertThat(c.seen).containsExactly("ENTER work", "EXIT work 7");
        assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("value ENTER", "value EXIT");
        assertThat(events.list).allMatch(e -> e.getLevel() == Level.DEBUG);
    }

    @Test
    void withoutTheAgentTheFacadeScopeIsANoOp() {
        logger.setLevel(Level.DEBUG);
        Counter c = new Counter();
        try (DebugScope scope = TaskLog.debugContext(c, "block")) {
            assertThat(scope).isNotNull();
        }
        assertThat(c.seen).isEmpty();
    }
}
