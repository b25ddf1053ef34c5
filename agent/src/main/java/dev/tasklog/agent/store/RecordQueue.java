package dev.tasklog.agent.store;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-over of records from application threads to the store's one writer thread: bounded,
 * and without a lock. An application thread that hands over a record makes one compare-and-set
 * and one count, and calls into the system only when the writer sleeps waiting for a first record.
 *
 * <p>Why no lock: the writer runs at the lowest priority ({@code store.nice}), so it can be taken
 * off the CPU at any moment; holding the lock of a {@code BlockingQueue} while it drains a batch,
 * it would make the logging thread wait for it (a priority inversion). The lock's contended path
 * also made the JIT recompile logback's {@code callAppenders}, where the agent's code is inlined,
 * each time that path was first taken.
 */
final class RecordQueue {

    /** How long a thread waiting for room sleeps between looks: the writer frees room by batches. */
    private static final long ROOM_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ConcurrentLinkedQueue<Record> records = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    /** The writer, while it sleeps waiting for a first record; null otherwise. */
    private volatile Thread waitingTaker;
    /** Set at exit: a waiting writer returns at once, and no longer waits. */
    private volatile boolean wokenUp;

    /**
     * @param capacity the most records it holds
     */
    RecordQueue(int capacity) {
        this.capacity = capacity;
    }

    /**
     * @param record the record
     * @return false when the queue is full
     */
    boolean offer(Record record) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        records.offer(record);
        Thread taker = waitingTaker;
        if (taker != null) {
            LockSupport.unpark(taker);
        }
        return true;
    }

    /**
     * Offers, waiting for room while the queue is full.
     *
     * @param record   the record
     * @param maxNanos how long to wait at most
     * @param taker    the writer: no use waiting once it is gone
     * @return false when there was no room in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean offer(Record record, long maxNanos, Thread taker) throws InterruptedException {
        long deadline = System.nanoTime() + maxNanos;
        while (!offer(record)) {
            if (!taker.isAlive() || System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(this, ROOM_POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return true;
    }

    /** @return the oldest record, or null when there is none */
    Record poll() {
        Record r = records.poll();
        if (r != null) {
            size.decrementAndGet();
        }
        return r;
    }

    /**
     * For the writer: the oldest record, waiting for one at most {@code nanos} (or until
     * {@link #wakeUp()}).
     *
     * @param nanos how long to wait
     * @return the record, or null
     * @throws InterruptedException when the writer is interrupted
     */
    Record poll(long nanos) throws InterruptedException {
        Record r = poll();
        if (r != null || wokenUp) {
            return r;
        }
        long deadline = System.nanoTime() + nanos;
        waitingTaker = Thread.currentThread();
        try {
            // waitingTaker is set before looking again: a record offered in between wakes us
            while ((r = poll()) == null && !wokenUp) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return r;
        } finally {
            waitingTaker = null;
        }
    }

    /**
     * Moves records into {@code into}.
     *
     * @param into where to
     * @param max  how many at most
     */
    void drainTo(List<Record> into, int max) {
        for (int i = 0; i < max; i++) {
            Record r = poll();
            if (r == null) {
                return;
            }
            into.add(r);
        }
    }

    /** Makes a writer waiting for a record return at once, now and from now on (at exit). */
    void wakeUp() {
        wokenUp = true;
        Thread taker = waitingTaker;
        if (taker != null) {
            LockSupport.unpark(taker);
        }
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    int size() {
        return size.get();
    }
}
