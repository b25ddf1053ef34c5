package dev.tasklog.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the agent argument {@code key=value,key=value}. A comma inside brackets belongs to the
 * value, so {@code methods.task=com.acme.Job[load,transform],console=false} is two settings.
 */
final class AgentArguments {

    private AgentArguments() {
    }

    static Map<String, String> parse(String args, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        if (args == null || args.trim().isEmpty()) {
            return values;
        }
        for (String part : split(args)) {
            if (part.trim().isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                problems.add("malformed setting '" + part + "' in the agent argument: expected key=value (ignored)");
                continue;
            }
            String key = part.substring(0, eq).trim();
            if (ConfigKey.byKey(key) == null) {
                problems.add("unknown key '" + key + "' in the agent argument (ignored); known keys: " + ConfigKey.allKeys());
                continue;
            }
            values.put(key, part.substring(eq + 1));
        }
        return values;
    }

    private static List<String> split(String args) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(args.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(args.substring(start));
        return parts;
    }
}
