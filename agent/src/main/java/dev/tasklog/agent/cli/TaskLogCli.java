package dev.tasklog.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;

/**
 * {@code java -jar tasklog.jar <command>}: the {@code Main-Class} of the agent jar.
 */
public final class TaskLogCli {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar tasklog.jar <command> [options]",
            "",
            "  --help       print this help",
            "  --version    print the version",
            "",
            "As an agent: java -javaagent:tasklog.jar[=key=value,...] -jar your-app.jar",
            "The store commands (runs, show, cleanup-old-logs, admin) come with the store.");

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
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("tasklog " + version());
            return 0;
        }
        err.println(args.length == 0 ? "tasklog: no command given" : "tasklog: unknown command '" + args[0] + "'");
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
