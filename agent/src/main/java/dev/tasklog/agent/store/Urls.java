package dev.tasklog.agent.store;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** The default store location, and JDBC URLs made safe to print. */
public final class Urls {


    private Urls() {
    }

    /**
     * @param workingDir the application's working directory
     * @return the embedded HSQLDB file database under {@code tasklog-data/}
     */
    public static String embeddedDefault(Path workingDir) {
        return "jdbc:hsqldb:file:" + workingDir.toAbsolutePath().normalize().resolve("tasklog-data").resolve("tasklog");
    }

    /**
     * @param configured the {@code db.url} setting, empty for the default
     * @return the URL to use
     */
    public static String resolve(String configured) {
        return configured == null || configured.isEmpty() ? embeddedDefault(Path.of("")) : configured;
    }

    /**
     * @param url a JDBC URL
     * @return the URL with any password-like parameter replaced by {@code ***}
     */
    public static String safe(String url) {
        return url == null ? null : Secret.PARAMETER.matcher(url).replaceAll("$1=***");
    }

    /** Compiled on first use, not when the agent starts. */
    private static final class Secret {
        static final Pattern PARAMETER = Pattern.compile("(?i)(password|pwd|secret|token)=([^;&]*)");
    }
}
