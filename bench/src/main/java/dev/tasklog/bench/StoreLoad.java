package dev.tasklog.bench;

import dev.tasklog.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application side of the store benchmark: {@code threads} threads log {@code events} INFO
 * events in all, inside one run, as fast as they can. Prints when it started (epoch ms) and how
 * long the application threads took; the driver measures the rest (draining, closing) from outside.
 */
public final class StoreLoad {

    private StoreLoad() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int events = Integer.parseInt(args[1]);
        LoggerFactory.getLogger("warm-up").info("logging is configured");
        System.out.println("start " + System.currentTimeMillis());
        long t0 = System.nanoTime();
        load(threads, events);
        System.out.println("application threads " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Run("store-benchmark")
    static void load(int threads, int events) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            int count = events / threads + (t < events % threads ? 1 : 0);
            Thread w = new Thread(() -> {
                Logger log = LoggerFactory.getLogger("load." + id);
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < count; i++) {
                    log.info("order {} processed in batch {}", i, id);
                }
            }, "load-" + t);
            workers.add(w);
            w.start();
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
    }
}
