package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.it.client.ClientMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.ClientAnswers;
import netrec.tools.Tools;
import netrec.tools.command.Tool;
import netrec.testing.FilterExamples;
import netrec.testing.WireMockFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cassette tools from netrec.jar itself ({@code java -jar netrec.jar TOOL ...}), one run each: that the jar's
 * main class reaches every tool, and that each runs with the libraries shaded into the jar. What each tool does is
 * tested in process, in netrec-cassette-tools (on the build's JDK: the tools use the JDK's public API only); here,
 * as every IT, the runs happen on JDK 17 and on JDK 25. One more run shows the promise of {@code wiremock-import}
 * end to end: what WireMock's recorder saved replays offline under the agent.
 */
class CassetteToolsJarIT {
    @TempDir
    Path work;

    @Test
    void everyToolButWireMockImportRunsFromTheJar() throws Exception {
        Path cassette = FilterExamples.cassette(work.resolve("cassette"));
        List<String> ran = new ArrayList<>();

        ChildJvm.Result list = tool(ran, "list", cassette.toString());
        assertEquals(FilterExamples.INTERACTIONS, list.lines().size(), list.stdout);
        assertTrue(list.lines().get(0).endsWith(FilterExamples.BASE + "/api/forecast.json  200  "
                + FilterExamples.FORECAST.length() + " B"), list.stdout);

        ChildJvm.Result show = tool(ran, "show", cassette.toString(), "2");
        assertTrue(show.stdout.contains("# body file: " + cassette.resolve("bodies")), show.stdout);

        ChildJvm.Result verify = tool(ran, "verify", cassette.toString());
        assertTrue(verify.stdout.endsWith(FilterExamples.INTERACTIONS + " interactions, 2 body file references, 0 "
                + "problems\n"), verify.stdout);

        ChildJvm.Result templates = tool(ran, "templates", cassette.toString());
        assertTrue(templates.stdout.endsWith("0 request URIs to template, 0 body rules to add\n"), templates.stdout);

        Path page = work.resolve("page.html");
        ChildJvm.Result view = tool(ran, "view", cassette.toString(), "--out", page.toString());
        assertTrue(view.stdout.startsWith("wrote " + page), view.stdout);
        assertTrue(Files.readString(page).contains(FilterExamples.BASE + "/api/forecast.json"), "the page's data");

        ChildJvm.Result har = tool(ran, "har", cassette.toString());
        int entries = new ObjectMapper().readTree(har.stdout).path("log").path("entries").size();
        assertEquals(FilterExamples.INTERACTIONS - 1, entries, "all but the one that got no response");
        Path harFile = Files.writeString(work.resolve("cassette.har"), har.stdout);

        ChildJvm.Result harImport = tool(ran, "har-import", harFile.toString(), work.resolve("from-har").toString());
        assertTrue(harImport.stdout.startsWith("imported " + entries + " interactions from " + harFile),
                harImport.stdout);

        Path stubs = work.resolve("stubs");
        ChildJvm.Result export = tool(ran, "wiremock-export", cassette.toString(), stubs.toString());
        assertTrue(export.stdout.startsWith("wrote " + entries + " stub mappings to " + stubs.resolve("mappings")),
                export.stdout);

        ran.add("wiremock-import");

        Path repository = work.resolve("repository");
        ChildJvm.Result maven = tool(ran, "maven-repository", cassette.toString(), repository.toString());
        assertTrue(maven.stdout.startsWith("wrote ") && maven.stdout.contains(repository.toUri().toString()),
                maven.stdout);

        ChildJvm.Result prune = ChildJvm.netrecCommand("prune", cassette.toString()).run(work);
        assertEquals(1, prune.exitCode, "no replay of it yet: " + prune);
        assertTrue(prune.stderr.startsWith("netrec: prune needs the report of a replay of " + cassette), prune.stderr);
        ran.add("prune");
        List<String> every = new ArrayList<>();
        for (Tool tool : Tools.all()) {
            every.add(tool.name());
        }
        assertEquals(every, ran, "each tool runs from the jar once (wiremock-import in the test below)");
    }

    @Test
    void mappingsWireMocksRecorderSavedImportFromTheJarAndReplayOffline() throws Exception {
        Path root = work.resolve("wiremock");
        String base = WireMockFixture.recordThroughWireMock(root);

        Path cassette = work.resolve("cassette");
        ChildJvm.Result imported = ChildJvm.netrecCommand("wiremock-import", root.toString(), cassette.toString(),
                "--base-url", base).run(work);
        assertEquals(0, imported.exitCode, imported.toString());
        assertTrue(imported.stdout.startsWith("imported 6 interactions from " + root), imported.stdout);

        ChildJvm replaying = ChildJvm.withAgent("replay,cassette=" + cassette).main(ClientMain.class.getName(),
                "urlconnection", "GET " + base + "/items?b=2&a=1 ; GET " + base + "/counter ; GET " + base
                + "/counter ; GET " + base + "/counter ; GET " + base + "/image.bin ; POST " + base
                + "/events header:Content-Type=application/json body:{\"kind\":\"view\"}");
        ChildJvm.Result replayed = (ChildJvm.networkNamespacesWork() ? replaying.offline() : replaying).run(work);
        assertEquals(0, replayed.exitCode, replayed.toString());
        List<String> answered = new ArrayList<>();
        List<byte[]> bodies = WireMockFixture.expectedBodies();
        for (int i = 0; i < bodies.size(); i++) {
            String status = WireMockFixture.expected().get(i).split(" ")[0];
            answered.add(status + " " + ClientAnswers.sha256(bodies.get(i)));
        }
        assertEquals(answered, ClientAnswers.of(replayed), "the server stopped, the same answers in the same order");
    }

    /** {@code java -jar netrec.jar NAME ARGS...}, which must end with status 0 and nothing on stderr. */
    private ChildJvm.Result tool(List<String> ran, String name, String... args) throws Exception {
        String[] commandLine = new String[args.length + 1];
        commandLine[0] = name;
        System.arraycopy(args, 0, commandLine, 1, args.length);
        ChildJvm.Result run = ChildJvm.netrecCommand(commandLine).run(work);
        assertEquals(0, run.exitCode, run.toString());
        if (!name.equals("har") && !name.equals("wiremock-export")) {
            assertEquals("", run.stderr, name);
        }
        ran.add(name);
        return run;
    }
}
