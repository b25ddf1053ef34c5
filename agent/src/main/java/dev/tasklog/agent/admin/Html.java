package dev.tasklog.agent.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Building the admin's HTML: every value goes through {@link #esc}, so stored text is always shown as text. */
final class Html {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Html() {
    }

    /** @return the value with {@code & < > " '} escaped; "" for null */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    /** @return the value encoded for a URL path segment or query value */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** @return an ISO instant in the server's time zone, or "-" */
    static String local(Object iso) {
        return iso == null ? "-" : LOCAL.format(Instant.parse(iso.toString()));
    }

    /** @return the time of day of an ISO instant, with milliseconds */
    static String time(Object iso) {
        return iso == null ? "-" : TIME.format(Instant.parse(iso.toString()));
    }

    static String millis(Object ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.3fs", ((Number) ms).longValue() / 1000.0);
    }

    static String nanos(Object ns) {
        return ns == null ? "-" : String.format(Locale.ROOT, "%.3fs", ((Number) ns).longValue() / 1e9);
    }

    static String status(Object status) {
        return "<span class=\"status status-" + esc(status) + "\">" + esc(status) + "</span>";
    }

    /** @return a whole page around {@code body}, with the navigation */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " - tasklog</title><link rel=\"stylesheet\" href=\"/static/admin.css\"></head>"
                + "<body><nav><a class=\"brand\" href=\"/runs\">tasklog</a><a href=\"/runs\">Runs</a><a href=\"/logs\">Logs</a>"
                + "<a href=\"/cleanup\">Cleanup</a></nav><main>" + body + "</main></body></html>\n";
    }

    static String option(String value, String label, String selected) {
        return "<option value=\"" + esc(value) + "\"" + (value.equals(selected) ? " selected" : "") + ">" + esc(label) + "</option>";
    }
}
