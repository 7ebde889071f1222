package netrec.store;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import netrec.cassette.store.StoreAddress;

/**
 * {@code gc}: removes the objects of a store that no published cassette names. An object used within the grace
 * (uploaded, or found there and kept by a publishing, which marks it again when its time is over an hour old) is
 * spared, since a publishing in progress names its objects only once they are all there; a grace longer than an hour
 * plus the longest publishing is safe. Each object is looked at again just before it is removed, and a publishing
 * looks again at those it kept once its manifest is written, so one that meets a removal sends the object again. A
 * manifest netrec cannot read stops it before anything is removed.
 */
public final class Collecting {
    /** What a collection found and did. */
    public record Result(int cassettes, int objects, List<ObjectStore.Stored> removed, int sparedRecent) {
        public long removedBytes() {
            long total = 0;
            for (ObjectStore.Stored object : removed) {
                total += object.size();
            }
            return total;
        }
    }

    private Collecting() {
    }

    public static Result collect(StoreAddress root, ObjectStore store, Duration grace, boolean dryRun)
            throws IOException {
        Set<String> named = new HashSet<>();
        int cassettes = 0;
        for (String folder : store.folders(root.prefix())) {
            if (folder.equals(root.prefix() + ".netrec/")) {
                continue;
            }
            String key = folder + "manifest.yaml";
            byte[] yaml;
            try (InputStream in = store.get(key)) {
                if (in == null) {
                    continue; // a folder of the bucket that is no cassette
                }
                yaml = in.readAllBytes();
            }
            for (Manifest.Entry entry : Manifest.read(yaml, key + " (nothing was removed)").files()) {
                named.add(entry.sha256());
            }
            cassettes++;
        }
        Instant spareAfter = Instant.now().minus(grace);
        List<ObjectStore.Stored> objects = store.list(root.objectsPrefix());
        List<ObjectStore.Stored> removed = new ArrayList<>();
        int spared = 0;
        for (ObjectStore.Stored object : objects) {
            if (named.contains(object.key().substring(root.objectsPrefix().length()))) {
                continue;
            }
            if (object.lastModified().isAfter(spareAfter)) {
                spared++;
            } else {
                removed.add(object);
            }
        }
        if (!dryRun && !removed.isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (ObjectStore.Stored object : new ArrayList<>(removed)) {
                // looked at again just before: a publishing may have found it and marked it since the listing
                Instant modified = store.modified(object.key());
                if (modified == null) {
                    removed.remove(object);
                } else if (modified.isAfter(spareAfter)) {
                    removed.remove(object);
                    spared++;
                } else {
                    keys.add(object.key());
                }
            }
            store.delete(keys);
        }
        return new Result(cassettes, objects.size(), removed, spared);
    }
}
