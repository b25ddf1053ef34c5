package dev.tasklog.sample;

import dev.tasklog.Task;
import dev.tasklog.TaskLog;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Keeps the records that make sense. Rejected records are reported on a data logger: they make the
 * task's status DATA_WARNING rather than WARNING, and can be viewed apart from technical problems.
 */
final class OrderValidator {

    private static final Logger DATA = TaskLog.dataLogger(OrderValidator.class);
    private static final Set<String> CURRENCIES = Set.of("EUR", "USD", "GBP", "SEK");

    @Task("validate")
    List<Order> validate(List<String[]> rows, String source) {
        TaskLog.setExtraInfo(Map.of("source", source));
        try {
            List<Order> valid = new ArrayList<>();
            for (String[] row : rows) {
                String problem = problemWith(row);
                if (problem != null) {
                    DATA.warn("order {} rejected: {}", row[0], problem);
                    TaskLog.count("rejected");
                    continue;
                }
                valid.add(new Order(row[0], row[1], row[2], row[3], Integer.parseInt(row[4]), new BigDecimal(row[5]),
                        row[6], LocalDate.parse(row[7])));
                TaskLog.count("valid");
            }
            checkDuplicates(valid);
            return valid;
        } finally {
            TaskLog.clearExtraInfo();
        }
    }

    private static String problemWith(String[] row) {
        if (row.length != 8) {
            return "expected 8 fields, found " + row.length;
        }
        if (row[2].isEmpty()) {
            return "no country";
        }
        if (Integer.parseInt(row[4]) <= 0) {
            return "quantity " + row[4] + " is not positive";
        }
        if (!CURRENCIES.contains(row[6])) {
            return "unknown currency " + row[6];
        }
        try {
            LocalDate.parse(row[7]);
        } catch (DateTimeParseException e) {
            return "unreadable date " + row[7];
        }
        return null;
    }

    /** A task inside a task: it shows up as a child of "validate". */
    @Task("check-duplicates")
    void checkDuplicates(List<Order> orders) {
        Set<String> seen = new HashSet<>();
        for (Order o : orders) {
            if (!seen.add(o.id)) {
                DATA.error("order {} appears twice", o.id);
                TaskLog.count("duplicates");
            }
        }
        TaskLog.count("checked", orders.size());
    }
}
