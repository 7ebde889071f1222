package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.it.client.ClientMain;
import netrec.it.client.TopMessageMain;
import netrec.it.support.ChildJvm;
import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay miss is named, with netrec's reason, in the message of the exception each client raises: the one a
 * person reads first, not only a cause. The JDK HttpClient replaces its read error's message with its parser's
 * state ("HTTP/1.1 header parser received no bytes" when nothing came before the connection ended); replay now sends
 * netrec's first line where the status line would be, so that state names it. Jetty turns a failed read into a bare
 * end of stream, so it can say nothing of netrec's; its misses are on stderr and in the report. The server is on
 * loopback, as a stand-in is, and is stopped before replay.
 */
class MissMessagesIT {
    private static final List<String> CLIENTS = List.of("urlconnection", "apache4", "apache5", "okhttp", "jdkhttp",
            "reactor-netty");

    @TempDir
    Path work;

    @Test
    void everyClientsExceptionNamesNetrecsReasonForAMissOnALoopbackServer() throws Exception {
        Path cassette = work.resolve("cassette");
        String base;
        String tls;
        try (TestServer server = TestServer.start(work.resolve("files"))) {
            base = server.http();
            tls = server.https();
            ChildJvm.Result recorded = ChildJvm.withAgent("record,cassette=" + cassette).main(ClientMain.class.getName(),
                    "jdkhttp", "GET " + base + "/json; GET " + tls + "/json").run(work);
            assertEquals(0, recorded.exitCode, recorded.toString());
        }
        List<String> pairs = new ArrayList<>();
        for (String client : CLIENTS) {
            for (String server : List.of(base, tls)) {
                pairs.add(client);
                pairs.add(server + "/not-recorded");
            }
        }
        // one replaying JVM for every client: a miss is the request's own, whatever came before it
        ChildJvm.Result missed = ChildJvm.withAgent("replay,cassette=" + cassette)
                .main(TopMessageMain.class.getName(), pairs.toArray(String[]::new)).run(work);
        assertEquals(3, missed.exitCode, missed.toString());
        StringBuilder said = new StringBuilder();
        for (String client : CLIENTS) {
            for (String server : List.of(base, tls)) {
                String asked = client + " " + server + "/not-recorded: ";
                String message = missed.stdout.lines().filter(l -> l.startsWith("MESSAGE " + asked)).findFirst()
                        .map(l -> l.substring(("MESSAGE " + asked).length())).orElse("");
                said.append(asked).append(message).append('\n');
                assertTrue(message.contains("netrec: no recorded interaction matches GET " + server + "/not-recorded"),
                        client + " over " + server + " says: " + message + "\n" + missed);
                assertFalse(message.contains("header parser received no bytes"), message);
            }
        }
        System.out.println("MissMessagesIT:\n" + said);
    }
}
