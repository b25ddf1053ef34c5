package dev.tasklog.agent.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Reading columns the same way everywhere: times as ISO-8601 instants, NULL kept as null. */
public final class Rows {

    private Rows() {
    }

    /**
     * @param rs     a result set on a row
     * @param column a column holding a timestamp
     * @return the instant as ISO-8601 (UTC), or null
     * @throws SQLException when the column cannot be read
     */
    public static String iso(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant().toString();
    }

    /**
     * @param rs     a result set on a row
     * @param column a BIGINT column
     * @return its value, or null when NULL
     * @throws SQLException when the column cannot be read
     */
    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * @param rs     a result set on a row
     * @param column an INT column
     * @return its value, or null when NULL
     * @throws SQLException when the column cannot be read
     */
    public static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
