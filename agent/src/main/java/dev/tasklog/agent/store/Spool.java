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
 * again (by this JVM, or by the next one that opens it) the file is imported and deleted.
 *
 * <p>Records are spooled in the batches the writer made, each with its key (JVM and sequence
 * number). The store keeps the key of every batch it took ({@code LOG_BATCH}), so a batch is
 * never written twice: not when its first commit was cut off unconfirmed, not when an import is
 * interrupted and done again.
 */
final class Spool implements AutoCloseable {

    private static final String MAGIC = "tasklog-spool-2";
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

    void write(List<Record> batch, long seq) throws IOException {
        out.writeLong(seq);
        out.writeInt(batch.size());
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

    /** Takes the batches of a spool file. */
    interface BatchConsumer {
        /** @return true when the batch was written, false when the store had it already */
        boolean accept(List<Record> batch, String jvm, long seq) throws Exception;
    }

    /**
     * Imports one spool file, batch by batch, then deletes it.
     *
     * @return the number of records written now (batches the store had already are not counted)
     */
    static long importFile(Path file, BatchConsumer consumer) throws Exception {
        long imported = 0;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            String jvm;
            try {
                if (!MAGIC.equals(in.readUTF())) {
                    throw new IOException(file + " is not a tasklog spool file of this version");
                }
                jvm = in.readUTF();
            } catch (EOFException e) {
                jvm = null; // created, nothing written
            }
            boolean more = jvm != null;
            while (more) {
                long seq;
                int size;
                try {
                    seq = in.readLong();
                    size = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                List<Record> batch = new ArrayList<>(size);
                try {
                    for (int i = 0; i < size; i++) {
                        batch.add(Record.readFrom(in));
                    }
                } catch (EOFException e) {
                    more = false; // a batch cut short by a killed process: what was written of it still counts
                }
                if (!batch.isEmpty() && consumer.accept(batch, jvm, seq)) {
                    imported += batch.size();
                }
            }
        }
        Files.deleteIfExists(file);
        return imported;
    }
}
