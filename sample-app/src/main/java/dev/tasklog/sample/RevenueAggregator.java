package dev.tasklog.sample;

import dev.tasklog.DebugContext;
import dev.tasklog.DebugEvent;
import dev.tasklog.DebugLog;
import dev.tasklog.SubTask;
import dev.tasklog.Task;
import dev.tasklog.TaskLog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums revenue per country. It is a {@link DebugContext}: with DEBUG on for this class it tells
 * what it was given when a method starts and what it produced when it ends, and costs nothing
 * otherwise.
 */
final class RevenueAggregator implements DebugContext {

    private final List<CurrencyConverter.EuroAmount> amounts;
    private Map<String, BigDecimal> totals = Map.of();

    RevenueAggregator(List<CurrencyConverter.EuroAmount> amounts) {
        this.amounts = amounts;
    }

    @Task("aggregate")
    Map<String, BigDecimal> byCountry() {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (CurrencyConverter.EuroAmount a : amounts) {
            sums.merge(a.order.country, a.euros, BigDecimal::add);
        }
        totals = sums;
        TaskLog.count("countries", sums.size());
        return round();
    }

    @SubTask("round-totals")
    Map<String, BigDecimal> round() {
        Map<String, BigDecimal> rounded = new TreeMap<>();
        totals.forEach((country, total) -> rounded.put(country, total.setScale(0, RoundingMode.HALF_UP)));
        return rounded;
    }

    @Override
    public void logDebugMessage(DebugLog log, DebugEvent event) {
        boolean enter = event.phase() == DebugEvent.Phase.ENTER;
        if (event.method().equals("byCountry")) {
            if (enter) {
                log.log("aggregating {} converted orders", amounts.size());
            } else {
                log.log("{} countries in {} ms: {}", totals.size(), event.elapsedNanos() / 1_000_000, event.returned());
            }
        } else if (enter) {
            log.log("rounding {} exact totals, first {}", totals.size(), totals.isEmpty() ? "none" : totals.entrySet().iterator().next());
        }
    }
}
