package dev.tasklog.agent.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the {@code EXTRA} column: a JSON object that is valid whatever the values hold (quotes,
 * control characters, unicode, nulls, numbers of any size). Numbers stay numbers where JSON can
 * carry them; NaN and infinities, and every other object, become strings.
 */
public final class Json {

    private Json() {
    }

    /**
     * @param fields names and values, in order
     * @return a JSON object, at most {@link Limits#EXTRA} characters
     */
    public static String object(Map<String, ?> fields) {
        StringBuilder sb = new StringBuilder();
        appendObject(sb, fields, 0, true);
        if (sb.length() > Limits.EXTRA) {
            return "{\"tasklog.truncated\":\"EXTRA of " + sb.length() + " chars exceeded the limit of " + Limits.EXTRA + "\"}";
        }
        return sb.toString();
    }

    /**
     * Writes any value (maps, collections, strings, numbers, booleans, null) as JSON, without limits:
     * for the command line's {@code --json} output.
     *
     * @param value the value
     * @return its JSON text
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        appendValue(sb, value, 0, false);
        return sb.toString();
    }

    private static void appendObject(StringBuilder sb, Map<?, ?> map, int depth, boolean limited) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendString(sb, String.valueOf(e.getKey()));
            sb.append(':');
            appendValue(sb, e.getValue(), depth + 1, limited);
        }
        sb.append('}');
    }

    private static void appendValue(StringBuilder sb, Object v, int depth, boolean limited) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof BigDecimal) {
            sb.append(((BigDecimal) v).toString());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                appendString(sb, v.toString());
            } else {
                sb.append(v);
            }
        } else if ((depth < 8 || !limited) && v instanceof Map) {
            appendObject(sb, (Map<?, ?>) v, depth, limited);
        } else if ((depth < 8 || !limited) && v instanceof Collection) {
            sb.append('[');
            boolean first = true;
            for (Object item : (Collection<?>) v) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendValue(sb, item, depth + 1, limited);
            }
            sb.append(']');
        } else {
            String s;
            try {
                s = String.valueOf(v);
            } catch (RuntimeException e) {
                s = v.getClass().getName() + " (toString failed: " + e + ")";
            }
            appendString(sb, limited ? Limits.cut(s, Limits.EXTRA_VALUE) : s);
        }
    }

    /**
     * Appends {@code s} as a JSON string literal.
     *
     * @param sb where to append
     * @param s  the string
     */
    public static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
