package netrec.cassette.publish;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
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
 * its own channel once it has the lock, and takes the lock of the file at the path now instead. A file that says so
 * and is still at the path (its remover was killed before it could unlink it) is taken as it is.
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
        Path file = lockFile(cassette);
        ReentrantLock inThisJvm = IN_THIS_JVM.computeIfAbsent(file, f -> new ReentrantLock());
        inThisJvm.lock();
        try {
            while (true) {
                PublicationLock taken = tryOnce(cassette, file, inThisJvm);
                if (taken != null) {
                    return taken;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            inThisJvm.unlock();
            throw e;
        }
    }

    /** The lock of the file at {@code file} once this JVM has it, or null when that file was removed meanwhile. */
    private static PublicationLock tryOnce(CassetteLayout cassette, Path file, ReentrantLock inThisJvm)
            throws IOException {
        prepare(cassette);
        FileChannel channel;
        Object opened;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            opened = fileKey(file);
        } catch (NoSuchFileException folderRemovedMeanwhile) {
            return null;
        }
        boolean held = false;
        try {
            channel.lock();
            if (saysRemoved(channel)) {
                if (opened == null || !opened.equals(fileKey(file))) {
                    return null; // removed by the JVM that had it: the lock is the file's at the path now
                }
                channel.truncate(0); // its remover was killed before it could unlink it: take it as it is
            }
            prepare(cassette); // its .gitignore, if a removal took it meanwhile
            held = true;
            return new PublicationLock(inThisJvm, channel, file);
        } finally {
            if (!held) {
                channel.close(); // after reading through it alone (see the class)
            }
        }
    }

    /**
     * The lock file's path, the same however the cassette was spelled (a link, another case): one lock per folder in
     * this JVM, for two channels of one JVM on one file would lose the lock when either closed.
     */
    private static Path lockFile(CassetteLayout cassette) throws IOException {
        while (true) {
            prepare(cassette);
            try {
                return cassette.work().toRealPath().resolve(FILE);
            } catch (NoSuchFileException tidiedMeanwhile) {
                // once more
            }
        }
    }

    /** netrec's folder with its {@code .gitignore}, made again when a publication's tidy-up takes it meanwhile. */
    private static void prepare(CassetteLayout cassette) throws IOException {
        while (true) {
            try {
                RecordingAttempt.prepareWork(cassette);
                return;
            } catch (NoSuchFileException | FileAlreadyExistsException tidiedMeanwhile) {
                // the folder went as its .gitignore was written, or came as it was made: once more
            }
        }
    }

    /** Which file is at {@code path} (device and inode on Linux), read without opening it; null when none is. */
    private static Object fileKey(Path path) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return Objects.requireNonNullElse(attributes.fileKey(), attributes.creationTime());
        } catch (NoSuchFileException removed) {
            return null;
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
        try {
            Files.delete(file);
        } catch (IOException | RuntimeException e) {
            channel.truncate(0); // still there: still the lock
            throw e;
        }
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
