package netrec.tools.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.testing.TestCassette;
import netrec.testing.ToolRun;
import netrec.tools.importing.ImportedRecording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code list}: one line per interaction, a folder of cassettes cassette by cassette, and its usage errors. */
class ListToolTest {
    private static final String BASE = "http://127.0.0.1:8080";

    @TempDir
    Path work;

    private Path forecastCassette(Path directory) throws Exception {
        return new TestCassette(directory)
                .get(BASE + "/json", "application/json", "{\"city\":\"Paris\",\"sky\":\"sunny\"}")
                .exchange("GET", BASE + "/large", List.of(), null, 200, List.of(), new byte[3 * 1024 * 1024])
                .exchange("POST", BASE + "/form", List.of(), "a=1".getBytes(), 201, List.of(), new byte[2048])
                .write("recording");
    }

    @Test
    void eachInteractionIsOneLineNumberedAsShowTakesThem() throws Exception {
        Path cassette = forecastCassette(work.resolve("cassette"));

        ToolRun run = ToolRun.of(new ListTool(), cassette.toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals("   1  GET     " + BASE + "/json  200  30 B\n"
                + "   2  GET     " + BASE + "/large  200  3 MiB\n"
                + "   3  POST    " + BASE + "/form  201  2 KiB\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void aRawTcpConversationIsListedWithItsTurnsAndAnUnansweredRequestAsSuch() throws Exception {
        Path cassette = work.resolve("cassette");
        TestCassette written = new TestCassette(cassette);
        written.add(new Interaction(TestCassette.RECORDED, ImportedRecording.server(URI.create("http://db:5432/"),
                Interaction.TCP, null), Interaction.TCP, Interaction.tcpRequest("db", 5432),
                RecordedResponse.conversation(List.of(
                        Message.of(Message.Side.CLIENT, 0, Message.Kind.DATA, new byte[] {1, 2, 3}),
                        Message.of(Message.Side.SERVER, 5, Message.Kind.DATA, new byte[7]))), null));
        written.add(new Interaction(TestCassette.RECORDED, ImportedRecording.server(URI.create(BASE),
                Interaction.HTTP_1_1, null), new RecordedRequest("GET", BASE + "/slow", Headers.none(), Body.empty()),
                RecordedResponse.unanswered(), null));
        written.write("recording");

        ToolRun run = ToolRun.of(new ListTool(), cassette.toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals("   1  TCP     tcp://db:5432  tcp  2 messages, 10 B\n"
                + "   2  GET     " + BASE + "/slow  unanswered  0 B\n", run.out());
    }

    @Test
    void theFilterKeepsTheNumbersOfTheWholeList() throws Exception {
        Path cassette = forecastCassette(work.resolve("cassette"));

        ToolRun run = ToolRun.of(new ListTool(), cassette.toString(), "--filter", "!~m GET");

        assertEquals("   3  POST    " + BASE + "/form  201  2 KiB\n", run.out());
    }

    @Test
    void aFolderOfTestCassettesIsListedCassetteByCassette() throws Exception {
        Path resources = work.resolve("src/test/resources/netrec");
        Path forecast = forecastCassette(resources.resolve("WeatherTest/forecast"));
        Path alerts = new TestCassette(resources.resolve("WeatherTest/alerts"))
                .get(BASE + "/alerts", "application/json", "[]").write("recording");
        Path nested = new TestCassette(resources.resolve("billing/InvoiceTest/pays"))
                .exchange("POST", BASE + "/pay", List.of(), "{}".getBytes(), 201, List.of(), "ok".getBytes())
                .write("recording");
        Files.createDirectories(resources.resolve(".git/objects"));

        ToolRun run = ToolRun.of(new ListTool(), resources.toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals(String.join("\n",
                alerts + ":",
                "   1  GET     " + BASE + "/alerts  200  2 B",
                "",
                forecast + ":",
                "   1  GET     " + BASE + "/json  200  30 B",
                "   2  GET     " + BASE + "/large  200  3 MiB",
                "   3  POST    " + BASE + "/form  201  2 KiB",
                "",
                nested + ":",
                "   1  POST    " + BASE + "/pay  201  2 B",
                "",
                "3 cassettes, 5 interactions", ""), run.out());
    }

    @Test
    void aFilterOverAFolderSaysHowManyItPicked() throws Exception {
        Path resources = work.resolve("resources");
        forecastCassette(resources.resolve("A/one"));
        forecastCassette(resources.resolve("B/two"));

        ToolRun run = ToolRun.of(new ListTool(), resources.toString(), "--filter", "~m POST");

        assertEquals(0, run.status(), run.toString());
        assertEquals(List.of(resources.resolve("A/one") + ":", "   3  POST    " + BASE + "/form  201  2 KiB", "",
                resources.resolve("B/two") + ":", "   3  POST    " + BASE + "/form  201  2 KiB", "",
                "2 cassettes, 6 interactions, 2 of them picked by the filter"), run.lines());
    }

    @Test
    void aFolderWithNoCassetteSaysSoInsteadOfPrintingNothing() throws Exception {
        Path empty = Files.createDirectories(work.resolve("resources/netrec/Nothing"));

        ToolRun run = ToolRun.of(new ListTool(), work.resolve("resources").toString());

        assertEquals(1, run.status(), run.toString());
        assertEquals("", run.out());
        assertEquals("netrec: " + work.resolve("resources") + " holds no cassette: a cassette is a folder with "
                + "interactions/ in it, and there is none in it or below it\n", run.err(), empty.toString());
    }

    @Test
    void aMissingCassetteSaysSo() {
        ToolRun run = ToolRun.of(new ListTool(), work.resolve("nowhere").toString());

        assertEquals(1, run.status(), run.toString());
        assertEquals("netrec: " + work.resolve("nowhere") + " is not a cassette directory (it does not exist)\n",
                run.err());
    }

    @Test
    void aWrongFilterIsOneLineSayingWhatIsValidAndWhereTheHelpIs() throws Exception {
        Files.createDirectories(work.resolve("empty"));

        ToolRun run = ToolRun.of(new ListTool(), work.resolve("empty").toString(), "--filter", "~c abc");

        assertEquals(2, run.status(), run.toString());
        assertEquals("netrec: filter '~c abc': ~c needs a status code such as 404, not 'abc'; valid: ~d ~m ~c ~u ~h "
                + "~hq ~hs ~b ~bq ~bs ~t ~tq ~ts ~q ~s, ! & | ( ), or a bare URL regex\n"
                + "Try 'java -jar netrec.jar list --help' for more information.\n", run.err());
    }

    @Test
    void wrongArgumentsAreOneLineAndAPointerToHelp() {
        assertEquals("netrec: list takes one cassette, or a folder of cassettes, got none\n"
                + "Try 'java -jar netrec.jar list --help' for more information.\n", ToolRun.of(new ListTool()).err());
        assertEquals("netrec: list has one option, --filter, not '--filer'\n"
                + "Try 'java -jar netrec.jar list --help' for more information.\n",
                ToolRun.of(new ListTool(), "c", "--filer", "~m GET").err());
        assertEquals("netrec: --filter needs a value\n"
                + "Try 'java -jar netrec.jar list --help' for more information.\n",
                ToolRun.of(new ListTool(), "c", "--filter").err());
    }

    @Test
    void helpIsTheToolsOwn() {
        ToolRun run = ToolRun.of(new ListTool(), "--help");

        assertEquals(0, run.status());
        assertEquals(new ListTool().usage() + "\n", run.out());
    }
}
