package dev.tasklog.sample;

import dev.tasklog.SubTask;
import dev.tasklog.Task;
import dev.tasklog.TaskLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the input file into fields, one record per line. */
final class OrderLoader {

    private static final Logger LOG = LoggerFactory.getLogger(OrderLoader.class);

    @Task("load")
    List<String[]> load(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (!OrderFileGenerator.HEADER.equals(header)) {
                throw new IOException("unexpected header in " + file + ": " + header);
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(split(line));
                TaskLog.count("lines");
            }
        }
        LOG.info("read {} records from {}", rows.size(), file.getFileName());
        return rows;
    }

    /** Called once per line: tasklog logs the first ten calls and sums the rest in one line. */
    @SubTask("parse-line")
    String[] split(String line) {
        return line.split(",", -1);
    }
}
