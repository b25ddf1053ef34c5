package dev.tasklog.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CountersTest {

    @Test
    void sumsKeepTheOrderOfFirstUse() {
        Counters c = new Counters();
        assertThat(c.isEmpty()).isTrue();
        c.add("zeta", 1);
        c.add("alpha", 2);
        c.add("zeta", 5);
        assertThat(c.snapshot()).containsExactly(java.util.Map.entry("zeta", 6L), java.util.Map.entry("alpha", 2L));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sumsAreExactUnderContention() throws Exception {
        Counters c = new Counters();
        int threads = 8;
        int perThread = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < perThread; i++) {
                    c.add("n", 1);
                    c.add("name-" + (i % 4), 1);
                }
            });
            workers.add(w);
            w.start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(c.snapshot().get("n")).isEqualTo((long) threads * perThread);
        assertThat(c.snapshot()).hasSize(5);
        assertThat(c.snapshot().get("name-3")).isEqualTo((long) threads * perThread / 4);
    }
}
