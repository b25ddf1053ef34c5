package dev.tasklog.agent.cli;

import dev.tasklog.agent.query.RunQueries;
import dev.tasklog.agent.store.Json;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@code show RUN_ID [--json]}: one run, its task tree with times and counters, and its log counts. */
final class ShowCommand {

    static final String USAGE = "show RUN_ID [--json] [--db URL]";

    private ShowCommand() {
    }

    static void run(List<String> args, PrintStream out) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("--db"), Set.of("--json"), Set.of());
        if (a.positional().size() != 1) {
            throw new CliArgs.UsageException("show takes one run id");
        }
        long id;
        try {
            id = Long.parseLong(a.positional().get(0));
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageException("a run id is a number, not '" + a.positional().get(0) + "'");
        }
        Map<String, Object> run;
        try (Connection c = StoreConnection.open(a)) {
            run = RunQueries.load(c, id);
        }
        if (run == null) {
            throw new StoreConnection.CommandException("no run with id " + id);
        }
        if (a.has("--json")) {
            out.println(Json.write(run));
        } else {
            print(run, out);
        }
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> run, PrintStream out) {
        out.println("run " + run.get("id") + " " + run.get("name") + ": " + run.get("status"));
        out.println("  started " + Format.local((String) run.get("startedAt")) + ", finished "
                + Format.local((String) run.get("finishedAt")) + ", duration " + Format.millis((Long) run.get("wallMs"))
                + ", cpu " + Format.millis((Long) run.get("cpuMs")) + ", host "
                + Objects.toString(run.get("host"), "-") + ", pid " + Objects.toString(run.get("pid"), "-"));
        if ((Long) run.get("droppedEvents") > 0) {
            out.println("  " + run.get("droppedEvents") + " events could not be stored");
        }
        out.println("tasks:");
        for (Map<String, Object> t : (List<Map<String, Object>>) run.get("tasks")) {
            printTask(t, "  ", out);
        }
        StringBuilder counts = new StringBuilder("log events:");
        ((Map<String, Long>) run.get("logCounts")).forEach((level, n) -> counts.append(' ').append(level).append(' ').append(n));
        out.println(counts);
    }

    private static void printTask(Map<String, Object> t, String indent, PrintStream out) {
        boolean sub = "SUBTASK".equals(t.get("kind"));
        String label = indent + (sub ? "sub " : "") + t.get("name");
        String calls = sub ? " (" + t.get("calls") + (((Long) t.get("calls")) == 1 ? " call" : " calls")
                + ", max " + Format.nanos((Long) t.get("maxWallNs")) + ")" : "";
        out.println(String.format(java.util.Locale.ROOT, "%-44s %-12s %10s  cpu %10s%s", label, t.get("status"),
                Format.nanos((Long) t.get("wallNs")), Format.nanos((Long) t.get("cpuNs")), calls));
        RunQueries.counters(t).forEach((name, value) -> out.println(indent + "  - " + name + ": " + value));
        for (Map<String, Object> child : RunQueries.children(t)) {
            printTask(child, indent + "  ", out);
        }
    }
}
