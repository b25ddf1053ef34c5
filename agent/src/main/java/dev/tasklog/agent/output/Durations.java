package dev.tasklog.agent.output;

/** Formats nanoseconds the way every tasklog line shows them: seconds with three decimals. */
public final class Durations {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private Durations() {
    }

    /**
     * Formats a duration, rounded half up to the millisecond. Written out by hand rather than with
     * {@code String.format}: a job ending thousands of tasks formats tens of thousands of durations,
     * and the formatter (a locale's symbols, a parsed pattern and a floating-point conversion per
     * call) cost more CPU and JIT compilation than the rest of the task's line.
     *
     * @param nanos a duration in nanoseconds; negative means "could not be measured"
     * @return e.g. {@code 0.050s}, or {@code n/a}
     */
    public static String seconds(long nanos) {
        if (nanos < 0) {
            return "n/a";
        }
        long millis = nanos / NANOS_PER_MILLI + (nanos % NANOS_PER_MILLI >= NANOS_PER_MILLI / 2 ? 1 : 0);
        long fraction = millis % 1000;
        StringBuilder s = new StringBuilder(12).append(millis / 1000).append('.');
        if (fraction < 100) {
            s.append('0');
        }
        if (fraction < 10) {
            s.append('0');
        }
        return s.append(fraction).append('s').toString();
    }
}
