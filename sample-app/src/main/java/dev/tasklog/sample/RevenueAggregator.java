package dev.tasklog.sample;

import dev.tasklog.DebugContext;
import dev.tasklog.DebugEvent;
import dev.tasklog.DebugLog;
import dev.tasklog.SubTask;
import dev.tasklog.Task;
import dev.tasklog.TaskLog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums revenue per country. It is a {@link DebugContext}: with DEBUG on for this class it tells
 * what it was given and what it produced, and costs nothing otherwise.
 */
final class RevenueAggregator implements DebugContext {

    private int inputSize;
    private Map<String, BigDecimal> lastResult = Map.of();

    @Task("aggregate")
    Map<String, BigDecimal> byCountry(List<CurrencyConverter.EuroAmount> amounts) {
        inputSize = amounts.size();
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (CurrencyConverter.EuroAmount a : amounts) {
            totals.merge(a.order.country, a.euros, BigDecimal::add);
        }
        TaskLog.count("countries", totals.size());
        lastResult = round(totals);
        return lastResult;
    }

    @SubTask("round-totals")
    Map<String, BigDecimal> round(Map<String, BigDecimal> totals) {
        Map<String, BigDecimal> rounded = new TreeMap<>();
        totals.forEach((country, total) -> rounded.put(country, total.setScale(0, java.math.RoundingMode.HALF_UP)));
        return rounded;
    }

    @Override
    public void logDebugMessage(DebugLog log, DebugEvent event) {
        if (event.phase() == DebugEvent.Phase.ENTER) {
            log.log("aggregating {} converted orders", inputSize);
        } else {
            log.log("{} countries after {} ms: {}", lastResult.size(), event.elapsedNanos() / 1_000_000, lastResult);
        }
    }
}
