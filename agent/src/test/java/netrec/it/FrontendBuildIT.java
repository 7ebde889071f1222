package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import netrec.it.support.ChildJvm;
import netrec.it.support.MavenRun;
import netrec.it.support.NpmRegistry;
import netrec.it.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build whose frontend-maven-plugin (1.15.4, from Maven Central) runs {@code npm install}: Maven and the plugin
 * recorded as JVMs, npm (not a JVM) through netrec's proxy against an npm registry on this machine serving the three
 * packages the project names; then rebuilt offline with the registry stopped, from an empty local repository and
 * npm cache, by {@code samples/frontend-build/record-and-replay.sh}, which fails unless Maven downloaded and npm
 * installed the same files. Run with {@code -Pfull} (it needs Maven Central).
 */
class FrontendBuildIT {
    private static final Path SAMPLES = Paths.get(System.getProperty("netrec.samples", "../samples"));

    @TempDir
    Path work;

    @Test
    void npmInstallRunByFrontendMavenPluginReplaysOffline() throws Exception {
        ChildJvm.Result run;
        try (NpmRegistry registry = NpmRegistry.start(work.resolve("registry"))) {
            registry.publish("left-pad", "1.3.0", "function leftPad(text) { return ' ' + text; }");
            registry.publish("is-number", "7.0.0", "function isNumber(value) { return typeof value === 'number'; }");
            registry.publish("ms", "2.1.3", "function ms(text) { return 1000; }");
            run = MavenRun.of().env("MVN", MavenBuildIT.mavenCommand("3.9.16")).env("WORK", work.resolve("build")
                    .toString()).env("NETREC_JAR", ChildJvm.agentJar().toString()).env("NPM_REGISTRY", registry.url())
                    .env("NETREC_JAVA_OPTIONS", "-Djavax.net.ssl.trustStore=" + TestCertificates.trustStore()
                            + " -Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD)
                    .within(Duration.ofMinutes(5)).runScript(SAMPLES.resolve("frontend-build"),
                            "record-and-replay.sh");
        }
        assertEquals(0, run.exitCode, run.stdout);
        assertTrue(run.stdout.contains("added 3 packages"), run.stdout);
        assertTrue(run.stdout.matches("(?s).*identical: all \\d+ files Maven downloaded.*"), run.stdout);
        assertTrue(run.stdout.contains("files npm installed"), run.stdout);
        assertTrue(run.stdout.contains(", 0 missed, "), run.stdout);
    }
}
