package dev.tasklog.agent.weave;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tasklog.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into logback's {@code Logger.callAppenders(ILoggingEvent)}: every event the application
 * logs through logback, on the thread that logs it, whatever its configuration, before its
 * appenders see it. Compiled against logback, but only ever runs inside the application's copy.
 */
public final class LogbackAdvice {

    private LogbackAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) ILoggingEvent event) {
        Hooks.logEvent(event, event.getLoggerName(), event.getLevel().toInt());
    }
}
