package netrec.cassette.publish;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import netrec.cassette.CassetteLayout;

/**
 * One publication into a cassette at a time, across JVMs and within one: the JVMs of a build that record into the
 * same cassette (forked test JVMs running the same program, whose recordings have the same name) often end
 * together, and each must keep what the other published. An exclusive lock on a file in netrec's folder, which the
 * last publication removes with that folder. The operating system releases a lock whose JVM was killed.
 *
 * <p>On Linux and macOS the lock is a POSIX record lock, which a process loses when it closes <em>any</em> descriptor
 * of the file, so the lock file is only ever opened through the one channel that holds it. Whoever removes the file
 * first writes {@link #REMOVED} into it through that channel: a JVM that waited on the removed file reads that through
 * its own channel once it has the lock, and takes the lock of the file at the path now instead.
 */
final class PublicationLock implements Closeable {
    /** The lock file's name in netrec's folder of the cassette. */
    static final String FILE = "publishing.lock";
    /** What a lock file says once its holder removed it from netrec's folder: no lock of anyone's now. */
    private static final byte[] REMOVED = "removed\n".getBytes(StandardCharsets.US_ASCII);
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
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                } catch (NoSuchFileException folderRemovedMeanwhile) {
                    continue;
                }
                boolean held = false;
                try {
                    channel.lock();
                    held = !saysRemoved(channel);
                    if (held) {
                        RecordingAttempt.prepareWork(cassette); // its .gitignore, if a removal took it meanwhile
                        return new PublicationLock(inThisJvm, channel, file);
                    }
                } finally {
                    if (!held) {
                        channel.close(); // a removed file's lock is no one's: take the one at the path now
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            inThisJvm.unlock();
            throw e;
        }
    }

    /** Read through the lock's own channel: opening the file again would give the lock up (see the class). */
    private static boolean saysRemoved(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(REMOVED.length);
        while (content.hasRemaining() && channel.read(content, content.position()) > 0) {
            // a few bytes at most
        }
        return !content.hasRemaining() && Arrays.equals(content.array(), REMOVED);
    }

    /**
     * Removes the lock file, still held: netrec's folder is going, and the next publication makes its own. A JVM
     * waiting on this file finds it {@link #REMOVED} once it has it.
     */
    void removeFile() throws IOException {
        channel.write(ByteBuffer.wrap(REMOVED), 0);
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
