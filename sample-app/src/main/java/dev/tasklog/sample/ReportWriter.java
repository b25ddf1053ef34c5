package dev.tasklog.sample;

import dev.tasklog.SubTimer;
import dev.tasklog.Task;
import dev.tasklog.TaskLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the revenue report. */
final class ReportWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    @Task("write-report")
    Path write(Map<String, BigDecimal> revenue, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            try (SubTimer timer = SubTimer.start("render-rows")) {
                out.write("country,revenue_eur");
                out.newLine();
                for (Map.Entry<String, BigDecimal> e : revenue.entrySet()) {
                    out.write(e.getKey() + "," + e.getValue().toPlainString());
                    out.newLine();
                    TaskLog.count("rows");
                }
            }
            SubTimer flush = SubTimer.start("flush");
            out.flush();
            flush.finish();
        }
        LOG.info("report written to {}", file);
        return file;
    }
}
