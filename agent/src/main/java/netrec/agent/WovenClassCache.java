package netrec.agent;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import netrec.runtime.Log;

/**
 * Woven JDK classes kept on disk, so that a JVM whose JDK classes were woven before never loads Byte Buddy: that is
 * most of what attaching netrec costs, and a build attaches it to every JVM it starts. A file is named by the class
 * and a SHA-256 of the JDK's build (runtime version, home, and the time of its {@code lib/modules}) and of this
 * netrec.jar, so another JDK, a JDK update or another netrec build simply misses. The key is not the class's original
 * bytes: on JDK 25 the bytes a retransform reconstitutes for {@code java.net.Socket} differ from one JVM to the next.
 * Files appear atomically; anything that goes wrong only means a miss.
 */
final class WovenClassCache {
    private final Path directory;
    private final String build;

    private WovenClassCache(Path directory, String build) {
        this.directory = directory;
        this.build = build;
    }

    /** A cache in {@code directory}, or null (no cache) when the directory is null or netrec's jar is unknown. */
    static WovenClassCache in(Path directory) {
        if (directory == null) {
            return null;
        }
        String build = jarIdentity();
        return build == null ? null : new WovenClassCache(directory, build);
    }

    /** The woven bytes of this class, or null. */
    byte[] find(String internalName) {
        Path file = file(internalName);
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            Log.debug("cannot read the class cache " + file + ": " + e);
            return null;
        }
    }

    void store(String internalName, byte[] woven) {
        Path file = file(internalName);
        try {
            Files.createDirectories(directory);
            Path partial = directory.resolve(".partial-" + UUID.randomUUID());
            Files.write(partial, woven);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Log.debug("cannot write the class cache " + file + ": " + e);
        }
    }

    private Path file(String internalName) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(build.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder name = new StringBuilder(internalName.replace('/', '.')).append('-');
            for (byte b : sha256.digest()) {
                name.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return directory.resolve(name.append(".class").toString());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** This JDK build and this netrec.jar (size and time): another of either gets new woven classes. */
    private static String jarIdentity() {
        try {
            Path jar = Paths.get(WovenClassCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path javaHome = Paths.get(System.getProperty("java.home"));
            Path modules = javaHome.resolve("lib").resolve("modules");
            String jdk = System.getProperty("java.runtime.version") + "|" + javaHome + "|"
                    + (Files.exists(modules) ? Files.getLastModifiedTime(modules).toMillis() : 0);
            return jdk + "|" + Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
