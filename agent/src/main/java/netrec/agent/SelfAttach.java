package netrec.agent;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import net.bytebuddy.agent.ByteBuddyAgent;
import netrec.runtime.Engine;

/**
 * Puts netrec into the running JVM when no {@code -javaagent:netrec.jar} did, by attaching the jar this class came
 * from as an agent (byte-buddy-agent: the JVM's attach API, or a helper process when self-attach is not allowed).
 * The JUnit 5 extension (netrec-junit5) calls it before a test's cassette is put in use.
 */
public final class SelfAttach {
    private SelfAttach() {
    }

    /** Attaches netrec.jar to this JVM unless netrec is running in it already; fails saying what to do instead. */
    public static synchronized void ensureAttached() {
        if (Engine.isInPlace()) {
            return;
        }
        File jar = netrecJar();
        if (Runtime.version().feature() >= 21 && !ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:+EnableDynamicAgentLoading")) {
            System.err.println("netrec: attaching itself to this JVM, which was started without -javaagent:" + jar
                    + ". The JVM warns about agents loaded this way; to start netrec with the JVM instead, add "
                    + "-javaagent:" + jar + " to Surefire's argLine (or allow it with -XX:+EnableDynamicAgentLoading)");
        }
        try {
            ByteBuddyAgent.attach(jar, String.valueOf(ProcessHandle.current().pid()), "");
        } catch (RuntimeException e) {
            throw new IllegalStateException("netrec: cannot attach itself to this JVM (" + e.getMessage() + "); add "
                    + "-javaagent:" + jar + " to the test JVM's options (Surefire's argLine)", e);
        }
        if (!Engine.isInPlace()) {
            throw new IllegalStateException("netrec: attached " + jar + " to this JVM, but the tests see another copy "
                    + "of netrec's classes (a separate class loader); add -javaagent:" + jar + " to Surefire's argLine");
        }
    }

    private static File netrecJar() {
        File location;
        try {
            location = new File(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IllegalStateException("netrec: cannot tell which jar netrec's classes come from (" + e
                    + "); add -javaagent:netrec.jar to the test JVM's options (Surefire's argLine)", e);
        }
        if (!location.isFile()) {
            throw new IllegalStateException("netrec: its classes come from " + location + ", not from netrec.jar, "
                    + "so it cannot attach itself; put netrec.jar (dev.netrec:netrec-agent) on the test class path, or add "
                    + "-javaagent:netrec.jar to the test JVM's options (Surefire's argLine)");
        }
        return location;
    }
}
