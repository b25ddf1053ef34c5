package dev.tasklog.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's configuration. Each key is taken from the first of these that sets it to a valid
 * value: the agent argument ({@code -javaagent:tasklog.jar=key=value,key=value}), the system
 * property {@code tasklog.<key>}, the environment variable {@code TASKLOG_<KEY>}, the file named by
 * {@code config} (or {@code ./tasklog.properties}), the default. Unknown keys and invalid values
 * are collected as {@link #problems()}, one line each, and skipped.
 */
public final class AgentConfig {

    private static final String SYSTEM_PREFIX = "tasklog.";
    private static final String DEFAULT_FILE = "tasklog.properties";

    private final Map<ConfigKey, String> values;
    private final List<String> problems;

    private AgentConfig(Map<ConfigKey, String> values, List<String> problems) {
        this.values = values;
        this.problems = Collections.unmodifiableList(problems);
    }

    /**
     * Reads the configuration of this JVM.
     *
     * @param agentArgs the agent argument, or null
     * @return the configuration
     */
    public static AgentConfig load(String agentArgs) {
        return load(agentArgs, System.getProperties(), System.getenv(), Path.of(""));
    }

    /**
     * Reads the configuration from the given sources.
     *
     * @param agentArgs  the agent argument, or null
     * @param properties the system properties
     * @param env        the environment
     * @param workingDir where {@code tasklog.properties} is looked for
     * @return the configuration
     */
    public static AgentConfig load(String agentArgs, Properties properties, Map<String, String> env, Path workingDir) {
        List<String> problems = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("the agent argument", AgentArguments.parse(agentArgs, problems)));
        sources.add(fromSystemProperties(properties, problems));
        sources.add(fromEnvironment(env, problems));
        Source file = fromFile(sources, workingDir, problems);
        if (file != null) {
            sources.add(file);
        }
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            values.put(key, resolve(key, sources, problems));
        }
        return new AgentConfig(values, problems);
    }

    private static String resolve(ConfigKey key, List<Source> sources, List<String> problems) {
        List<String> rejected = new ArrayList<>();
        for (Source source : sources) {
            String raw = source.values.get(key.key());
            if (raw == null) {
                continue;
            }
            String expected = key.problemWith(raw);
            if (expected == null) {
                reportRejected(key, rejected, raw.trim(), problems);
                return raw.trim();
            }
            rejected.add("bad value '" + raw + "' for " + key.key() + " in " + source.describe(key) + ": expected " + expected);
        }
        reportRejected(key, rejected, key.defaultValue(), problems);
        return key.defaultValue();
    }

    private static void reportRejected(ConfigKey key, List<String> rejected, String used, List<String> problems) {
        for (String r : rejected) {
            problems.add(r + "; using " + (used.isEmpty() ? "nothing (empty)" : "'" + used + "'"));
        }
    }

    private static Source fromSystemProperties(Properties properties, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith(SYSTEM_PREFIX)) {
                continue;
            }
            String key = name.substring(SYSTEM_PREFIX.length());
            if (ConfigKey.byKey(key) == null) {
                problems.add(unknown(key, "system property " + name));
            } else {
                values.put(key, properties.getProperty(name));
            }
        }
        return new Source("system property", values) {
            @Override
            String describe(ConfigKey key) {
                return "system property " + SYSTEM_PREFIX + key.key();
            }
        };
    }

    private static Source fromEnvironment(Map<String, String> env, List<String> problems) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            byEnvName.put(key.environmentName(), key.key());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith("TASKLOG_")) {
                continue;
            }
            String key = byEnvName.get(e.getKey());
            if (key == null) {
                problems.add(unknown(e.getKey(), "environment variable " + e.getKey()));
            } else {
                values.put(key, e.getValue());
            }
        }
        return new Source("environment", values) {
            @Override
            String describe(ConfigKey key) {
                return "environment variable " + key.environmentName();
            }
        };
    }

    private static Source fromFile(List<Source> earlier, Path workingDir, List<String> problems) {
        String named = null;
        for (Source s : earlier) {
            named = s.values.get(ConfigKey.CONFIG.key());
            if (named != null) {
                break;
            }
        }
        Path file = named != null ? workingDir.resolve(named.trim()) : workingDir.resolve(DEFAULT_FILE);
        if (!Files.isRegularFile(file)) {
            if (named != null) {
                problems.add("config file '" + named + "' (key config) not found; its settings are not used");
            }
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            problems.add("config file '" + file + "' could not be read (" + e.getMessage() + "); its settings are not used");
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (ConfigKey.byKey(key) == null) {
                problems.add(unknown(key, "config file " + file));
            } else if (!key.equals(ConfigKey.CONFIG.key())) {
                values.put(key, p.getProperty(key));
            }
        }
        String where = "config file " + file;
        return new Source(where, values);
    }

    private static String unknown(String key, String where) {
        return "unknown key '" + key + "' in " + where + " (ignored); known keys: " + ConfigKey.allKeys();
    }

    /**
     * @param key a key
     * @return its value (trimmed), or its default
     */
    public String string(ConfigKey key) {
        return values.get(key);
    }

    /**
     * @param key a boolean key
     * @return its value
     */
    public boolean bool(ConfigKey key) {
        return Boolean.parseBoolean(values.get(key));
    }

    /**
     * @param key an integer key
     * @return its value
     */
    public int integer(ConfigKey key) {
        return Integer.parseInt(values.get(key));
    }

    /**
     * @param key one of the {@code methods.*} keys
     * @return the methods it names
     */
    public MethodList methods(ConfigKey key) {
        return MethodList.parse(values.get(key));
    }

    /** @return one line per unknown key, invalid value or unreadable file, in the order found */
    public List<String> problems() {
        return problems;
    }

    /** Values from one place, by key. */
    private static class Source {
        final String name;
        final Map<String, String> values;

        Source(String name, Map<String, String> values) {
            this.name = name;
            this.values = values;
        }

        String describe(ConfigKey key) {
            return name;
        }
    }
}
