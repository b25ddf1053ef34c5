package dev.tasklog.agent.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one command: {@code --name value} options, {@code --flag}s and positional
 * arguments. Anything not declared is a usage error.
 */
final class CliArgs {

    private final Map<String, List<String>> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CliArgs() {
    }

    /**
     * @param args         the arguments after the command
     * @param valued       options that take a value (repeatable)
     * @param flags        options without a value
     * @param multiValued  valued options that take every following non-option argument (e.g. {@code --run 1 2 3})
     * @return the parsed arguments
     * @throws UsageException on anything unknown or incomplete
     */
    static CliArgs parse(List<String> args, Set<String> valued, Set<String> flags, Set<String> multiValued) {
        CliArgs parsed = new CliArgs();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (flags.contains(a)) {
                parsed.options.computeIfAbsent(a, k -> new ArrayList<>());
            } else if (valued.contains(a) || multiValued.contains(a)) {
                List<String> values = parsed.options.computeIfAbsent(a, k -> new ArrayList<>());
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(a + " needs a value");
                }
                values.add(args.get(++i));
                while (multiValued.contains(a) && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    values.add(args.get(++i));
                }
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else {
                parsed.positional.add(a);
            }
        }
        return parsed;
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    String value(String option, String absent) {
        List<String> v = options.get(option);
        return v == null || v.isEmpty() ? absent : v.get(v.size() - 1);
    }

    List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }

    int intValue(String option, int absent, int min) {
        String v = value(option, null);
        if (v == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new UsageException(option + " must be at least " + min + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number, not '" + v + "'");
        }
    }

    List<String> positional() {
        return positional;
    }

    /** A command line that does not fit the command. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
