package dev.tasklog.agent.store;

import java.util.Locale;

/** The few places where the SQL of the supported databases differs. */
public enum Dialect {
    HSQLDB {
        @Override
        String createTable() {
            // Disk-based tables: a store of a year of runs opens without loading it all into memory.
            return "CREATE CACHED TABLE ";
        }

        @Override
        String nextIdBlock() {
            return "VALUES NEXT VALUE FOR TASKLOG_ID_SEQ";
        }
    },
    POSTGRESQL {
        @Override
        String text(int maxLength) {
            return "TEXT";
        }

        @Override
        String nextIdBlock() {
            return "SELECT nextval('TASKLOG_ID_SEQ')";
        }

        @Override
        String now() {
            return "SELECT CURRENT_TIMESTAMP";
        }
    },
    OTHER {
        @Override
        String nextIdBlock() {
            return "VALUES NEXT VALUE FOR TASKLOG_ID_SEQ";
        }
    };

    /**
     * @param url a JDBC URL
     * @return the dialect of its database
     */
    public static Dialect of(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:hsqldb:")) {
            return HSQLDB;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        return OTHER;
    }

    String createTable() {
        return "CREATE TABLE ";
    }

    String text(int maxLength) {
        return "VARCHAR(" + maxLength + ")";
    }

    String timestamp() {
        return "TIMESTAMP WITH TIME ZONE";
    }

    /** @return a query whose single value is the database's clock, as a timestamp with time zone */
    String now() {
        return "VALUES CURRENT_TIMESTAMP";
    }

    /** @return a query whose single value starts a fresh block of {@link Schema#ID_BLOCK} ids */
    abstract String nextIdBlock();
}
