package netrec.agent;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
import netrec.store.ObjectStore;
import netrec.store.Publishing;
import netrec.store.S3Store;
import netrec.store.StoreThreads;
import netrec.tools.command.NetrecVersion;

/**
 * This machine's copy of a cassette kept in an object store ({@code s3://BUCKET/PREFIX/NAME}): a folder of the
 * machine's cache ({@link MachineCache#copyOf}), its bodies linked into the cache's objects. Fetched before the
 * cassette is used, in every mode (a recording keeps the cassette's {@code rules.yaml}); published from after a
 * recording that became the cassette. A copy holding a recording that could not be published is never overwritten.
 * One run at a time uses a copy (the launcher, or a JVM netrec records or replays in): another of the same cassette on
 * this machine waits for it, but for the JVMs the holder started (a build's forks), which use the holder's copy.
 */
public final class StoredCassette implements Closeable, StoredCassettes.Copy {
    private final StoreAddress address;
    private final ObjectCache cache;
    private final Path copy;
    private final FileChannel lockFile;
    /** Null when this JVM uses the copy a JVM it descends from holds, which fetches and publishes it. */
    private final FileLock lock;
    private S3Store store;
    private boolean inStore;
    private String staleBecause;
    /** The bodies of the cassette as fetched, by SHA-256, for those fetched on use. */
    private Map<String, Manifest.Entry> bodies = Map.of();
    /** Why the store gave no answer to a body fetched on use: the next ones fail at once. */
    private String unreachable;

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
            StoredCassette taken = take(StoreAddress.parse(address), Log::warn, true);
            try {
                taken.fetch(bodiesOnUse);
                return taken;
            } catch (InterruptedException e) {
                taken.close();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while fetching " + address);
            } catch (Throwable e) { // whatever it is, the copy is let go
                taken.close();
                throw e;
            }
        };
    }

    /**
     * Takes this machine's copy of {@code address}, waiting while another run has it, which it tells {@code say};
     * with {@code joinAncestor}, a copy that a process this one descends from holds is used as it is (that process
     * fetched it and publishes it; waiting for it would wait forever).
     */
    public static StoredCassette take(StoreAddress address, Consumer<String> say, boolean joinAncestor)
            throws IOException {
        ObjectCache cache = ObjectCache.fromEnvironment(System.getenv());
        Path copy = MachineCache.copyOf(address, System.getenv());
        Files.createDirectories(copy.getParent());
        Path lockPath = MachineCache.lockOf(address, System.getenv());
        Files.createDirectories(lockPath.getParent());
        FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = lockFile.tryLock();
            if (lock == null) {
                String holder = Files.readString(lockPath, StandardCharsets.UTF_8).trim();
                if (joinAncestor && isAncestor(holder)) {
                    say.accept(address + " is used by a process this JVM descends from (pid " + holder + "): this "
                            + "JVM uses its copy, " + copy + ", which that process publishes");
                    return new StoredCassette(address, cache, copy, lockFile, null);
                }
                say.accept("another run on this machine (pid " + (holder.isEmpty() ? "unknown" : holder) + ") is "
                        + "using " + address + " (" + copy + "); waiting for it");
                lock = lockFile.lock();
            }
            String me = ProcessHandle.current().pid() + " " + ProcessHandle.current().info().command().orElse("");
            lockFile.truncate(0);
            lockFile.write(ByteBuffer.wrap((me.trim() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new StoredCassette(address, cache, copy, lockFile, lock);
        } catch (OverlappingFileLockException sameJvm) {
            lockFile.close();
            throw new IOException("this JVM already uses " + address + " (as its own cassette or another test's): a "
                    + "test's cassette must be one of its own", sameJvm);
        } catch (IOException | RuntimeException | Error e) {
            lockFile.close();
            throw e;
        }
    }

    /** Whether {@code holder} ({@code PID COMMAND}, as a lock file says) is a process this one descends from. */
    private static boolean isAncestor(String holder) {
        long pid;
        try {
            pid = Long.parseLong(holder.split(" ", 2)[0]);
        } catch (NumberFormatException unknown) {
            return false;
        }
        for (Optional<ProcessHandle> up = ProcessHandle.current().parent(); up.isPresent(); up = up.get().parent()) {
            if (up.get().pid() == pid) {
                return true;
            }
        }
        return false;
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
     * them ({@link BodiesOnUse}), on netrec's own threads, until the copy is released. A copy a process this JVM
     * descends from holds is left as that process fetched it.
     */
    public boolean fetch(boolean bodiesOnUse) throws IOException, InterruptedException {
        if (lock == null) {
            inStore = true;
            return true;
        }
        try {
            Fetching.Result fetched = Fetching.fetch(address, store(), cache, copy, bodiesOnUse);
            staleBecause = fetched.warning();
            inStore = true;
            if (bodiesOnUse) {
                Map<String, Manifest.Entry> byHash = new HashMap<>();
                for (Manifest.Entry entry : fetched.manifest().files()) {
                    byHash.put(entry.sha256(), entry);
                }
                bodies = byHash;
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

    /**
     * Publishes the copy as the cassette, and keeps its files in the machine's cache, as if fetched: the machine that
     * recorded it replays it with the store down. Says what was sent; null when the copy is a process's this JVM
     * descends from, which publishes it.
     */
    @Override
    public String publish() throws IOException {
        if (lock == null) {
            return null;
        }
        try {
            Publishing.Result published = Publishing.publish(copy, address, store(), NetrecVersion.get());
            byte[] manifest = published.manifest().toYaml();
            Fetching.remember(copy, address, manifest);
            for (Manifest.Entry file : published.manifest().files()) {
                cache.adopt(file.sha256(), copy.resolve(file.path()), file.path().startsWith("bodies/"));
            }
            cache.rememberManifest(address, store().describe(), manifest);
            cache.trim();
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
        Manifest.Entry body = bodies.get(sha256);
        if (body == null || !body.path().startsWith("bodies/")) {
            throw new IOException(address + " has no body " + sha256 + " (the manifest fetched names none)");
        }
        if (unreachable != null) {
            throw new IOException(notFetched(sha256, unreachable));
        }
        try {
            S3Store opened = store(); // here: the thread below would wait for this object's monitor
            NetrecThread.call("store", () -> {
                Fetching.fetchBody(address, opened, cache, copy, body);
                return null;
            });
        } catch (ObjectStore.Unreachable e) {
            unreachable = e.getMessage();
            throw new IOException(notFetched(sha256, unreachable), e);
        }
    }

    private String notFetched(String sha256, String why) {
        return "the body " + sha256 + " of " + address + " is not on this machine yet, and the store gives no answer ("
                + why + "); replay with fetch=ahead once it answers, and this machine keeps every body";
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
    public synchronized void close() throws IOException {
        BodiesOnUse.stop(copy);
        try {
            if (store != null) {
                store.close();
                store = null;
            }
        } finally {
            try {
                if (lock != null && lock.isValid()) {
                    lock.release();
                }
            } finally {
                lockFile.close();
            }
        }
    }
}
