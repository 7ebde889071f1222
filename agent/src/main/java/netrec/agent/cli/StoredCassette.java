package netrec.agent.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import netrec.agent.Libraries;
import netrec.store.Fetching;
import netrec.store.ObjectCache;
import netrec.store.Publishing;
import netrec.store.S3Store;
import netrec.store.StoreAddress;
import netrec.tools.command.NetrecVersion;
import netrec.tools.command.UsageException;

/**
 * A cassette the launcher was given as {@code s3://BUCKET/PREFIX/NAME}. The command works on a copy of it on this
 * machine, {@code CACHE/cassettes/BUCKET/PREFIX/NAME} (its bodies linked into the machine's object cache): fetched
 * before the command runs in every mode (a recording keeps the cassette's {@code rules.yaml}), by this JVM, outside
 * any network namespace, so {@code --no-network} still holds for the command; published from it after a recording
 * that became the cassette. A copy holding a recording that could not be published is never overwritten. One run at a time uses a copy: another run
 * of the same cassette on this machine waits for it. The copy's {@code .netrec} keeps the reports.
 */
final class StoredCassette implements Closeable {
    private final StoreAddress address;
    private final ObjectCache cache;
    private final Path copy;
    private final FileChannel lockFile;
    private final FileLock lock;
    private S3Store store;
    private boolean fromCache;

    private StoredCassette(StoreAddress address, ObjectCache cache, Path copy, FileChannel lockFile, FileLock lock) {
        this.address = address;
        this.cache = cache;
        this.copy = copy;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Where this machine keeps its copy of {@code given}; a usage error when it names no cassette. */
    static Path copyOf(String given) throws IOException {
        StoreAddress address = address(given);
        return ObjectCache.fromEnvironment(System.getenv()).directory().resolve("cassettes").resolve(address.bucket())
                .resolve(address.prefix()).resolve(address.name());
    }

    private static StoreAddress address(String given) {
        try {
            return StoreAddress.parse(given);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Takes this machine's copy of {@code given}, waiting (said) while another run has it. */
    static StoredCassette take(String given, PrintStream err) throws IOException {
        StoreAddress address = address(given);
        ObjectCache cache = ObjectCache.fromEnvironment(System.getenv());
        Path copy = copyOf(given);
        Files.createDirectories(copy.getParent());
        FileChannel lockFile = FileChannel.open(copy.resolveSibling(address.name() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock();
        if (lock == null) {
            err.println("netrec: another run on this machine is using " + address + " (" + copy + "); waiting for it");
            lock = lockFile.lock();
        }
        return new StoredCassette(address, cache, copy, lockFile, lock);
    }

    Path copy() {
        return copy;
    }

    /**
     * Brings the copy up to the published cassette; false when the store has none (the copy is then emptied). When
     * the store gives no answer, the copy is made from the manifest this machine fetched last (said), and
     * {@link #fromCache()} says so.
     */
    boolean fetch(PrintStream err) throws IOException, InterruptedException {
        try {
            Fetching.Result fetched = Fetching.fetch(address, store(), cache, copy);
            if (fetched.fromCache()) {
                err.println("netrec: " + fetched.warning());
                fromCache = true;
            }
            return true;
        } catch (Fetching.NotInStore absent) {
            Fetching.empty(copy, address);
            return false;
        }
    }

    /** Whether the copy was made from the manifest last fetched, the store giving no answer. */
    boolean fromCache() {
        return fromCache;
    }

    /** Publishes the copy as the cassette; says what was sent. */
    void publish(PrintStream err) throws IOException, InterruptedException {
        Publishing.Result published = Publishing.publish(copy, address, store(), NetrecVersion.get());
        Fetching.remember(copy, address, published.manifest().toYaml());
        err.println("netrec: published " + address + ": " + published.manifest().files().size() + " files, "
                + published.sent() + " of " + published.objects() + " objects sent (" + published.sentBytes()
                + " bytes), the store had the others");
    }

    StoreAddress address() {
        return address;
    }

    private S3Store store() throws IOException {
        if (store == null) {
            Libraries.ensureStoreOnClassPath();
            store = S3Store.open(address.bucket(), System.getenv());
        }
        return store;
    }

    @Override
    public void close() throws IOException {
        if (store != null) {
            store.close();
        }
        lock.release();
        lockFile.close();
    }
}
