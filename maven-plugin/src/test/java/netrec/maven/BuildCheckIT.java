package netrec.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import org.junit.jupiter.api.Test;

/** netrec's own build, as a contributor without JDK 25 meets it: it says what to set in its first second. */
@JdkIndependent("netrec's own build and its enforcer rule")
class BuildCheckIT {
    private static final Path ROOT = SampleBuilds.SAMPLES.toAbsolutePath().getParent();

    @Test
    void aMissingJdk25StopsTheBuildAtOnceSayingWhatToSet() throws Exception {
        ChildJvm.Result run = SampleBuilds.maven("-N", "validate", "-Dnetrec.jdk25=/nowhere/jdk-25").run(ROOT);
        assertTrue(run.stdout.lines().filter(l -> l.startsWith("[INFO] --- ")).findFirst().orElse("")
                .startsWith("[INFO] --- enforcer:"), "the check is the build's first step: " + run.stdout);
        assertEquals(1, run.exitCode, run.stdout);
        String said = run.stdout.replace("[ERROR] ", "");
        assertTrue(said.contains("netrec's integration tests run on JDK 17 and again on JDK 25, and there is no "
                + "JDK 25 at\n/nowhere/jdk-25 (no bin/java there).\n"), run.stdout);
        assertTrue(said.contains("point the build at it with -Dnetrec.jdk25=/path/to/jdk-25,\nor leave the "
                + "tests out with -DskipITs (or -DskipTests)."), run.stdout);
    }

    @Test
    void withoutTheTestsNoJdk25IsNeeded() throws Exception {
        for (String skip : new String[] {"-DskipITs", "-DskipTests"}) {
            ChildJvm.Result run = SampleBuilds.maven("-N", "validate", "-Dnetrec.jdk25=/nowhere/jdk-25", skip)
                    .run(ROOT);
            assertEquals(0, run.exitCode, skip + ": " + run.stdout);
        }
    }
}
