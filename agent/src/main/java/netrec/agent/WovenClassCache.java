package netrec.agent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import netrec.cassette.cache.CacheFileName;
import netrec.cassette.cache.UnusedFiles;
import netrec.runtime.base.Log;

/**
 * The classes netrec defines and weaves at JVM start, kept on disk so that a JVM whose JDK was woven before never
 * loads Byte Buddy or reads netrec.jar for them: that is most of what attaching netrec costs, and a build attaches it
 * to every JVM it starts. One file per JDK build (runtime version, home, and the time of its {@code lib/modules}) and
 * netrec.jar (size and time), holding the bridge's classes and every woven JDK class; another JDK, a JDK update or
 * another netrec build simply misses. The key is not the classes' original bytes: on JDK 25 the bytes a retransform
 * reconstitutes for {@code java.net.Socket} differ from one JVM to the next.
 *
 * <p>The file is written whole, after a JVM wove every class, and appears atomically; reading it needs only
 * {@code java.io}, which the JVM has loaded already. Anything that goes wrong only means a miss.
 */
final class WovenClassCache {
    private static final String MAGIC = "netrec woven classes 2";

    private final File file;

    private WovenClassCache(File file) {
        this.file = file;
    }

    /** A cache in {@code directory}, or null (no cache) when the directory is null or netrec's jar is unknown. */
    static WovenClassCache in(Path directory) {
        if (directory == null) {
            return null;
        }
        String build = buildIdentity();
        return build == null ? null
                : new WovenClassCache(new File(directory.toFile(), CacheFileName.of(build) + ".classes"));
    }

    /**
     * Whether a file of the class cache folder is one of its own: woven classes, libraries, the store's SDK, or one
     * being written.
     */
    static boolean isCached(String name) {
        return name.endsWith(".classes") || (name.startsWith("libraries-") || name.startsWith("store-"))
                && name.endsWith(".jar")
                || name.startsWith(".partial-");
    }

    /** What an earlier JVM of this build stored, or null. */
    Classes load() {
        if (!file.isFile()) {
            return null;
        }
        UnusedFiles.used(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) {
                return null;
            }
            Map<String, byte[]> bridge = readSection(in);
            Map<String, byte[]> woven = readSection(in);
            return new Classes(bridge, woven);
        } catch (IOException | RuntimeException e) {
            Log.debug("cannot read the class cache " + file + ": " + e);
            return null;
        }
    }

    void store(Classes classes) {
        try {
            Path directory = file.getParentFile().toPath();
            Files.createDirectories(directory);
            UnusedFiles.removeUnused(directory.toFile(), System.currentTimeMillis(), WovenClassCache::isCached);
            Path partial = Files.createTempFile(directory, ".partial-", ".classes");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    new FileOutputStream(partial.toFile()), 1 << 16))) {
                out.writeUTF(MAGIC);
                writeSection(out, classes.bridge);
                writeSection(out, classes.woven);
            }
            Files.move(partial, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Log.debug("cannot write the class cache " + file + ": " + e);
        }
    }

    private static Map<String, byte[]> readSection(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            classes.put(name, bytes);
        }
        return classes;
    }

    private static void writeSection(DataOutputStream out, Map<String, byte[]> classes) throws IOException {
        out.writeInt(classes.size());
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().length);
            out.write(entry.getValue());
        }
    }

    /** This JDK build and this netrec.jar; another of either gets a file of its own. */
    private static String buildIdentity() {
        try {
            File jar = new File(WovenClassCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String javaHome = System.getProperty("java.home");
            File modules = new File(new File(javaHome, "lib"), "modules");
            return System.getProperty("java.runtime.version") + "|" + javaHome + "|" + modules.lastModified() + "|"
                    + jar.length() + "@" + jar.lastModified();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The renamed bridge classes, in definition order, and the woven JDK classes, by internal name. */
    static final class Classes {
        final Map<String, byte[]> bridge;
        final Map<String, byte[]> woven;

        Classes(Map<String, byte[]> bridge, Map<String, byte[]> woven) {
            this.bridge = bridge;
            this.woven = woven;
        }
    }
}
