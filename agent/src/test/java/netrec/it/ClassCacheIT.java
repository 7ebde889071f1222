package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.CoversJdkClasses;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Woven JDK classes are kept between JVMs, so a later JVM attaches netrec without loading Byte Buddy at all. */
@CoversJdkClasses("the class cache of the JDK classes netrec wove, which each JDK has its own")
class ClassCacheIT {
    @TempDir
    Path work;

    @Test
    void secondJvmTakesEveryWovenClassFromTheCacheAndNeverBuildsByteBuddy() throws Exception {
        Path cache = work.resolve("classes");
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            String agent = "record,cassette=" + work.resolve("cassette") + ",log=debug,class-cache=" + cache;
            String requests = "GET " + server.https() + "/json";

            ChildJvm.Result first = ChildJvm.withAgent(agent).main(ClientMain.class.getName(), "urlconnection", requests)
                    .run(work);
            assertEquals(0, first.exitCode, first.toString());
            assertTrue(first.stderr.contains("building Byte Buddy's weaver"), first.stderr);
            try (Stream<Path> files = Files.list(cache)) {
                assertEquals(1, files.filter(f -> f.toString().endsWith(".classes")).count(), "one file per build");
            }

            ChildJvm.Result second = ChildJvm.withAgent(agent).main(ClientMain.class.getName(), "urlconnection", requests)
                    .run(work);
            assertEquals(0, second.exitCode, second.toString());
            assertEquals(first.stdout, second.stdout);
            assertFalse(second.stderr.contains("building Byte Buddy"), second.stderr);
            assertTrue(second.stderr.matches("(?s).*the bridge and \\d+ woven JDK classes come from the class cache.*"),
                    second.stderr);
            // the second JVM's recording, made with the cached classes, replaced the first's (record replaces)
            assertTrue(Files.readString(work.resolve("cassette").resolve("interactions").resolve("ClientMain.yaml"))
                    .contains("uri: " + server.https() + "/json"), "the second JVM recorded the request");
        }
    }
}
