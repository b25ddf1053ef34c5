package dev.tasklog.sample;

import dev.tasklog.Run;
import dev.tasklog.TaskLog;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The nightly order job: generate the input, load it, validate it, convert currencies, aggregate
 * revenue per country and write a report. It knows nothing of the agent: it only carries tasklog's
 * annotations and a few {@code TaskLog} calls, and runs the same with or without the agent.
 *
 * <pre>java -javaagent:agent/target/tasklog.jar -jar sample-app/target/tasklog-sample-app.jar [records] [output-dir]</pre>
 */
public final class BatchJob {

    private final int records;
    private final Path outputDir;

    BatchJob(int records, Path outputDir) {
        this.records = records;
        this.outputDir = outputDir;
    }

    /**
     * Runs the job.
     *
     * @param args optional: the number of records (default 3000) and the output directory (default
     *             {@code sample-output})
     * @throws Exception when the job cannot complete
     */
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path outputDir = Path.of(args.length > 1 ? args[1] : "sample-output");
        Path report = new BatchJob(records, outputDir).run();
        TaskLog.console().info("done: report in {}", report);
    }

    @Run("nightly-orders")
    Path run() throws Exception {
        Path input = new OrderFileGenerator().generate(outputDir.resolve("orders.csv"), records);
        List<String[]> rows = new OrderLoader().load(input);
        List<Order> orders = new OrderValidator().validate(rows, input.getFileName().toString());
        List<CurrencyConverter.EuroAmount> amounts = new CurrencyConverter(new ExchangeRates()).convert(orders);
        Map<String, BigDecimal> revenue = new RevenueAggregator(amounts).byCountry();
        return new ReportWriter().write(revenue, outputDir.resolve("revenue-by-country.csv"));
    }
}
