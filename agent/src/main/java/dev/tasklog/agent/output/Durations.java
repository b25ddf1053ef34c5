package dev.tasklog.agent.output;

import java.util.Locale;

/** Formats nanoseconds the way every tasklog line shows them: seconds with three decimals. */
public final class Durations {

    private Durations() {
    }

    /**
     * Formats a duration.
     *
     * @param nanos a duration in nanoseconds; negative means "could not be measured"
     * @return e.g. {@code 0.050s}, or {@code n/a}
     */
    public static String seconds(long nanos) {
        if (nanos < 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }
}
