package dev.tasklog.agent.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A WHERE clause built from conditions with bound parameters only: no value is ever put in SQL text. */
final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds a condition with its parameters (one per {@code ?}). */
    Where and(String condition, Object... values) {
        conditions.add(condition);
        for (Object v : values) {
            params.add(v instanceof Instant ? OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC) : v);
        }
        return this;
    }

    /** Adds {@code column} containing {@code text} in any case, with LIKE's wildcards escaped. */
    Where contains(String column, String text) {
        return and("LOWER(" + column + ") LIKE ? ESCAPE '\\'", "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%");
    }

    /** Adds {@code column} starting with {@code prefix}, with LIKE's wildcards escaped. */
    Where startsWith(String column, String prefix) {
        return and(column + " LIKE ? ESCAPE '\\'", escapeLike(prefix) + "%");
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** @return {@code " WHERE a AND b"}, or empty */
    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters from position 1; returns the next free position. */
    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }
}
