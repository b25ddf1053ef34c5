package dev.tasklog.agent.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The value of {@code methods.run}, {@code methods.task} and {@code methods.subtask}:
 * {@code com.acme.Job[load,transform];com.acme.Export[*]} names methods to treat as if annotated.
 * A class may end in {@code .*} (every class of that package) or {@code .**} (every class of that
 * package and the packages below it); {@code [*]} means every method the class declares.
 */
public final class MethodList {

    private static final String NAME = "[\\p{L}_$][\\p{L}\\p{N}_$]*";
    /** One or more entries {@code class[methods]} separated by {@code ;}. */
    static final String SYNTAX = "\\s*" + entry() + "(\\s*;\\s*" + entry() + ")*\\s*;?\\s*";

    private final List<Entry> entries;

    private MethodList(List<Entry> entries) {
        this.entries = entries;
    }

    private static String entry() {
        String className = NAME + "(\\." + NAME + ")*(\\.\\*\\*?)?";
        String methods = "(\\*|" + NAME + "(\\s*,\\s*" + NAME + ")*)";
        return className + "\\[\\s*" + methods + "\\s*\\]";
    }

    /**
     * Parses a value already checked against {@link #SYNTAX}.
     *
     * @param value the configured value; empty means no methods
     * @return the entries
     */
    public static MethodList parse(String value) {
        List<Entry> entries = new ArrayList<>();
        for (String part : value.split(";")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int open = trimmed.indexOf('[');
            String type = trimmed.substring(0, open).trim();
            Set<String> methods = new LinkedHashSet<>();
            for (String m : trimmed.substring(open + 1, trimmed.length() - 1).split(",")) {
                methods.add(m.trim());
            }
            entries.add(new Entry(type, methods));
        }
        return new MethodList(Collections.unmodifiableList(entries));
    }

    /** @return the entries in the order written */
    public List<Entry> entries() {
        return entries;
    }

    /** One {@code class[methods]} entry. */
    public static final class Entry {
        private final String className;
        private final Set<String> methods;

        Entry(String className, Set<String> methods) {
            this.className = className;
            this.methods = Collections.unmodifiableSet(methods);
        }

        /** @return the class's binary name, or the package pattern ({@code com.acme.*}, {@code com.acme.**}) */
        public String className() {
            return className;
        }

        /**
         * @param binaryName a class's binary name, e.g. {@code com.acme.Job$Step}
         * @return whether this entry names that class
         */
        public boolean matchesClass(String binaryName) {
            if (className.endsWith(".**")) {
                return binaryName.startsWith(className.substring(0, className.length() - 2));
            }
            if (className.endsWith(".*")) {
                String pkg = className.substring(0, className.length() - 1);
                return binaryName.startsWith(pkg) && binaryName.indexOf('.', pkg.length()) < 0;
            }
            return binaryName.equals(className);
        }

        /**
         * @param methodName a method's name
         * @return whether this entry names that method
         */
        public boolean matchesMethod(String methodName) {
            return allMethods() || methods.contains(methodName);
        }

        /** @return whether every method of the class is meant ({@code [*]}) */
        public boolean allMethods() {
            return methods.contains("*");
        }

        /** @return the method names */
        public Set<String> methods() {
            return methods;
        }

        @Override
        public String toString() {
            return className + Arrays.toString(methods.toArray());
        }
    }
}
