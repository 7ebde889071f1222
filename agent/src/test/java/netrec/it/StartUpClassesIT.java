package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.CoversJdkClasses;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netrec's libraries (Jackson, SnakeYAML, Byte Buddy, commons-codec, Jetty's HPACK) live in a jar nested inside
 * netrec.jar, put on the class path when netrec first goes to work. A JVM that makes no network call never opens
 * it; that is safe only while no class netrec loads at start names a library class, since the first netrec class
 * loaded after start is what brings the libraries in. And once the libraries are in, they work: a request is recorded.
 */
@CoversJdkClasses("the agent's start: the JDK classes it loads and weaves")
class StartUpClassesIT {
    private static final Pattern LOADED_FROM_NETREC_JAR = Pattern.compile("(\\S+) source: (?:file:|jar:file:)?"
            + Pattern.quote(ChildJvm.agentJar().toString()));

    @TempDir
    Path work;

    @Test
    void aJvmThatMakesNoNetworkCallNeverOpensTheLibrariesAndItsStartUpClassesNameNone() throws Exception {
        Path cache = work.resolve("classes");
        String agent = "record,cassette=" + work.resolve("cassette") + ",class-cache=" + cache;
        ChildJvm.Result weaving = ChildJvm.withAgent(agent).main(Idle.class.getName()).run(work);
        assertEquals(0, weaving.exitCode, weaving.toString());
        assertEquals(1, libraryCopies(cache).size(), "the first JVM wove the JDK's classes with Byte Buddy");
        Files.delete(libraryCopies(cache).get(0));

        Path log = work.resolve("class-load.log");
        ChildJvm.Result idle = ChildJvm.withAgent(agent).jvmOption("-Xlog:class+load=info:file=" + log)
                .main(Idle.class.getName()).run(work);
        assertEquals(0, idle.exitCode, idle.toString());
        assertEquals("idle\n", idle.stdout);
        assertEquals(List.of(), libraryCopies(cache), "no library was needed, so none was copied out");
        assertEquals(List.of(), Files.readAllLines(log).stream()
                .filter(line -> line.contains(" jdk.internal.misc.Netrec") || line.contains(" netrec.runtime.Session "))
                .collect(Collectors.toList()), "netrec never started: its bridge was not put in java.base, and no "
                + "session was made");

        List<String> startUp = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher loaded = LOADED_FROM_NETREC_JAR.matcher(line);
            if (loaded.find()) {
                startUp.add(loaded.group(1).replace('.', '/'));
            }
        }
        assertTrue(startUp.contains("netrec/agent/NetrecAgent"), "read the class loading log: " + startUp);
        List<String> namingLibraries = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (String name : startUp) {
                try (InputStream in = jar.getInputStream(jar.getEntry(name + ".class"))) {
                    for (String named : classesNamed(in.readAllBytes())) {
                        if (named.contains("netrec/shaded/") && !named.contains("netrec/shaded/bytebuddy/agent/")) {
                            namingLibraries.add(name + " names " + named);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), namingLibraries, "a class loaded at start that names a library class could use it "
                + "before any other netrec class loads, and so before the libraries are on the class path");
    }

    @Test
    void theFirstNetworkCallBringsTheLibrariesInAndIsRecordedThenReplayedWithoutAnObjectMapper() throws Exception {
        Path cache = work.resolve("classes");
        String agent = "record,cassette=" + work.resolve("cassette") + ",class-cache=" + cache;
        String request;
        ChildJvm.Result recording;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            request = "GET " + server.https() + "/json";
            assertEquals(0, ChildJvm.withAgent(agent).main(Idle.class.getName()).run(work).exitCode);
            Files.delete(libraryCopies(cache).get(0));
            Path log = work.resolve("class-load.log");
            recording = ChildJvm.withAgent(agent).jvmOption("-Xlog:class+load=info:file=" + log)
                    .main(ClientMain.class.getName(), "urlconnection", request).run(work);
            assertEquals(0, recording.exitCode, recording.toString());
            assertFalse(recording.stderr.contains("netrec"), recording.stderr);
            assertEquals(1, libraryCopies(cache).size());
            assertEquals(List.of(), parsing(log), "a JSON response that names no secret is recorded without Jackson "
                    + "parsing it into a tree, hundreds of classes to load");
        }
        try (Stream<Path> files = Files.list(work.resolve("cassette").resolve("interactions"))) {
            assertTrue(files.anyMatch(file -> read(file).contains("/json")), "the request was recorded");
        }

        // the server is stopped: the first replay of the cassette reads its YAML, and makes its index
        Path log = work.resolve("replay-class-load.log");
        ChildJvm.Result replaying = ChildJvm.withAgent("replay,cassette=" + work.resolve("cassette") + ",class-cache="
                + cache).jvmOption("-Xlog:class+load=info:file=" + log)
                .main(ClientMain.class.getName(), "urlconnection", request).run(work);
        assertEquals(0, replaying.exitCode, replaying.toString());
        assertEquals(recording.lines(), replaying.lines());
        assertEquals(List.of(), Files.readAllLines(log).stream()
                .filter(line -> line.contains(" netrec.shaded.jackson.databind.ObjectMapper "))
                .collect(Collectors.toList()), "the cassette's YAML is read with Jackson's parser and trees alone, "
                + "not its ObjectMapper (its configuration, most of what Jackson cost a first replay)");
    }

    /** The lines of a class loading log that say Jackson parsed JSON into a tree. */
    private static List<String> parsing(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains(" netrec.shaded.jackson.databind.ObjectMapper ")
                        || line.contains(" netrec.shaded.jackson.core.JsonFactory ")
                        || line.contains(" netrec.shaded.jackson.databind.deser."))
                .collect(Collectors.toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> libraryCopies(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().startsWith("libraries-")).toList();
        }
    }

    /** The UTF-8 constants of a class file: every class, descriptor and signature it names is among them. */
    private static List<String> classesNamed(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.skipBytes(8);
        int count = in.readUnsignedShort();
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> texts.add(in.readUTF());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return texts;
    }

    /** A program that makes no network call. */
    public static final class Idle {
        public static void main(String[] args) {
            System.out.println("idle");
        }
    }
}
