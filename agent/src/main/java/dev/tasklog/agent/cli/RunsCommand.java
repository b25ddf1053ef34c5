package dev.tasklog.agent.cli;

import dev.tasklog.agent.query.RunFilter;
import dev.tasklog.agent.query.RunQueries;
import dev.tasklog.agent.store.Json;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@code runs [--limit N] [--host NAME] [--json]}: the most recent runs, newest first. */
final class RunsCommand {

    static final String USAGE = "runs [--limit 20] [--host NAME] [--json] [--db URL]";

    private RunsCommand() {
    }

    static void run(List<String> args, PrintStream out) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("--limit", "--host", "--db"), Set.of("--json"), Set.of());
        if (!a.positional().isEmpty()) {
            throw new CliArgs.UsageException("runs takes no arguments: " + a.positional());
        }
        int limit = a.intValue("--limit", 20, 1);
        String host = a.value("--host", null);
        if (host != null && host.trim().isEmpty()) {
            throw new CliArgs.UsageException("--host needs a host name");
        }
        List<Map<String, Object>> runs;
        try (Connection c = StoreConnection.open(a)) {
            runs = RunQueries.page(c, RunFilter.all().onHost(host), 0, limit);
        }
        if (a.has("--json")) {
            out.println(Json.write(runs));
            return;
        }
        if (runs.isEmpty()) {
            out.println(host == null ? "no runs in the store" : "no runs of host " + host + " in the store");
            return;
        }
        out.println(String.format(Locale.ROOT, "%-8s %-28s %-12s %-19s %10s %10s %6s %6s  %s",
                "ID", "NAME", "STATUS", "STARTED", "DURATION", "CPU", "WARN", "ERROR", "HOST"));
        for (Map<String, Object> r : runs) {
            out.println(String.format(Locale.ROOT, "%-8s %-28s %-12s %-19s %10s %10s %6s %6s  %s",
                    r.get("id"), Format.clip((String) r.get("name"), 28), r.get("status"),
                    Format.local((String) r.get("startedAt")), Format.millis((Long) r.get("wallMs")),
                    Format.millis((Long) r.get("cpuMs")), r.get("warnings"), r.get("errors"),
                    Objects.toString(r.get("host"), "-")));
        }
    }
}
