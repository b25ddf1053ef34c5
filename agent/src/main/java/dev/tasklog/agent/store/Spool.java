package dev.tasklog.agent.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where records go while the database cannot be reached: one append-only file per JVM,
 * {@code <dir>/<jvm id>.spool}, locked while that JVM writes it. When the store can be reached
 * again (by this JVM, or by the next one that opens it) the file is imported and deleted; a
 * {@code .done} file beside it counts the records already imported, so an import that is cut
 * short resumes without writing anything twice.
 */
final class Spool implements AutoCloseable {

    private static final String MAGIC = "tasklog-spool-1";
    static final String SUFFIX = ".spool";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final DataOutputStream out;

    private Spool(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    }

    /** Opens (creating) this JVM's spool file for appending. */
    static Spool open(Path dir, String jvm) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(jvm + SUFFIX);
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException(file + " is locked by another process");
        }
        Spool spool = new Spool(file, channel, lock);
        if (fresh) {
            spool.out.writeUTF(MAGIC);
            spool.out.writeUTF(jvm);
        }
        return spool;
    }

    Path file() {
        return file;
    }

    void write(List<Record> batch) throws IOException {
        for (Record r : batch) {
            r.writeTo(out);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
        lock.release();
        channel.close();
    }

    /** @return the spool files in {@code dir} that no live process holds */
    static List<Path> importable(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : stream) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    FileLock l = ch.tryLock();
                    if (l != null) {
                        l.release();
                        files.add(p);
                    }
                } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
                    // in use here or elsewhere: not now
                }
            }
        }
        return files;
    }

    /** Reads records from a spool file in batches. */
    interface BatchConsumer {
        void accept(List<Record> batch, String jvm) throws Exception;
    }

    /**
     * Imports one spool file: every record after those already imported, in batches, then deletes it.
     *
     * @return the number of records imported now
     */
    static long importFile(Path file, int batchSize, BatchConsumer consumer) throws Exception {
        Path done = file.resolveSibling(file.getFileName() + ".done");
        long skip = Files.exists(done) ? Long.parseLong(Files.readString(done, StandardCharsets.US_ASCII).trim()) : 0L;
        long count = 0;
        long imported = 0;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            String jvm;
            try {
                if (!MAGIC.equals(in.readUTF())) {
                    throw new IOException(file + " is not a tasklog spool file");
                }
                jvm = in.readUTF();
            } catch (EOFException e) {
                jvm = null;
            }
            List<Record> batch = new ArrayList<>(batchSize);
            while (jvm != null) {
                Record r;
                try {
                    r = Record.readFrom(in);
                } catch (EOFException e) {
                    break; // the end, or a record cut short by a killed process
                }
                if (++count <= skip) {
                    continue;
                }
                batch.add(r);
                if (batch.size() == batchSize) {
                    consumer.accept(batch, jvm);
                    imported += batch.size();
                    writeDone(done, count);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                consumer.accept(batch, jvm);
                imported += batch.size();
            }
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(done);
        return imported;
    }

    private static void writeDone(Path done, long count) throws IOException {
        Path tmp = done.resolveSibling(done.getFileName() + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            o.write(Long.toString(count).getBytes(StandardCharsets.US_ASCII));
        }
        Files.move(tmp, done, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
