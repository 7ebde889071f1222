package netrec.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import netrec.cassette.cache.CacheFileName;
import netrec.cassette.cache.UnusedFiles;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Log;

/**
 * The libraries netrec works with (Jackson, SnakeYAML, Byte Buddy, commons-codec, Jetty's HPACK, SLF4J), relocated
 * under {@code netrec.shaded} and kept in a jar nested inside netrec.jar ({@value #NESTED}), so that a JVM that never
 * needs them never reads their directory. A class loader reads the whole directory of a jar when it opens it, and that
 * code runs before the JIT has compiled it: for the 6,000 entries of the libraries, about 10 ms, paid by every JVM a
 * build attaches netrec to, most of which make no network call.
 *
 * <p>The nested jar is copied out once per netrec build, beside the class cache (to the temporary directory when
 * the cache is off), and appended to the system class loader's search, where netrec's own classes are. That
 * happens when netrec first goes to work: when the weaver needs Byte Buddy, and otherwise when the first netrec class
 * loads after start ({@link #classLoading}), which a network call, a test's cassette or the command line brings
 * about before any library class is named (the classes loaded at start name none; {@code StartUpClassesIT} checks
 * it). The command line ({@code java -jar netrec.jar COMMAND}) needs them at once: this class is its
 * {@code Launcher-Agent-Class}.
 *
 * <p>Copying uses {@code java.io} and {@code java.util.zip} alone, which the JVM has loaded: it may run while a class
 * loads, when the JVM shows transformers no class this thread loads.
 */
public final class Libraries {
    /** Where netrec.jar keeps the libraries. */
    static final String NESTED = "META-INF/netrec/libraries.jar";
    /** Where netrec.jar keeps AWS's SDK, which only the command line's store commands use. */
    static final String STORE = "META-INF/netrec/store.jar";

    private static Instrumentation instrumentation;
    private static File netrecJar;
    /** Where netrec's own classes come from: the classes of netrec.jar share it. */
    private static volatile ProtectionDomain netrecDomain;
    private static File copies;
    private static volatile boolean pending;
    private static boolean onClassPath;
    private static boolean storeOnClassPath;

    private Libraries() {
    }

    /** {@code java -jar netrec.jar COMMAND}: the command line works with the libraries from its first line. */
    public static void agentmain(String argument, Instrumentation launcher) {
        prepare(launcher, AgentOptions.parse("off", System.getenv()).classCache());
        ensureOnClassPath();
    }

    /**
     * netrec starts in this JVM: the libraries will be copied to {@code classCache} (null: a temporary file); nothing
     * is read yet. A netrec whose classes do not come from netrec.jar (its own tests) finds them on the class path.
     */
    static synchronized void prepare(Instrumentation instrumentation, Path classCache) {
        if (Libraries.instrumentation != null) {
            return;
        }
        Libraries.instrumentation = instrumentation;
        copies = classCache == null ? null : classCache.toFile();
        netrecDomain = Libraries.class.getProtectionDomain();
        netrecJar = netrecJar();
        onClassPath = netrecJar == null;
    }

    /** netrec has started: from now on the first netrec class to load puts the libraries on the class path. */
    static void armed() {
        pending = !onClassPath;
    }

    /**
     * Called by the transformer for every class about to load: a class of netrec.jar loading after start means
     * netrec is going to work, and may name a library next. (The same class loader holds the application's
     * classes, which may live in {@code netrec.} packages too.)
     */
    static void classLoading(String internalName, ProtectionDomain domain) {
        if (pending && domain == netrecDomain && internalName.startsWith("netrec/")) {
            ensureOnClassPath();
        }
    }

    /** Puts the libraries on the system class loader's search, once; says why when it cannot. */
    static synchronized void ensureOnClassPath() {
        pending = false;
        if (onClassPath || instrumentation == null) {
            return;
        }
        onClassPath = true;
        try {
            File copy = append(NESTED, "libraries-");
            if (Log.debugEnabled()) {
                Log.debug("the libraries are on the class path, from " + copy);
            }
        } catch (IOException | RuntimeException e) {
            Log.warn("cannot put its libraries on the class path (" + e + "): netrec cannot record or replay in this "
                    + "JVM. Check that the class cache folder (class-cache=) or the temporary directory can be "
                    + "written");
        }
    }

    /**
     * Puts AWS's SDK on the class path, once, for the command line's store commands and {@code s3://} cassettes (the
     * launcher's, or a JVM's given one); no other JVM opens it. An {@link IOException} says why it cannot.
     */
    public static synchronized void ensureStoreOnClassPath() throws IOException {
        ensureOnClassPath();
        if (storeOnClassPath || netrecJar == null || instrumentation == null) {
            return;
        }
        append(STORE, "store-");
        storeOnClassPath = true;
    }

    /** Copies the jar nested at {@code nested} out (or finds the copy) and appends it to the class path. */
    private static File append(String nested, String prefix) throws IOException {
        File copy = copyOut(nested, prefix);
        JarFile jar;
        try {
            jar = new JarFile(copy);
        } catch (IOException removedMeanwhile) { // by the first JVM of another build (UnusedFiles)
            copy = copyOut(nested, prefix);
            jar = new JarFile(copy);
        }
        instrumentation.appendToSystemClassLoaderSearch(jar);
        return copy;
    }

    /**
     * The nested jar as a file: the copy an earlier JVM made for this netrec.jar in the class cache folder, or a
     * fresh one there; a temporary one, removed at exit, when the cache is off or cannot be written.
     */
    private static File copyOut(String name, String prefix) throws IOException {
        try (JarFile jar = new JarFile(netrecJar)) {
            ZipEntry nested = jar.getEntry(name);
            if (nested == null) {
                throw new IOException(netrecJar + " has no " + name);
            }
            if (copies != null) {
                File kept = new File(copies, prefix + CacheFileName.of(netrecJar.length() + "@"
                        + netrecJar.lastModified()) + ".jar");
                if (kept.length() == nested.getSize()) {
                    UnusedFiles.used(kept);
                    return kept;
                }
                try {
                    copies.mkdirs();
                    return copy(jar, nested, kept);
                } catch (IOException unwritable) {
                    Log.debug("cannot keep the libraries in " + copies + " (" + unwritable + "); copying them to the "
                            + "temporary directory");
                }
            }
            File temporary = new File(System.getProperty("java.io.tmpdir"), "netrec-" + prefix + System.nanoTime()
                    + ".jar");
            temporary.deleteOnExit();
            return copy(jar, nested, temporary);
        }
    }

    /** Copies {@code nested} to {@code target}, which appears whole or not at all (another JVM may copy too). */
    private static File copy(JarFile jar, ZipEntry nested, File target) throws IOException {
        File partial = new File(target.getParentFile(), ".partial-" + System.nanoTime() + "-" + target.getName());
        try {
            try (InputStream in = jar.getInputStream(nested); OutputStream out = new FileOutputStream(partial)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            }
            if (!partial.renameTo(target)) {
                throw new IOException("cannot write " + target);
            }
            return target;
        } finally {
            partial.delete();
        }
    }

    /** The jar netrec's classes come from, or null when they come from a folder (netrec's own tests). */
    private static File netrecJar() {
        try {
            File location = new File(Libraries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.isFile() ? location : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
