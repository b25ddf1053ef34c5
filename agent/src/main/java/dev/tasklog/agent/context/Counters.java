package dev.tasklog.agent.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The named counters of one task. Exact under concurrent updates (work a task hands to other
 * threads counts for it too) and reported in the order the names were first used.
 */
public final class Counters {

    private final ConcurrentHashMap<String, LongAdder> sums = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();

    /**
     * Adds {@code n} to counter {@code name}.
     *
     * @param name the counter
     * @param n    the amount
     */
    public void add(String name, long n) {
        LongAdder sum = sums.get(name);
        if (sum == null) {
            sum = create(name);
        }
        sum.add(n);
    }

    private LongAdder create(String name) {
        LongAdder fresh = new LongAdder();
        LongAdder existing = sums.putIfAbsent(name, fresh);
        if (existing != null) {
            return existing;
        }
        order.add(name);
        return fresh;
    }

    /** @return true when no counter was used */
    public boolean isEmpty() {
        return sums.isEmpty();
    }

    /** @return the sums, in the order the counters were first used */
    public Map<String, Long> snapshot() {
        Map<String, Long> result = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(order);
        for (String name : names) {
            result.put(name, sums.get(name).sum());
        }
        return result;
    }
}
