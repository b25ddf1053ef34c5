package dev.tasklog.agent.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the commands show times and durations. */
final class Format {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** @return an ISO instant shown in this machine's time zone, or "-" */
    static String local(String iso) {
        return iso == null ? "-" : LOCAL.format(java.time.Instant.parse(iso));
    }

    /** @return milliseconds as seconds, e.g. {@code 1.234s}, or "-" */
    static String millis(Long ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.3fs", ms / 1000.0);
    }

    /** @return nanoseconds as seconds, e.g. {@code 1.234s}, or "n/a" */
    static String nanos(Long ns) {
        return ns == null ? "n/a" : String.format(Locale.ROOT, "%.3fs", ns / 1e9);
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
