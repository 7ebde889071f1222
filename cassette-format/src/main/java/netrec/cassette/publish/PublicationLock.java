package netrec.cassette.publish;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import netrec.cassette.CassetteLayout;

/**
 * One publication into a cassette at a time, across JVMs and within one: the JVMs of a build that record into the
 * same cassette (forked test JVMs running the same program, whose recordings have the same name) often end
 * together, and each must keep what the other published. An exclusive lock on a file in netrec's folder, which the
 * last publication removes with that folder; a JVM that waited for the lock of a file removed meanwhile takes the
 * lock of the one there now. The operating system releases a lock whose JVM was killed.
 */
final class PublicationLock implements Closeable {
    /** The lock file's name in netrec's folder of the cassette. */
    static final String FILE = "publishing.lock";
    /** FileLock is held by a JVM, not a thread: threads of one JVM take turns here first. */
    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock inThisJvm;
    private final FileChannel channel;
    private final Path file;

    private PublicationLock(ReentrantLock inThisJvm, FileChannel channel, Path file) {
        this.inThisJvm = inThisJvm;
        this.channel = channel;
        this.file = file;
    }

    /** Waits until no other publication into {@code cassette} runs, and holds it off until {@link #close}. */
    static PublicationLock take(CassetteLayout cassette) throws IOException {
        Path file = cassette.work().resolve(FILE).toAbsolutePath().normalize();
        ReentrantLock inThisJvm = IN_THIS_JVM.computeIfAbsent(file, f -> new ReentrantLock());
        inThisJvm.lock();
        try {
            while (true) {
                RecordingAttempt.prepareWork(cassette);
                FileChannel channel;
                try {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                } catch (NoSuchFileException folderRemovedMeanwhile) {
                    continue;
                }
                boolean held = false;
                try {
                    FileLock lock = channel.lock();
                    // the file locked is the one at its path only if what is written through the lock reads back
                    byte[] mark = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(mark), 0);
                    held = readsBack(file, mark);
                    if (held) {
                        return new PublicationLock(inThisJvm, channel, file);
                    }
                    lock.release();
                } finally {
                    if (!held) {
                        channel.close();
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            inThisJvm.unlock();
            throw e;
        }
    }

    private static boolean readsBack(Path file, byte[] mark) throws IOException {
        try {
            return Arrays.equals(Files.readAllBytes(file), mark);
        } catch (NoSuchFileException removed) {
            return false;
        }
    }

    /** Removes the lock file, still held: netrec's folder is going, and the next publication makes its own. */
    void removeFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close(); // releases the lock
        } finally {
            inThisJvm.unlock();
        }
    }
}
