package dev.tasklog.agent.admin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One request's path and parameters (query string, and the form of a POST), each checked as it is read. */
final class Request {

    /** A form larger than this is refused: the admin's forms are small. */
    private static final int MAX_FORM_BYTES = 64 * 1024;

    final String method;
    final String path;
    private final Map<String, List<String>> params;

    private Request(String method, String path, Map<String, List<String>> params) {
        this.method = method;
        this.path = path;
        this.params = params;
    }

    static Request of(HttpExchange exchange) throws IOException, HttpError {
        Map<String, List<String>> params = new LinkedHashMap<>();
        parse(exchange.getRequestURI().getRawQuery(), params);
        String method = exchange.getRequestMethod();
        if ("POST".equals(method)) {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
                if (body.length > MAX_FORM_BYTES) {
                    throw HttpError.badRequest("the form is too large");
                }
                parse(new String(body, StandardCharsets.UTF_8), params);
            }
        }
        // raw: a path segment (a task name) is decoded once, by AdminServer.segment
        return new Request(method, exchange.getRequestURI().getRawPath(), params);
    }

    private static void parse(String raw, Map<String, List<String>> into) throws HttpError {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("a parameter is not properly encoded");
            }
        }
    }

    /** @return the parameter's value, trimmed, or null when absent or empty */
    String text(String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String v = values.get(0).trim();
        return v.isEmpty() ? null : v;
    }

    List<String> all(String name) {
        return params.getOrDefault(name, Collections.emptyList());
    }

    boolean flag(String name) {
        String v = text(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on"));
    }

    int integer(String name, int defaultValue, int min, int max) throws HttpError {
        String v = text(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw HttpError.badRequest(name + " must be from " + min + " to " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(name + " must be a whole number, not '" + v + "'");
        }
    }

    Long id(String name) throws HttpError {
        String v = text(name);
        return v == null ? null : parseId(name, v);
    }

    static long parseId(String what, String v) throws HttpError {
        try {
            long id = Long.parseLong(v);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(what + " must be a number, not '" + v + "'");
        }
    }

    /**
     * @param name      the parameter: a date ({@code 2026-11-21}) or a time ({@code 2026-11-21T10:30},
     *                  seconds optional) in the server's time zone
     * @param endOfDay  true: a date stands for the instant just after that day (for "to" filters)
     * @return the instant, or null when absent
     */
    Instant date(String name, boolean endOfDay) throws HttpError {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            if (v.indexOf('T') > 0) {
                return LocalDateTime.parse(v).atZone(ZoneId.systemDefault()).toInstant();
            }
            LocalDate day = LocalDate.parse(v);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest(name + " must be a date like 2026-11-21 or a time like 2026-11-21T10:30, not '" + v + "'");
        }
    }
}
