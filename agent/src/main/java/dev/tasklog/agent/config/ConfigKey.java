package dev.tasklog.agent.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Every configuration key, its default and what it accepts. */
public enum ConfigKey {
    DB_URL("db.url", "", Check.ANY),
    DB_USER("db.user", "SA", Check.ANY),
    DB_PASSWORD("db.password", "", Check.ANY),
    DB_PASSWORD_FILE("db.password-file", "", Check.ANY),
    DB_DRIVER_PATH("db.driver-path", "", Check.ANY),
    STORE("store", "true", Check.BOOLEAN),
    STORE_LEVEL("store.level", "INFO", Check.LEVEL),
    STORE_HEARTBEAT("store.heartbeat", "10", Check.SECONDS),
    STORE_NICE("store.nice", "19", Check.NICE),
    STORE_JIT("store.jit", "quick", Check.JIT),
    METHODS_RUN("methods.run", "", Check.METHODS),
    METHODS_TASK("methods.task", "", Check.METHODS),
    METHODS_SUBTASK("methods.subtask", "", Check.METHODS),
    CONSOLE("console", "true", Check.BOOLEAN),
    SUBTASK_CPU("subtask.cpu", "true", Check.BOOLEAN),
    ADMIN_PORT("admin.port", "0", Check.PORT),
    DEBUG_CONTEXTS("debug.contexts", "", Check.CONTEXTS),
    DEBUG_FROM("debug.from", "", Check.TIME),
    DEBUG_TO("debug.to", "", Check.TIME),
    /** Not a setting itself: the properties file to read the others from. */
    CONFIG("config", "", Check.ANY);

    private final String key;
    private final String defaultValue;
    private final Check check;

    ConfigKey(String key, String defaultValue, Check check) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.check = check;
    }

    /** @return the key as users write it, e.g. {@code db.url} */
    public String key() {
        return key;
    }

    /** @return the value used when no source sets the key */
    public String defaultValue() {
        return defaultValue;
    }

    /** @return the environment variable that sets this key, e.g. {@code TASKLOG_DB_URL} */
    public String environmentName() {
        return "TASKLOG_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * @param time an accepted {@code debug.from}/{@code debug.to} value, not empty
     * @return the number it stands for; a value with a unit in seconds
     */
    // The same reading as dev.tasklog.DebugFilter's, which the agent cannot call: that class lives
    // in the application's class loader, the agent's settings are checked before it is loaded.
    public static double seconds(String time) {
        String v = time.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Double.parseDouble(v.substring(0, v.length() - 2)) / 1000.0;
        }
        switch (v.charAt(v.length() - 1)) {
            case 's':
                return Double.parseDouble(v.substring(0, v.length() - 1));
            case 'm':
                return Double.parseDouble(v.substring(0, v.length() - 1)) * 60.0;
            case 'h':
                return Double.parseDouble(v.substring(0, v.length() - 1)) * 3600.0;
            default:
                return Double.parseDouble(v);
        }
    }

    /**
     * Checks a value for this key.
     *
     * @param value the raw value
     * @return null when accepted, else what the key accepts
     */
    String problemWith(String value) {
        return check.accepts(value.trim()) ? null : check.expected;
    }

    /**
     * @param key a key as users write it
     * @return the key, or null when there is no such key
     */
    public static ConfigKey byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    /** @return every key, comma-separated, for messages */
    static String allKeys() {
        StringBuilder sb = new StringBuilder();
        for (ConfigKey k : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.key);
        }
        return sb.toString();
    }

    /** The value checks. */
    /** One {@code debug.contexts} entry: a class name or pattern, optionally with names in brackets. */
    private static final String CONTEXT = "(?:[\\w$*]+(?:\\.[\\w$*]+)*(?:\\s*\\[[^\\[\\];]+\\])?)";

    private enum Check {
        ANY(".*", "anything"),
        BOOLEAN("(?i)true|false", "true or false"),
        LEVEL("(?i)TRACE|DEBUG|INFO|WARN|ERROR", "one of TRACE, DEBUG, INFO, WARN, ERROR"),
        PORT("\\d{1,5}", "a port number from 0 (off) to 65535") {
            @Override
            boolean accepts(String value) {
                return super.accepts(value) && Integer.parseInt(value) <= 65_535;
            }
        },
        SECONDS("\\d{1,5}", "a whole number of seconds from 1 to 3600") {
            @Override
            boolean accepts(String value) {
                return super.accepts(value) && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 3_600;
            }
        },
        NICE("\\d{1,2}", "a whole number from 0 (the application's own priority) to 19 (the lowest)") {
            @Override
            boolean accepts(String value) {
                return super.accepts(value) && Integer.parseInt(value) <= 19;
            }
        },
        JIT("(?i)quick|full", "quick (the embedded database compiled by the JVM's quick compiler only) or full"),
        TIME("|(?i)-?\\d+(\\.\\d+)?(ms|s|m|h)?",
                "empty, or a number (the context's own clock, or seconds since the run started), optionally with a "
                        + "unit ms, s, m or h, such as 2.5, 500ms, 30s, 5m"),
        CONTEXTS("|" + CONTEXT + "(\\s*[;,]\\s*" + CONTEXT + ")*",
                "entries like com.acme.Solver;com.acme.model.*;com.acme.**;Solver;com.acme.Pump[inlet,outlet*]"),
        METHODS("|" + MethodList.SYNTAX,
                "entries like com.acme.Job[load,transform];com.acme.Export[*];com.acme.etl.*[run];com.acme.**[*]");

        private final String regex;
        private final String expected;
        /** Compiled when a value is first checked: most keys are never set, and start-up is the agent's to keep short. */
        private volatile Pattern pattern;

        Check(String regex, String expected) {
            this.regex = regex;
            this.expected = expected;
        }

        boolean accepts(String value) {
            Pattern p = pattern;
            if (p == null) {
                p = Pattern.compile(regex);
                pattern = p;
            }
            return p.matcher(value).matches();
        }
    }
}
