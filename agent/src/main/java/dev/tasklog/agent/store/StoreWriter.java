package dev.tasklog.agent.store;

import dev.tasklog.agent.util.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes records from application threads and writes them on its own thread, in batches.
 *
 * <p>Policy when the writer falls behind: the queue holds {@link #CAPACITY} records; an application
 * thread that finds it full waits for room, which slows the application to the pace of the store
 * instead of losing events. Only a wait longer than {@link #OFFER_WAIT_MILLIS} ms (a store that
 * hangs), or a writer thread that is gone, makes a record not stored. Such losses are counted
 * ({@link #dropped()}), reported once on stderr and at the end of each run they happened in, and
 * recorded in {@code LOG_RUN.DROPPED_EVENTS}: never silent.
 *
 * <p>When the database cannot be opened or written, records go to this JVM's spool file instead
 * (see {@link Spool}); the writer tries the database again, first after {@link #FIRST_RETRY_MILLIS}
 * ms (a connection cut by a restarting server is back at once), then at twice the interval each
 * time up to {@link #RETRY_MILLIS} ms (a server that is down is not pressed), and,
 * once it answers, imports the spool. Every batch has a key, so none is written twice (see
 * {@link Spool}).
 *
 * <p>While connected, the writer beats a heartbeat every {@code store.heartbeat} seconds for this
 * JVM's running runs, and marks ABORTED the runs of JVMs that have missed {@link #LEASE_BEATS}
 * heartbeats: a JVM killed on another machine does not leave its runs RUNNING for ever.
 */
public final class StoreWriter {

    /** Records the queue holds. */
    public static final int CAPACITY = 65_536;
    /** How long an application thread waits at most for room in a full queue. */
    public static final long OFFER_WAIT_MILLIS = 10_000;
    static final int BATCH = 2_000;
    static final long RETRY_MILLIS = 10_000;
    static final long FIRST_RETRY_MILLIS = 500;
    /** How long the idle writer waits for a record before it looks at the database and the exit flag. */
    static final long POLL_MILLIS = 200;
    /**
     * How long a batch that is not full waits for more records. Without it a writer that keeps up
     * wrote a transaction for every few events (34,527 batches for 113,000 events in one job), and
     * woke up for each of them: most of its CPU time, taken from the application.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Heartbeats a JVM may miss before its runs are taken for dead. */
    public static final int LEASE_BEATS = 6;

    private final StoreSettings settings;
    private final Path spoolDir;
    private final long heartbeatMillis;
    private final int nice;
    private final boolean quickJit;
    /** This JVM's id in the store and the spool; made on the writer thread (the first UUID costs some 30 ms of start-up). */
    private String jvm;
    private final RecordQueue queue = new RecordQueue(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;

    private volatile boolean closing;
    private volatile boolean workerStarted;
    private JdbcTarget database;
    private Spool spool;
    private long nextAttempt;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private long nextHeartbeat;
    /** Why the store could not be opened the last time, for the message at exit. */
    private String lastOpenFailure = "";
    /** The number of the next batch this JVM writes: with the JVM's id, the batch's key. */
    private long nextSeq;

    /**
     * @param settings        the store
     * @param spoolDir        where to spool while the database cannot be reached
     * @param heartbeatMillis how often to tell the store this JVM is alive
     * @param nice            the writer thread's nice value ({@code store.nice}): 0 keeps the
     *                        application's priority, up to 19 runs it only on CPU time left over
     * @param quickJit        {@code store.jit=quick}: the agent's HSQLDB is compiled by C1 only
     *                        (see {@link DatabaseJit})
     */
    public StoreWriter(StoreSettings settings, Path spoolDir, long heartbeatMillis, int nice, boolean quickJit) {
        this.settings = settings;
        this.spoolDir = spoolDir;
        this.heartbeatMillis = heartbeatMillis;
        this.nice = nice;
        this.quickJit = quickJit;
        this.worker = new Thread("tasklog-store-writer") {
            @Override
            public void run() {
                work();
            }
        };
        worker.setDaemon(true);
    }

    /**
     * Makes the writer ready. Its thread starts with the first record, or now when spooled records
     * wait for import: a program that records nothing costs no thread, no database and no wait at
     * exit. The database is opened on that thread, never on the caller's.
     */
    public void start() {
        if (Files.isDirectory(spoolDir)) {
            startWorker();
        }
    }

    private void startWorker() {
        synchronized (worker) {
            if (!workerStarted) {
                workerStarted = true;
                worker.start();
            }
        }
    }

    /**
     * Hands a record to the writer. Returns at once unless the queue is full.
     *
     * @param record the record
     * @return false when the record could not be taken (and was counted as dropped)
     */
    public boolean offer(Record record) {
        if (!workerStarted) {
            startWorker();
        }
        if (queue.offer(record)) {
            return true;
        }
        try {
            if (queue.offer(record, TimeUnit.MILLISECONDS.toNanos(OFFER_WAIT_MILLIS), worker)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropped.incrementAndGet();
        Diagnostics.once("store-dropped", "store: the writer is " + CAPACITY + " records behind and made no room for "
                + OFFER_WAIT_MILLIS / 1000 + " s; events that cannot wait are not stored (counted per run in"
                + " LOG_RUN.DROPPED_EVENTS; reported once)");
        return false;
    }

    /** @return how many records could not be stored so far */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Writes everything handed over so far, waiting at most {@code maxMillis}, then closes the
     * database. Records offered later are still taken but no longer written.
     *
     * <p>The writer stops after the batch it is writing, and the calling thread writes the rest:
     * at the application's priority, so that the writer's low one ({@code store.nice}) cannot hold
     * up the exit, or make it give up on records, while other threads still take the CPU.
     *
     * @param maxMillis how long to wait
     * @return true when everything was written
     */
    public boolean close(long maxMillis) {
        // No interrupt: the writer may be inside the database's file I/O, which an interrupt would
        // break (NIO channels close on interrupt). It is woken instead, and sees the flag.
        closing = true;
        if (!workerStarted) {
            return true; // nothing was ever offered
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        queue.wakeUp(); // when it waits for a record
        LockSupport.unpark(worker); // when it lingers over a batch
        try {
            worker.join(maxMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!worker.isAlive()) {
            finishOnThisThread(deadline);
        }
        boolean done = !worker.isAlive() && queue.isEmpty();
        if (!done) {
            Diagnostics.say("store: " + queue.size() + " records were still waiting after " + maxMillis
                    + " ms at exit and are not stored");
        }
        return done;
    }

    /** The writer's last part, on the closing thread once the writer's own has ended. */
    private void finishOnThisThread(long deadline) {
        List<Record> batch = new ArrayList<>(BATCH);
        while (System.nanoTime() - deadline < 0) {
            queue.drainTo(batch, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            writeBatch(batch);
        }
        shutDown();
    }

    private void work() {
        // Before anything else, so that the database's threads started from here inherit it. On a
        // 2-core machine a job logging 50,000 events a second ran 1.5x slower under the agent with
        // the writer at the application's priority, 1.3x with it at nice 19 (README, Performance);
        // lowered only after the database was open and the first batch written, 1.4x. An
        // application that logs flat out loses nothing by it: when the queue is full it waits, and
        // the writer has the CPU; at exit the exiting thread writes what is left (see close).
        ThreadNice.lowerCurrentThread(nice);
        if (quickJit && Dialect.of(settings.url()) == Dialect.HSQLDB) {
            DatabaseJit.quickCompilerOnly(); // before the database's code gets hot
        }
        Host.name();
        jvm = UUID.randomUUID().toString();
        // Opened for the first record, or at once when spooled records wait for import: a program
        // that records nothing (a tool run with the agent on, say) does not pay for opening and
        // closing a database, at start-up or at exit.
        boolean wanted = hasSpools() || !queue.isEmpty();
        if (wanted) {
            ensureDatabase();
        }
        List<Record> batch = new ArrayList<>(BATCH);
        // At exit the closing thread writes what is left (see close): the loop ends with the flag.
        while (!closing) {
            try {
                Record first = queue.poll(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
                if (first == null) {
                    if (wanted && !closing) {
                        ensureDatabase();
                        heartbeat();
                    }
                    continue;
                }
                wanted = true;
                batch.add(first);
                fill(batch);
                writeBatch(batch);
                heartbeat();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Diagnostics.say("store: the writer was interrupted; the " + queue.size()
                        + " records it holds are written when the JVM exits");
                shutDown();
                return;
            } catch (Throwable t) {
                Diagnostics.once("store-writer", "store: the writer failed (" + t + "); it carries on");
            }
        }
    }

    /** Writes a batch (to the database, else to the spool) and empties it; never throws. */
    private void writeBatch(List<Record> batch) {
        try {
            write(batch, nextSeq++);
        } catch (Throwable t) {
            Diagnostics.once("store-writer", "store: the writer failed (" + t + "); " + batch.size()
                    + " records are not stored; it carries on with the next ones");
            dropped.addAndGet(batch.size());
        }
        batch.clear();
    }

    /**
     * Adds what the queue holds, up to a full batch, waiting at most {@link #LINGER_NANOS} for it.
     * The writer sleeps rather than waits on the queue, so that handing over a record does not
     * wake it (a system call on the application's thread) for every event.
     */
    private void fill(List<Record> batch) {
        long deadline = System.nanoTime() + LINGER_NANOS;
        while (true) {
            queue.drainTo(batch, BATCH - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= BATCH || closing || left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, Math.min(left, LINGER_NANOS / 4));
        }
    }

    private void write(List<Record> batch, long seq) throws Exception {
        ensureDatabase();
        if (database != null) {
            try {
                database.write(batch, jvm, seq);
                return;
            } catch (Exception e) {
                Diagnostics.say("store: writing to " + settings.safeUrl() + " failed (" + settings.mask(e.getMessage())
                        + "); events go to "
                        + spoolDir.resolve(jvm + Spool.SUFFIX) + " until it can be written again");
                closeDatabase();
            }
        }
        // Also a batch whose commit may have happened after all: its key decides at the import.
        spool().write(batch, seq);
    }

    private boolean hasSpools() {
        try {
            return !Spool.importable(spoolDir).isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void heartbeat() {
        long now = System.currentTimeMillis();
        if (database == null || now < nextHeartbeat) {
            return;
        }
        nextHeartbeat = now + heartbeatMillis;
        try {
            database.heartbeat(jvm);
            database.markDeadRuns(jvm, heartbeatMillis * LEASE_BEATS);
        } catch (Exception e) {
            Diagnostics.say("store: the heartbeat to " + settings.safeUrl() + " failed (" + settings.mask(e.getMessage())
                    + "); reconnecting");
            closeDatabase();
        }
    }

    private void ensureDatabase() {
        if (database != null || System.currentTimeMillis() < nextAttempt) {
            return;
        }
        try {
            database = JdbcTarget.open(settings, jvm, heartbeatMillis * LEASE_BEATS);
        } catch (Exception e) {
            postponeNextAttempt();
            String why = String.valueOf(e.getMessage()).contains("lock acquisition failure")
                    ? "it is in use by another JVM; an embedded store admits one at a time, and the lock of a JVM that"
                      + " was killed expires 10 s later"
                    : settings.mask(e.getMessage());
            lastOpenFailure = why;
            Diagnostics.once("store-open", "store: cannot open " + settings.safeUrl() + " (" + why
                    + "); the application carries on, and events are kept in " + spoolDir.resolve(jvm + Spool.SUFFIX)
                    + " until the store can be reached (retried at least every " + RETRY_MILLIS / 1000 + " s)");
            return;
        }
        retryMillis = FIRST_RETRY_MILLIS;
        importSpools();
    }

    /** Imports this JVM's own spool (when it has one) and any left by JVMs that ended before they could. */
    private void importSpools() {
        try {
            if (spool != null) {
                spool.close();
                spool = null;
            }
            for (Path file : Spool.importable(spoolDir)) {
                long n = Spool.importFile(file, (batch, source, seq) -> database.write(batch, source, seq));
                if (n > 0) {
                    Diagnostics.say("store: imported " + n + " spooled records from " + file + " into " + settings.safeUrl());
                }
            }
        } catch (Exception e) {
            Diagnostics.say("store: importing spooled records into " + settings.safeUrl() + " failed ("
                    + settings.mask(String.valueOf(e))
                    + "); they stay in " + spoolDir + " for the next attempt");
            closeDatabase();
        }
    }

    private Spool spool() throws java.io.IOException {
        if (spool == null) {
            spool = Spool.open(spoolDir, jvm);
        }
        return spool;
    }

    private void closeDatabase() {
        if (database != null) {
            JdbcTarget.closeQuietly(database.connection());
            database = null;
        }
        postponeNextAttempt();
    }

    private void postponeNextAttempt() {
        nextAttempt = System.currentTimeMillis() + retryMillis;
        retryMillis = Math.min(retryMillis * 2, RETRY_MILLIS);
    }

    private void shutDown() {
        if (database == null && spool != null) {
            // One last try before the JVM ends: a store that is back delivers the spool now, not
            // when the next JVM opens it.
            nextAttempt = 0;
            ensureDatabase();
            if (database == null) {
                Diagnostics.say("store: " + settings.safeUrl() + " still cannot be reached at exit (" + lastOpenFailure
                        + "); the events stay in "
                        + spool.file() + ", and the next JVM that opens the store from this directory delivers them");
            }
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (spool != null) {
            try {
                spool.close();
            } catch (java.io.IOException e) {
                Diagnostics.say("store: closing the spool file failed: " + e.getMessage());
            }
        }
    }
}
