package dev.tasklog.agent.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads tasklog's lines back out of a child's output. */
final class TaskLines {

    private static final Pattern TIMING = Pattern.compile(
            "^INFO task\\.performance - task (.+?): duration: (\\d+\\.\\d{3})s, cpu: (\\d+\\.\\d{3}s|n/a) \\|.*");
    private static final Pattern SUB = Pattern.compile(
            "^INFO task\\.performance\\.sub - sub (.+?): duration: (\\d+\\.\\d{3})s, cpu: (\\d+\\.\\d{3}s|n/a)(.*) \\|.*");

    private TaskLines() {
    }

    /** A task's timing line. */
    static final class Timing {
        final String name;
        final double wall;
        final double cpu;
        final String rest;

        Timing(String name, double wall, double cpu, String rest) {
            this.name = name;
            this.wall = wall;
            this.cpu = cpu;
            this.rest = rest;
        }

        @Override
        public String toString() {
            return name + " wall=" + wall + " cpu=" + cpu + rest;
        }
    }

    static List<Timing> tasks(List<String> lines) {
        return parse(lines, TIMING);
    }

    static List<Timing> subTasks(List<String> lines) {
        return parse(lines, SUB);
    }

    static Timing task(List<String> lines, String name) {
        return tasks(lines).stream().filter(t -> t.name.equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no timing line for task " + name + " in\n" + String.join("\n", lines)));
    }

    private static List<Timing> parse(List<String> lines, Pattern pattern) {
        List<Timing> result = new ArrayList<>();
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                String cpu = m.group(3);
                result.add(new Timing(m.group(1), Double.parseDouble(m.group(2)),
                        cpu.equals("n/a") ? -1 : Double.parseDouble(cpu.substring(0, cpu.length() - 1)),
                        m.groupCount() > 3 ? m.group(4) : ""));
            }
        }
        return result;
    }
}
