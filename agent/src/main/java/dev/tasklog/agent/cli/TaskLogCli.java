package dev.tasklog.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * {@code java -jar tasklog.jar <command>}: the {@code Main-Class} of the agent jar. Exit status 0
 * on success, 1 when the command could not do its work, 2 on wrong usage.
 */
public final class TaskLogCli {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar tasklog.jar <command> [options]",
            "",
            "commands:",
            "  " + AdminCommand.USAGE,
            "      the web admin over the store (--port 0: any free port)",
            "  " + ServerCommand.USAGE,
            "      an HSQLDB server over one store for many JVMs, also on other machines (--bind 0.0.0.0);",
            "      their db.url is the jdbc:hsqldb:hsql://... URL it prints",
            "  " + RunsCommand.USAGE,
            "      the most recent runs, newest first; --host: only those of that host",
            "  " + ShowCommand.USAGE,
            "      one run: its task tree with wall and CPU time, counters, statuses, log counts",
            "  " + CleanupCommand.USAGE,
            "      delete log events older than the first period (performance events kept) and runs",
            "      older than the second with everything of theirs; with --run, only within those runs",
            "  --help       print this help",
            "  --version    print the version",
            "",
            "The store is --db URL, else db.url (system property tasklog.db.url, TASKLOG_DB_URL,",
            "./tasklog.properties), else the embedded store in ./tasklog-data/.",
            "As an agent: java -javaagent:tasklog.jar[=key=value,...] -jar your-app.jar");

    private TaskLogCli() {
    }

    /**
     * Runs a command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err, "no command given");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "--help":
                case "-h":
                case "help":
                    out.println(USAGE);
                    return 0;
                case "--version":
                    out.println("tasklog " + version());
                    return 0;
                case "admin":
                    AdminCommand.run(rest, out);
                    return 0;
                case "server":
                    ServerCommand.run(rest, out);
                    return 0;
                case "runs":
                    RunsCommand.run(rest, out);
                    return 0;
                case "show":
                    ShowCommand.run(rest, out);
                    return 0;
                case "cleanup-old-logs":
                    CleanupCommand.run(rest, out);
                    return 0;
                default:
                    return usage(err, "unknown command '" + args[0] + "'");
            }
        } catch (CliArgs.UsageException e) {
            return usage(err, args[0] + ": " + e.getMessage());
        } catch (StoreConnection.CommandException e) {
            err.println("tasklog: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("tasklog: " + args[0] + " failed: " + e);
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("tasklog: " + problem);
        err.println(USAGE);
        return 2;
    }

    static String version() {
        try (InputStream in = TaskLogCli.class.getResourceAsStream("/META-INF/tasklog/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
