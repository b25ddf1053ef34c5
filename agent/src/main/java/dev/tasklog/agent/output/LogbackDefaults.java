package dev.tasklog.agent.output;

import java.lang.reflect.Method;

/**
 * When the application has logback but no logback configuration at all, logback logs everything
 * from DEBUG up to the console. The agent then raises the root level to INFO: a sensible console
 * for a batch job, and the level tasklog stores by default. Any configuration file (or the
 * {@code logback.configurationFile} property) means the application decides, and nothing is touched.
 */
final class LogbackDefaults {

    private static final String[] CONFIG_FILES = {"logback-test.xml", "logback.xml", "logback.groovy"};

    private LogbackDefaults() {
    }

    static void applyIfUnconfigured(ClassLoader loader) {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        for (String file : CONFIG_FILES) {
            if (loader.getResource(file) != null) {
                return;
            }
        }
        try {
            Object context = Class.forName("org.slf4j.LoggerFactory", true, loader).getMethod("getILoggerFactory").invoke(null);
            Object root = context.getClass().getMethod("getLogger", String.class).invoke(context, "ROOT");
            Class<?> levelType = Class.forName("ch.qos.logback.classic.Level", true, loader);
            Method getLevel = root.getClass().getMethod("getLevel");
            Object debug = levelType.getField("DEBUG").get(null);
            if (debug.equals(getLevel.invoke(root))) {
                root.getClass().getMethod("setLevel", levelType).invoke(root, levelType.getField("INFO").get(null));
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // an unusual logback: leave it as it is
        }
    }
}
