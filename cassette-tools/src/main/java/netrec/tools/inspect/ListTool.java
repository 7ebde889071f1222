package netrec.tools.inspect;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Message;
import netrec.cassette.RecordedResponse;
import netrec.cassette.yaml.CassetteReader;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.filter.Flow;
import netrec.tools.filter.FlowFilter;

/**
 * {@code list CASSETTE [--filter EXPR]}: one line per interaction, numbered as {@code show} takes them. Given a
 * folder of cassettes (a test resources folder), each cassette under its path, then how many there were. The
 * cassette is streamed, so a cassette of any size is listed in little memory.
 */
public final class ListTool extends Tool {
    public ListTool() {
        super("list",
                "list CASSETTE [--filter EXPR]",
                "                      one line per interaction: number, method, URL, status, response body size;",
                "                      a folder of cassettes (src/test/resources/netrec, say): each cassette in turn",
                "                      --filter: only the interactions EXPR picks: ~d host ~m method ~c status ~u url",
                "                      ~h header ~b body ~t content-type (q/s: request/response only, ~hq ~bs ...),",
                "                      ~q ~s, ! & | ( )");
    }

    /**
     * Lists into {@code out} through a buffer, flushed before any warning and at the end: a million lines written to
     * the console's stream one flush each took 78 s, in a buffer a fraction of that.
     */
    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        PrintStream listed = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, System.getProperty(
                "stdout.encoding", System.getProperty("sun.stdout.encoding", Charset.defaultCharset().name())));
        try {
            return listAll(arguments, listed, warning -> {
                listed.flush();
                err.println(warning);
            });
        } finally {
            listed.flush();
        }
    }

    private int listAll(Arguments arguments, PrintStream out, Consumer<String> warnings) throws IOException {
        List<String> paths = arguments.read(List.of("--filter"), List.of()).expect(1, "one cassette, or a folder of "
                + "cassettes");
        String expression = arguments.value("--filter");
        FlowFilter filter = expression == null ? null : FlowFilter.parse(expression);
        CassetteFolder folder = CassetteFolder.of(paths.get(0));
        if (folder.isOneCassette()) {
            list(folder.cassettes().get(0), filter, out, warnings);
            return 0;
        }
        int[] total = {0, 0};
        for (Path cassette : folder.cassettes()) {
            out.println(cassette + ":");
            int[] counts = list(cassette, filter, out, warnings);
            total[0] += counts[0];
            total[1] += counts[1];
            out.println();
        }
        out.println(folder.cassettes().size() + " cassettes, " + total[0] + " interactions"
                + (filter == null ? "" : ", " + total[1] + " of them picked by the filter"));
        return 0;
    }

    /** Lists one cassette; returns how many interactions it has, and how many were listed. */
    private static int[] list(Path directory, FlowFilter filter, PrintStream out, Consumer<String> warnings) {
        BodyStore bodies = new BodyStore(new CassetteLayout(directory));
        int[] counts = {0, 0};
        new CassetteReader(warnings).read(directory, interaction -> {
            int n = ++counts[0];
            if (filter == null || filter.matches(Flow.of(interaction, bodies))) {
                counts[1]++;
                RecordedResponse response = interaction.response();
                String status = response.isUnanswered() ? "unanswered" : response.isConversation() ? "tcp"
                        : String.valueOf(response.status());
                out.printf("%4d  %-7s %s  %s  %s%n", n, interaction.request().method(), interaction.request().uri(),
                        status, response.messages().isEmpty() ? size(response.body()) : messages(response.messages()));
            }
        });
        return counts;
    }

    /** A conversation's size: how many messages (or turns), and their bytes. */
    private static String messages(List<Message> messages) {
        long bytes = 0;
        for (Message message : messages) {
            bytes += message.size();
        }
        return messages.size() + " messages, " + bytes + " B";
    }

    private static String size(Body body) {
        long bytes = body.size();
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? (bytes / 1024) + " KiB" : (bytes / (1024 * 1024)) + " MiB";
    }
}
