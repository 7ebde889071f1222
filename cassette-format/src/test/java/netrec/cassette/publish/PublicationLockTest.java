package netrec.cassette.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import netrec.cassette.CassetteLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publication lock holds across JVMs: each case runs other JVMs ({@link Holder}) that take the lock of the same
 * cassette. On Linux the lock is a POSIX record lock, which a process loses when it closes any descriptor of the
 * file; reading the lock file through another descriptor once gave the lock up the moment it was taken. That a JVM
 * waits is read from the kernel's table of locks ({@code /proc/locks}, where a waiter is a {@code ->} line).
 */
class PublicationLockTest {
    @TempDir
    Path dir;

    @Test
    void anotherJvmWaitsUntilTheHolderLetsGo() throws Exception {
        CassetteLayout cassette = new CassetteLayout(dir.resolve("cassette"));
        Holder holder = Holder.start(cassette, dir.resolve("holder"), false);
        try {
            holder.awaitHeld();
            CompletableFuture<Boolean> takenAfterRelease = CompletableFuture.supplyAsync(() -> {
                try (PublicationLock lock = PublicationLock.take(cassette)) {
                    return Files.exists(holder.released);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            assertWaits(ProcessHandle.current().pid(), takenAfterRelease::isDone, "this JVM");
            holder.letGo();
            assertTrue(takenAfterRelease.get(60, TimeUnit.SECONDS), "taken before the other JVM let go");
            assertEquals(0, holder.process.waitFor());
        } finally {
            holder.process.destroyForcibly();
        }
    }

    @Test
    void aJvmWaitingOnALockFileThatIsRemovedTakesTheNextOneAndHoldsItAgainstOthers() throws Exception {
        CassetteLayout cassette = new CassetteLayout(dir.resolve("cassette"));
        Holder remover = Holder.start(cassette, dir.resolve("remover"), true);
        Holder later = null;
        try {
            remover.awaitHeld();
            CompletableFuture<Void> took = new CompletableFuture<>();
            CountDownLatch letGo = new CountDownLatch(1);
            Thread taker = new Thread(() -> {
                try (PublicationLock lock = PublicationLock.take(cassette)) {
                    took.complete(null);
                    letGo.await();
                } catch (IOException | InterruptedException | RuntimeException e) {
                    took.completeExceptionally(e);
                }
            });
            taker.start();
            assertWaits(ProcessHandle.current().pid(), took::isDone, "this JVM"); // on the file about to go
            remover.letGo();
            took.get(60, TimeUnit.SECONDS);
            assertTrue(Files.exists(remover.released));
            later = Holder.start(cassette, dir.resolve("later"), false);
            Holder third = later;
            assertWaits(third.process.pid(), third::saidHeld, "a third JVM");
            letGo.countDown();
            taker.join();
            later.letGo();
            assertEquals(0, remover.process.waitFor());
            assertEquals(0, later.process.waitFor());
        } finally {
            remover.process.destroyForcibly();
            if (later != null) {
                later.process.destroyForcibly();
            }
        }
    }

    /** A JVM killed as it removed the lock file (marked, not yet unlinked) leaves a lock that is taken as it is. */
    @Test
    void aLockFileMarkedRemovedButLeftAtItsPathIsTaken() throws Exception {
        CassetteLayout cassette = new CassetteLayout(dir.resolve("cassette"));
        RecordingAttempt.prepareWork(cassette);
        Files.write(cassette.work().resolve(PublicationLock.FILE), "removed\n".getBytes(StandardCharsets.US_ASCII));
        CompletableFuture<Void> took = CompletableFuture.runAsync(() -> {
            try (PublicationLock lock = PublicationLock.take(cassette)) {
                // taken
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        took.get(30, TimeUnit.SECONDS);
    }

    /** Waits until the process {@code pid} waits for a lock; fails if {@code took} says it took the lock first. */
    private static void assertWaits(long pid, BooleanSupplier took, String who) throws Exception {
        Path locks = Paths.get("/proc/locks");
        assertTrue(Files.isReadable(locks), "this test reads the kernel's table of locks, /proc/locks (Linux), to tell "
                + "that a JVM waits for the lock; this machine has none");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(!took.getAsBoolean(), who + " took the lock another JVM held");
            List<String> table = Files.readAllLines(locks, StandardCharsets.US_ASCII);
            if (table.stream().anyMatch(line -> line.contains("->") && line.split("\\s+").length > 5
                    && line.split("\\s+")[5].equals(Long.toString(pid)))) {
                return;
            }
            Thread.sleep(10); // the kernel's table says when a process waits; nothing tells it
        }
        throw new AssertionError(who + " neither waited for the lock nor took it within a minute");
    }

    /**
     * Another JVM: takes the lock of the cassette named, says {@code held}, keeps it until a line comes on its standard
     * input, then writes {@code NAME.released} (so that whoever has the lock next can tell it came after), removes
     * the lock file as the last publication does if asked, and lets go.
     */
    public static final class Holder {
        final Process process;
        final Path released;
        private final BufferedReader out;

        private Holder(Process process, Path name) {
            this.process = process;
            this.released = Paths.get(name + ".released");
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        }

        public static void main(String[] args) throws Exception {
            CassetteLayout cassette = new CassetteLayout(Paths.get(args[0]));
            try (PublicationLock lock = PublicationLock.take(cassette)) {
                System.out.println("held");
                System.out.flush();
                System.in.read(); // a line, or the end of the stream: let go
                Files.write(Paths.get(args[1] + ".released"), new byte[0]);
                if (Boolean.parseBoolean(args[2])) {
                    lock.removeFile();
                }
            }
        }

        static Holder start(CassetteLayout cassette, Path name, boolean removes) throws IOException {
            Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    Holder.class.getName(), cassette.directory().toString(), name.toString(),
                    Boolean.toString(removes)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Holder(process, name);
        }

        /** Returns once it says it holds the lock. */
        void awaitHeld() throws IOException {
            assertEquals("held", out.readLine());
        }

        /** True once it said it holds the lock (without waiting for it to say so). */
        boolean saidHeld() {
            try {
                return (out.ready() || !process.isAlive()) && "held".equals(out.readLine());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        void letGo() throws IOException {
            try (OutputStream in = process.getOutputStream()) {
                in.write('\n');
            }
        }
    }
}
