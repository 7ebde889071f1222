package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import netrec.it.support.TestServer;
import netrec.testing.ToolRun;
import netrec.tools.inspect.ListTool;
import netrec.tools.templates.TemplatesTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client whose requests carry the time, a UUID and a cache-buster, in the URL and in a JSON body, recorded today
 * and replayed offline "a day later" (its clock moved by a day), after netrec made the recording into templates.
 * Recording and replay run under the agent, in child JVMs; {@code templates} and {@code list} run in this JVM
 * (TemplatesToolTest checks them on their own, CassetteToolsJarIT from netrec.jar).
 */
@JdkIndependent("templates are made and matched by netrec from URIs and bodies; the traffic is HttpURLConnection's, "
        + "which UrlConnectionRecordReplayIT records and replays on both JDKs")
class TemplatesIT {
    private static final String MAIN = ClientMain.class.getName();
    private static final String DAY_LATER = "-Dclient.clock.shift=P1D";

    @TempDir
    Path work;

    private static String requests(String base) {
        return "GET " + base + "/echo-path/items?ts=%NOW_MS%&id=%UUID%&_=%RANDOM%; "
                + "POST " + base + "/events header:Content-Type=application/json "
                + "body:{\"item\":\"book\",\"sentAt\":%NOW_MS%,\"requestId\":\"%UUID%\",\"nonce\":\"%RANDOM%\"}";
    }

    /** What a run printed, without the request URLs, which differ from run to run. */
    private static List<String> responses(ChildJvm.Result run) {
        return run.lines().stream().map(line -> line.substring(line.indexOf(" -> "))).collect(Collectors.toList());
    }

    @Test
    void twoRecordingsMakeTemplatesThatReplayADayLater() throws Exception {
        Path cassette = work.resolve("cassette");
        Path second = work.resolve("second-recording");
        ChildJvm.Result recorded;
        String base;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(MAIN, "urlconnection",
                    requests(base)).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
            ChildJvm.Result again = ChildJvm.withAgent("record,cassette=" + second).main(MAIN, "urlconnection",
                    requests(base)).run(work);
            assertEquals(0, again.exitCode, again.toString());
        }
        Files.writeString(cassette.resolve("rules.yaml"),
                "version: 1\nrules:\n  - method: POST\n    path: /events\n    body: json\n");

        ChildJvm.Result untemplated = RecordReplayScenario.replayJvm(cassette).jvmOption(DAY_LATER)
                .main(MAIN, "urlconnection", requests(base)).run(work);
        assertEquals(3, untemplated.exitCode, "without templates the new URL must miss: " + untemplated);
        assertTrue(untemplated.stdout.contains("query differs: not recorded"), untemplated.toString());

        ToolRun templates = ToolRun.of(new TemplatesTool(), cassette.toString(), second.toString(), "--write");
        assertEquals(0, templates.status(), templates.toString());
        assertTrue(templates.out().contains("-> http://localhost:"), templates.out());
        assertTrue(templates.out().contains("/echo-path/items?ts={epochMillis:[0-9]{13}}&id={uuid:[0-9a-fA-F-]{36}}"
                + "&_={_}"), templates.out());
        assertTrue(templates.out().contains("rules.yaml: ignore body fields [sentAt, requestId, nonce] of POST "
                + "localhost/events"), templates.out());
        assertTrue(templates.out().contains("1 request URIs templated, 1 body rules added; the cassette loads with "
                + "its 2 interactions"), templates.out());

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).jvmOption(DAY_LATER)
                .main(MAIN, "urlconnection", requests(base)).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(responses(recorded), responses(replayed));
        assertEquals("", replayed.stderr);

        ToolRun rerun = ToolRun.of(new TemplatesTool(), cassette.toString(), second.toString());
        assertTrue(rerun.out().endsWith("0 request URIs to template, 0 body rules to add\n"), rerun.out());
    }

    @Test
    void recordingWithTemplatesAutoReplaysADayLater() throws Exception {
        Path cassette = work.resolve("cassette");
        String request;
        ChildJvm.Result recorded;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            request = "GET " + server.http() + "/echo-path/items?since=%NOW_MS%&trace=%UUID%";
            recorded = ChildJvm.withAgent("record,templates=auto,cassette=" + cassette).main(MAIN, "urlconnection",
                    request).run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }
        ToolRun listed = ToolRun.of(new ListTool(), cassette.toString());
        assertTrue(listed.out().contains("/echo-path/items?since={epochMillis:[0-9]{13}}&trace="
                + "{uuid:[0-9a-fA-F-]{36}}"), listed.out());
        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette).jvmOption(DAY_LATER)
                .main(MAIN, "urlconnection", request).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(responses(recorded), responses(replayed));
    }
}
