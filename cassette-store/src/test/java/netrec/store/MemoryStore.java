package netrec.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** An object store in memory, for the tests of what netrec does with one; it can be made unreachable. */
final class MemoryStore implements ObjectStore {
    final Map<String, byte[]> objects = new TreeMap<>();
    final Map<String, Instant> used = new TreeMap<>();
    final List<String> puts = new ArrayList<>();
    boolean unreachable;
    boolean refusing;
    /** An object a gc removes as the next manifest is written, as one running at that moment could. */
    String removedWithNextManifest;

    private void reach() throws IOException {
        if (unreachable) {
            throw new Unreachable("connection refused", null);
        }
        if (refusing) {
            throw new IOException("403 Forbidden");
        }
    }

    @Override
    public synchronized boolean keep(String key) throws IOException {
        reach();
        if (!objects.containsKey(key)) {
            return false;
        }
        used.put(key, Instant.now());
        return true;
    }

    @Override
    public synchronized Instant modified(String key) throws IOException {
        reach();
        return objects.containsKey(key) ? used.get(key) : null;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        put(key, Files.readAllBytes(file));
    }

    @Override
    public synchronized void put(String key, byte[] bytes) throws IOException {
        reach();
        objects.put(key, bytes.clone());
        used.put(key, Instant.now());
        puts.add(key);
        if (key.endsWith("manifest.yaml") && removedWithNextManifest != null) {
            objects.remove(removedWithNextManifest);
            removedWithNextManifest = null;
        }
    }

    @Override
    public synchronized InputStream get(String key) throws IOException {
        reach();
        byte[] bytes = objects.get(key);
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    @Override
    public synchronized List<String> folders(String prefix) throws IOException {
        reach();
        TreeSet<String> folders = new TreeSet<>();
        for (String key : objects.keySet()) {
            int slash = key.startsWith(prefix) ? key.indexOf('/', prefix.length()) : -1;
            if (slash >= 0) {
                folders.add(key.substring(0, slash + 1));
            }
        }
        return new ArrayList<>(folders);
    }

    @Override
    public synchronized List<Stored> list(String prefix) throws IOException {
        reach();
        List<Stored> listed = new ArrayList<>();
        for (Map.Entry<String, byte[]> object : objects.entrySet()) {
            if (object.getKey().startsWith(prefix)) {
                listed.add(new Stored(object.getKey(), object.getValue().length, used.get(object.getKey())));
            }
        }
        return listed;
    }

    @Override
    public synchronized void delete(List<String> keys) throws IOException {
        reach();
        for (String key : keys) {
            objects.remove(key);
            used.remove(key);
        }
    }

    @Override
    public String describe() {
        return "the test's store";
    }

    @Override
    public void close() {
    }
}
