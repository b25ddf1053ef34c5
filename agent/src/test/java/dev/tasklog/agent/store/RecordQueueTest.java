package dev.tasklog.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordQueueTest {

    /** A record that is only a number. */
    private static final class Numbered extends Record {
        final long millis;

        Numbered(long n) {
            this.millis = n;
        }

        @Override
        void writeTo(java.io.DataOutput out) {
            throw new UnsupportedOperationException("not written");
        }
    }

    private static Record record(long id) {
        return new Numbered(id);
    }

    @Test
    void holdsAtMostItsCapacityInOrder() {
        RecordQueue q = new RecordQueue(3);
        assertThat(q.offer(record(1))).isTrue();
        assertThat(q.offer(record(2))).isTrue();
        assertThat(q.offer(record(3))).isTrue();
        assertThat(q.offer(record(4))).isFalse();
        assertThat(q.size()).isEqualTo(3);
        List<Record> batch = new ArrayList<>();
        q.drainTo(batch, 2);
        assertThat(batch).extracting(r -> ((Numbered) r).millis).containsExactly(1L, 2L);
        assertThat(q.offer(record(5))).isTrue();
        assertThat(((Numbered) q.poll()).millis).isEqualTo(3);
        assertThat(((Numbered) q.poll()).millis).isEqualTo(5);
        assertThat(q.poll()).isNull();
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void aWaitingWriterWakesForTheFirstRecord() throws Exception {
        RecordQueue q = new RecordQueue(10);
        Record[] taken = new Record[1];
        long[] waited = new long[1];
        Thread writer = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                taken[0] = q.poll(TimeUnit.SECONDS.toNanos(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waited[0] = System.nanoTime() - t0;
        });
        writer.start();
        Thread.sleep(200);
        Record r = record(7);
        q.offer(r);
        writer.join(10_000);
        assertThat(taken[0]).isSameAs(r);
        assertThat(waited[0]).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aWakeUpEndsTheWaitForGood() throws Exception {
        RecordQueue q = new RecordQueue(10);
        Thread writer = new Thread(() -> {
            try {
                q.poll(TimeUnit.SECONDS.toNanos(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        Thread.sleep(200);
        q.wakeUp();
        writer.join(10_000);
        assertThat(writer.isAlive()).isFalse();
        long t0 = System.nanoTime();
        assertThat(q.poll(TimeUnit.SECONDS.toNanos(30))).isNull();
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aFullQueueMakesTheOffererWaitForRoomAsLongAsTheWriterLives() throws Exception {
        RecordQueue q = new RecordQueue(1);
        q.offer(record(1));
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            q.poll();
        });
        writer.start();
        assertThat(q.offer(record(2), TimeUnit.SECONDS.toNanos(30), writer)).isTrue();
        writer.join();
        assertThat(((Numbered) q.poll()).millis).isEqualTo(2);

        q.offer(record(3));
        long t0 = System.nanoTime();
        assertThat(q.offer(record(4), TimeUnit.SECONDS.toNanos(30), writer)).as("the writer is gone").isFalse();
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(q.offer(record(4), TimeUnit.MILLISECONDS.toNanos(100), Thread.currentThread())).as("no room in time").isFalse();
    }

    @Test
    void manyThreadsOfferEveryRecordOnce() throws Exception {
        RecordQueue q = new RecordQueue(1_000);
        int threads = 4;
        int each = 20_000;
        List<Thread> offerers = new ArrayList<>();
        Thread writerThread = Thread.currentThread();
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            Thread o = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        if (!q.offer(record(base + i)) && !q.offer(record(base + i), TimeUnit.SECONDS.toNanos(30), writerThread)) {
                            throw new AssertionError("not taken");
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            o.start();
            offerers.add(o);
        }
        boolean[] seen = new boolean[threads * each];
        int count = 0;
        while (count < seen.length) {
            Record r = q.poll(TimeUnit.SECONDS.toNanos(10));
            assertThat(r).as("record %d of %d", count, seen.length).isNotNull();
            int id = (int) ((Numbered) r).millis;
            assertThat(seen[id]).isFalse();
            seen[id] = true;
            count++;
        }
        for (Thread o : offerers) {
            o.join();
        }
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.size()).isZero();
    }
}
