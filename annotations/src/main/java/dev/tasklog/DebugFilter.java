package dev.tasklog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The two debug filters of {@link DebugContext}s: which contexts (by class, and optionally by the
 * name a context reports) and which window of time. The agent builds one from {@code debug.contexts},
 * {@code debug.from} and {@code debug.to}; the logback filters in {@code dev.tasklog.logback} build
 * one from their properties. Both use the syntax below.
 *
 * <p>Contexts: entries separated by {@code ;} (or {@code ,} outside brackets). An entry is a class
 * name, where {@code *} stands for any part of one package or class name and {@code **} for any
 * run of packages ({@code com.acme.Solver}, {@code com.acme.model.*}, {@code com.acme.**}); an entry
 * without a dot matches the simple class name ({@code Solver}, {@code *Pump}). An entry may name
 * the contexts it selects in brackets, by {@link DebugContext#debugName()}:
 * {@code com.acme.Pump[inlet,outlet*]}. Empty: every context.
 *
 * <p>Time: {@code from} and {@code to} are each empty (open) or a number, optionally with a unit
 * {@code ms}, {@code s}, {@code m} or {@code h} (converted to seconds). The window is inclusive.
 * It is compared with the context's own clock ({@link DebugContext#debugTime()}) when it has one,
 * else with the seconds since the current run started.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class DebugFilter {

    /** Accepts every context at every time. */
    public static final DebugFilter ALL = new DebugFilter(Collections.<Entry>emptyList(), Double.NaN, Double.NaN);

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(ms|s|m|h)?");

    private final List<Entry> entries;
    private final double from;
    private final double to;

    private DebugFilter(List<Entry> entries, double from, double to) {
        this.entries = entries;
        this.from = from;
        this.to = to;
    }

    /**
     * Parses the three settings.
     *
     * @param contexts the context filter, empty or null for every context
     * @param from     start of the time window, empty or null for none
     * @param to       end of the time window, empty or null for none
     * @return the filter
     * @throws IllegalArgumentException naming the setting and what it accepts, when one is malformed
     */
    public static DebugFilter of(String contexts, String from, String to) {
        List<Entry> entries = parseContexts(contexts == null ? "" : contexts.trim());
        double start = parseTime("debug.from", from);
        double end = parseTime("debug.to", to);
        if (!Double.isNaN(start) && !Double.isNaN(end) && start > end) {
            throw new IllegalArgumentException("debug.from (" + from.trim() + ") is after debug.to (" + to.trim() + ")");
        }
        return entries.isEmpty() && Double.isNaN(start) && Double.isNaN(end) ? ALL : new DebugFilter(entries, start, end);
    }

    /** @return whether this filter selects by context at all */
    public boolean selectsContexts() {
        return !entries.isEmpty();
    }

    /** @return whether this filter has a time window */
    public boolean hasTimeWindow() {
        return !Double.isNaN(from) || !Double.isNaN(to);
    }

    /**
     * @param context a context
     * @return whether the context filter selects it
     */
    public boolean acceptsContext(DebugContext context) {
        if (entries.isEmpty()) {
            return true;
        }
        String className = context.getClass().getName();
        String name = null;
        boolean nameAsked = false;
        for (Entry e : entries) {
            if (!e.matchesClass(className)) {
                continue;
            }
            if (e.names.isEmpty()) {
                return true;
            }
            if (!nameAsked) {
                name = context.debugName();
                nameAsked = true;
            }
            if (name != null && e.matchesName(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param time the context's own time, or seconds since its run started; NaN when neither is
     *             known (then the window cannot exclude anything)
     * @return whether the time lies inside the window
     */
    public boolean acceptsTime(double time) {
        if (Double.isNaN(time)) {
            return true;
        }
        return (Double.isNaN(from) || time >= from) && (Double.isNaN(to) || time <= to);
    }

    private static double parseTime(String key, String value) {
        if (value == null || value.trim().isEmpty()) {
            return Double.NaN;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!NUMBER.matcher(v).matches()) {
            throw new IllegalArgumentException(key + " must be empty or a number, optionally with a unit "
                    + "ms, s, m or h (such as 2.5, 500ms, 30s, 5m); got '" + value.trim() + "'");
        }
        if (v.endsWith("ms")) {
            return Double.parseDouble(v.substring(0, v.length() - 2)) / 1000.0;
        }
        char unit = v.charAt(v.length() - 1);
        switch (unit) {
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

    private static List<Entry> parseContexts(String spec) {
        List<Entry> entries = new ArrayList<Entry>();
        for (String raw : splitTopLevel(spec)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int open = entry.indexOf('[');
            String classPart = open < 0 ? entry : entry.substring(0, open).trim();
            List<Pattern> names = new ArrayList<Pattern>();
            if (open >= 0) {
                if (!entry.endsWith("]") || entry.indexOf('[', open + 1) >= 0) {
                    throw badContext(entry);
                }
                for (String n : entry.substring(open + 1, entry.length() - 1).split(",")) {
                    if (n.trim().isEmpty()) {
                        throw badContext(entry);
                    }
                    names.add(glob(n.trim(), true));
                }
            }
            if (classPart.isEmpty() || !classPart.matches("[\\w$.*]+") || classPart.startsWith(".")
                    || classPart.endsWith(".") || classPart.contains("..")) {
                throw badContext(entry);
            }
            boolean qualified = classPart.indexOf('.') >= 0 || classPart.contains("**");
            entries.add(new Entry(glob(classPart, false), qualified, names));
        }
        return Collections.unmodifiableList(entries);
    }

    private static IllegalArgumentException badContext(String entry) {
        return new IllegalArgumentException("debug.contexts entry '" + entry + "' is not a class name or pattern "
                + "(com.acme.Solver, com.acme.model.*, com.acme.**, Solver), optionally with names in brackets "
                + "(com.acme.Pump[inlet,outlet*])");
    }

    /** Splits at {@code ;} always and at {@code ,} outside brackets. */
    private static List<String> splitTopLevel(String spec) {
        List<String> parts = new ArrayList<String>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ';' || (c == ',' && depth == 0)) {
                parts.add(spec.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(spec.substring(start));
        return parts;
    }

    /**
     * @param glob    the pattern
     * @param anyChar whether {@code *} may also match dots (names), or stays within one segment
     *                (class names, where {@code **} crosses segments)
     */
    private static Pattern glob(String glob, boolean anyChar) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (!anyChar && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else {
                    regex.append(anyChar ? ".*" : "[^.]*");
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static final class Entry {
        final Pattern classPattern;
        final boolean qualified;
        final List<Pattern> names;

        Entry(Pattern classPattern, boolean qualified, List<Pattern> names) {
            this.classPattern = classPattern;
            this.qualified = qualified;
            this.names = names;
        }

        boolean matchesClass(String className) {
            String candidate = qualified ? className : className.substring(className.lastIndexOf('.') + 1);
            return classPattern.matcher(candidate).matches();
        }

        boolean matchesName(String name) {
            for (Pattern p : names) {
                if (p.matcher(name).matches()) {
                    return true;
                }
            }
            return false;
        }
    }
}
