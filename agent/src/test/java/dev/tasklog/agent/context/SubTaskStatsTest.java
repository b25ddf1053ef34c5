package dev.tasklog.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SubTaskStatsTest {

    @Test
    void callsOfTheOwnerAndOfOtherThreadsAddUp() throws Exception {
        SubTaskStats stats = new SubTaskStats("step", 0); // owned by this thread
        int workers = 4;
        int perThread = 50_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                await(go);
                for (int i = 0; i < perThread; i++) {
                    // wall 2 ns, CPU 1 ns; worker 3's last call is the longest and the latest
                    stats.record(1_000 + i, id == 3 && i == perThread - 1 ? 900 : 2, 1, i == 0);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (int i = 0; i < perThread; i++) {
            stats.record(500 + i, 3, 2, false);
        }
        for (Thread t : threads) {
            t.join();
        }

        long calls = (long) perThread * (workers + 1);
        assertThat(stats.calls()).isEqualTo(calls);
        assertThat(stats.totalWallNanos()).isEqualTo(3L * perThread + 2L * perThread * workers + (900 - 2));
        assertThat(stats.totalCpuNanos()).isEqualTo(2L * perThread + (long) perThread * workers);
        assertThat(stats.maxWallNanos()).isEqualTo(900);
        assertThat(stats.failures()).isEqualTo(workers);
        assertThat(stats.firstStartWall()).isEqualTo(500);
        assertThat(stats.lastEndWall()).isEqualTo(1_000 + perThread - 1 + 900);
    }

    @Test
    void anotherThreadReadsWhatTheOwnerRecorded() throws Exception {
        SubTaskStats stats = new SubTaskStats("step", 0);
        for (int i = 0; i < 10; i++) {
            assertThat(stats.record(i * 10L, 5, -1, false)).as("call number").isEqualTo(i + 1);
        }
        long[] seen = new long[3];
        Thread reader = new Thread(() -> {
            seen[0] = stats.calls();
            seen[1] = stats.totalWallNanos();
            seen[2] = stats.totalCpuNanos();
        });
        reader.start();
        reader.join();
        assertThat(seen).containsExactly(10, 50, -1); // one call's CPU unknown: the sum is unknown
    }

    @Test
    void theCallNumberCountsOtherThreadsToo() throws Exception {
        SubTaskStats stats = new SubTaskStats("step", 0);
        stats.record(0, 1, 1, false);
        long[] second = new long[1];
        Thread other = new Thread(() -> second[0] = stats.record(1, 1, 1, false));
        other.start();
        other.join();
        assertThat(second[0]).isEqualTo(2);
        assertThat(stats.record(2, 1, 1, false)).isEqualTo(3);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
