package dev.tasklog.agent.cli;

import dev.tasklog.agent.store.Dialect;
import dev.tasklog.agent.store.Retention;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code cleanup-old-logs}: see {@link Retention}. */
final class CleanupCommand {

    static final String USAGE = "cleanup-old-logs [--period-days-logs 30] [--period-days-logruns 365] [--run ID ...] [--db URL]";

    private CleanupCommand() {
    }

    static void run(List<String> args, PrintStream out) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("--period-days-logs", "--period-days-logruns", "--db"), Set.of(), Set.of("--run"));
        if (!a.positional().isEmpty()) {
            throw new CliArgs.UsageException("unexpected " + a.positional());
        }
        int logDays = a.intValue("--period-days-logs", 30, 0);
        int runDays = a.intValue("--period-days-logruns", 365, 0);
        List<Long> runs = new ArrayList<>();
        for (String id : a.values("--run")) {
            try {
                runs.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new CliArgs.UsageException("--run takes run ids, not '" + id + "'");
            }
        }
        Retention.Result r;
        try (Connection c = StoreConnection.open(a)) {
            r = Retention.cleanup(c, Dialect.of(c.getMetaData().getURL()), logDays, runDays, runs, Instant.now());
        }
        String scope = runs.isEmpty() ? "" : " of runs " + runs;
        out.println("deleted " + r.logEvents + " log events older than " + logDays + " days" + scope
                + " (performance events kept)");
        out.println("deleted " + r.runs + " runs older than " + runDays + " days" + scope + ", with their "
                + r.tasksOfRuns + " tasks, " + r.countersOfRuns + " counters and " + r.logEventsOfRuns + " log events");
    }
}
