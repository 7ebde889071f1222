package netrec.cassette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import netrec.cassette.CassetteLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publication lock holds across JVMs: each case runs a second JVM ({@link Holder}) that takes the lock of the
 * same cassette. On Linux the lock is a POSIX record lock, which a process loses when it closes any descriptor of
 * the file; reading the lock file through another descriptor once gave the lock up the moment it was taken.
 */
class PublicationLockTest {
    @TempDir
    Path dir;

    @Test
    void anotherJvmWaitsUntilTheHolderLetsGo() throws Exception {
        CassetteLayout cassette = new CassetteLayout(dir.resolve("cassette"));
        Path released = dir.resolve("released");
        Process holder = Holder.start(cassette, released, "hold");
        try {
            Holder.awaitHeld(holder);
            try (PublicationLock lock = PublicationLock.take(cassette)) {
                assertTrue(Files.exists(released), "the lock was taken while the other JVM held it");
            }
            assertEquals(0, holder.waitFor());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aJvmWaitingOnALockFileThatIsRemovedTakesTheNextOneAndHoldsItAgainstOthers() throws Exception {
        CassetteLayout cassette = new CassetteLayout(dir.resolve("cassette"));
        Process remover = Holder.start(cassette, dir.resolve("removed"), "hold-then-remove");
        Process later = null;
        try {
            Holder.awaitHeld(remover);
            try (PublicationLock lock = PublicationLock.take(cassette)) { // waited on the file the other removed
                assertTrue(Files.exists(dir.resolve("removed")));
                later = Holder.start(cassette, dir.resolve("later"), "hold");
                Process third = later;
                CompletableFuture<Void> held = CompletableFuture.runAsync(() -> Holder.awaitHeld(third));
                assertTrue(waits(held), "a third JVM took the lock this one holds");
            }
            assertEquals(0, remover.waitFor());
            assertEquals(0, later.waitFor());
        } finally {
            remover.destroyForcibly();
            if (later != null) {
                later.destroyForcibly();
            }
        }
    }

    /** False when {@code held} completed within a second and a half (the other JVM has the lock). */
    private static boolean waits(CompletableFuture<Void> held) throws InterruptedException {
        try {
            held.get(1500, TimeUnit.MILLISECONDS);
            return false;
        } catch (java.util.concurrent.TimeoutException stillWaiting) {
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /**
     * The other JVM: takes the lock of the cassette named, says {@code held}, keeps it a second and a half, writes
     * the file named (so that whoever has the lock next can tell it came after), optionally removes the lock file as
     * the last publication does, and lets go.
     */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            CassetteLayout cassette = new CassetteLayout(Paths.get(args[0]));
            try (PublicationLock lock = PublicationLock.take(cassette)) {
                System.out.println("held");
                System.out.flush();
                Thread.sleep(1500);
                Files.write(Paths.get(args[1]), new byte[0]);
                if (args[2].equals("hold-then-remove")) {
                    lock.removeFile();
                }
            }
        }

        static Process start(CassetteLayout cassette, Path done, String how) throws IOException {
            Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
            return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    Holder.class.getName(), cassette.directory().toString(), done.toString(), how)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        }

        static void awaitHeld(Process holder) {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertEquals("held", out.readLine());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
