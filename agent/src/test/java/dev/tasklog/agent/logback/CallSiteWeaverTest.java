package dev.tasklog.agent.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.agent.bootstrap.Hooks;
import dev.tasklog.fixtures.CallSiteFixture;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.DefaultLoggingEventBuilder;

class CallSiteWeaverTest {

    private static int lineOf(String text) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/tasklog/fixtures/CallSiteFixture.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    @Test
    void everyLoggingCallKnowsItsFileAndLineWhileItRunsAndForgetsItAfter() throws Exception {
        byte[] original;
        String name = CallSiteFixture.class.getName();
        try (InputStream in = CallSiteFixture.class.getResourceAsStream("CallSiteFixture.class")) {
            original = in.readAllBytes();
        }
        byte[] woven = new CallSiteWeaver().transform(getClass().getClassLoader(), name.replace('.', '/'), null, null, original);
        assertThat(woven).isNotNull();

        Class<?> type = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                return n.equals(name) ? defineClass(n, woven, 0, woven.length) : super.loadClass(n, resolve);
            }
        }.loadClass(name);

        List<String> seen = new ArrayList<>();
        Logger[] self = new Logger[1];
        Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isDebugEnabled":
                        case "isEnabledForLevel":
                            return true;
                        case "atWarn":
                            return new DefaultLoggingEventBuilder(self[0], Level.WARN);
                        case "getName":
                            return "recording";
                        case "info":
                        case "debug":
                        case "warn":
                        case "makeLoggingEventBuilder":
                        case "handleNormalizedLoggingCall":
                        default:
                            CallerLocator.Caller c = CallSites.get(Hooks.currentCallSite());
                            seen.add(method.getName() + " " + (c == null ? "none" : c.fileName + ":" + c.line));
                            return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                    }
                });
        self[0] = logger;
        type.getMethod("log", Logger.class).invoke(null, logger);

        assertThat(seen).startsWith(
                "info CallSiteFixture.java:" + lineOf("\"first\""),
                "debug CallSiteFixture.java:" + lineOf("\"second {}\""));
        assertThat(seen.get(seen.size() - 1)).endsWith("CallSiteFixture.java:" + lineOf("\"fluent\""));
        assertThat(Hooks.currentCallSite()).isZero();
    }

    @Test
    void classesWithoutSlf4jAreLeftAlone() {
        byte[] bytes = "no logging here".getBytes();
        assertThat(new CallSiteWeaver().transform(getClass().getClassLoader(), "com/acme/Plain", null, null, bytes)).isNull();
        assertThat(new CallSiteWeaver().transform(null, "java/lang/String", null, null, bytes)).isNull();
    }
}
