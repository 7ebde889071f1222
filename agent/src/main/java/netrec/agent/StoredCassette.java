package netrec.agent;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import netrec.cassette.store.BodiesOnUse;
import netrec.cassette.store.MachineCache;
import netrec.cassette.store.StoreAddress;
import netrec.runtime.StoredCassettes;
import netrec.runtime.base.Log;
import netrec.runtime.base.NetrecThread;
import netrec.store.Fetching;
import netrec.store.Manifest;
import netrec.store.ObjectCache;
import netrec.store.Publishing;
import netrec.store.S3Store;
import netrec.store.StoreThreads;
import netrec.tools.command.NetrecVersion;

/**
 * This machine's copy of a cassette kept in an object store ({@code s3://BUCKET/PREFIX/NAME}):
 * {@code CACHE/cassettes/BUCKET/PREFIX%2FNAME} ({@link MachineCache#copyOf}), its bodies linked into the machine's object cache. Fetched before the
 * cassette is used, in every mode (a recording keeps the cassette's {@code rules.yaml}); published from after a
 * recording that became the cassette. A copy holding a recording that could not be published is never overwritten.
 * One run at a time uses a copy (the launcher, or a JVM netrec records or replays in): another of the same cassette on
 * this machine waits for it. The copy's {@code .netrec} keeps the reports.
 */
public final class StoredCassette implements Closeable, StoredCassettes.Copy {
    private final StoreAddress address;
    private final ObjectCache cache;
    private final Path copy;
    private final FileChannel lockFile;
    private final FileLock lock;
    private S3Store store;
    private boolean inStore;
    private String staleBecause;

    private StoredCassette(StoreAddress address, ObjectCache cache, Path copy, FileChannel lockFile, FileLock lock) {
        this.address = address;
        this.cache = cache;
        this.copy = copy;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Stored cassettes as a JVM netrec records or replays in uses them: each taken and fetched as it is needed. The
     * store's requests run on netrec's own threads, which it never records nor answers.
     */
    public static StoredCassettes forThisJvm() {
        StoreThreads.makeWith(work -> new NetrecThread("store", work));
        return (address, bodiesOnUse) -> {
            StoredCassette taken = take(StoreAddress.parse(address), Log::warn);
            try {
                taken.fetch(bodiesOnUse);
                return taken;
            } catch (IOException | RuntimeException e) {
                taken.close();
                throw e;
            } catch (InterruptedException e) {
                taken.close();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while fetching " + address);
            }
        };
    }

    /** Takes this machine's copy of {@code address}, waiting while another run has it, which it tells {@code say}. */
    public static StoredCassette take(StoreAddress address, Consumer<String> say) throws IOException {
        ObjectCache cache = ObjectCache.fromEnvironment(System.getenv());
        Path copy = MachineCache.copyOf(address, System.getenv());
        Files.createDirectories(copy.getParent());
        FileChannel lockFile = FileChannel.open(copy.resolveSibling(copy.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock();
        if (lock == null) {
            say.accept("another run on this machine is using " + address + " (" + copy + "); waiting for it");
            lock = lockFile.lock();
        }
        return new StoredCassette(address, cache, copy, lockFile, lock);
    }

    public Path copy() {
        return copy;
    }

    public StoreAddress address() {
        return address;
    }

    /**
     * Brings the copy up to the published cassette; false when the store has none (the copy is then emptied). When
     * the store gives no answer, the copy is made from the manifest this machine fetched last, and
     * {@link #staleBecause()} says so.
     */
    public boolean fetch() throws IOException, InterruptedException {
        return fetch(false);
    }

    /**
     * As {@link #fetch()}; with {@code bodiesOnUse}, the bodies this machine lacks are fetched as a replay first reads
     * them ({@link BodiesOnUse}), on netrec's own threads, until the copy is released.
     */
    public boolean fetch(boolean bodiesOnUse) throws IOException, InterruptedException {
        try {
            Fetching.Result fetched = Fetching.fetch(address, store(), cache, copy, bodiesOnUse);
            staleBecause = fetched.warning();
            inStore = true;
            if (bodiesOnUse) {
                BodiesOnUse.fetchInto(copy, this::fetchBody);
            }
        } catch (Fetching.NotInStore absent) {
            Fetching.empty(copy, address);
            inStore = false;
        }
        return inStore;
    }

    @Override
    public boolean inStore() {
        return inStore;
    }

    @Override
    public String staleBecause() {
        return staleBecause;
    }

    /** Publishes the copy as the cassette; says what was sent. */
    @Override
    public String publish() throws IOException {
        try {
            Publishing.Result published = Publishing.publish(copy, address, store(), NetrecVersion.get());
            byte[] manifest = published.manifest().toYaml();
            Fetching.remember(copy, address, manifest);
            for (Manifest.Entry file : published.manifest().files()) { // as if fetched: replayed with the store down
                cache.adopt(file.sha256(), copy.resolve(file.path()), file.path().startsWith("bodies/"));
            }
            cache.rememberManifest(address, store().describe(), manifest);
            int had = published.objects() - published.sent();
            return "published " + address + ": " + published.manifest().files().size() + " files, " + published.sent()
                    + " of " + published.objects() + " objects sent (" + published.sentBytes() + " bytes)"
                    + (had == 0 ? "" : ", the store had the other " + had);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while publishing " + address);
        }
    }

    /** One body, from the cache or else the store, into the copy: a replay reads it next. */
    private synchronized void fetchBody(String sha256) throws IOException {
        try {
            S3Store opened = store(); // here: the thread below would wait for this object's monitor
            NetrecThread.call("store", () -> {
                Fetching.fetchBody(address, opened, cache, copy, sha256);
                return null;
            });
        } catch (IOException e) {
            throw new IOException("the body " + sha256 + " of " + address + " is not on this machine yet, and "
                    + "fetching it failed (" + e.getMessage() + "); replay it with fetch=ahead once the store "
                    + "answers, and this machine has it", e);
        }
    }

    private synchronized S3Store store() throws IOException {
        if (store == null) {
            Libraries.ensureStoreOnClassPath();
            store = S3Store.open(address.bucket(), System.getenv());
        }
        return store;
    }

    @Override
    public void release() {
        try {
            close();
        } catch (IOException e) {
            Log.warn("cannot let go of " + copy + " (" + e + "); other runs of " + address + " wait until this JVM ends");
        }
    }

    @Override
    public void close() throws IOException {
        BodiesOnUse.stop(copy);
        try {
            if (store != null) {
                store.close();
                store = null;
            }
        } finally {
            if (lock.isValid()) {
                lock.release();
            }
            lockFile.close();
        }
    }
}
