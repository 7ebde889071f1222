package netrec.tools.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;
import netrec.cassette.yaml.CassetteYaml;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;

/**
 * {@code show CASSETTE N}: interaction N, as {@code list} numbers them, in full: where it is, its entry as the
 * cassette holds it, the files of its bodies, and a gRPC body's messages decoded without their schema.
 */
public final class ShowTool extends Tool {
    public ShowTool() {
        super("show",
                "show CASSETTE N     interaction N (as numbered by list) in full; gRPC messages decoded by field number");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) {
        List<String> rest = arguments.read(List.of(), List.of()).expect(2, "a cassette and an interaction number");
        Path directory = Arguments.existingDirectory(rest.get(0));
        int wanted;
        try {
            wanted = Integer.parseInt(rest.get(1));
        } catch (NumberFormatException e) {
            throw new UsageException("'" + rest.get(1) + "' is not an interaction number (see list)");
        }
        Interaction[] found = {null};
        int[] count = {0};
        new CassetteReader(err::println).read(directory, interaction -> {
            if (++count[0] == wanted) {
                found[0] = interaction;
            }
        });
        if (found[0] == null) {
            throw new UsageException("the cassette has interactions 1 to " + count[0] + ", not " + wanted);
        }
        Interaction interaction = found[0];
        out.println("# " + interaction.source());
        out.print(CassetteYaml.entry(interaction));
        CassetteLayout layout = new CassetteLayout(directory);
        for (Body body : interaction.storedBodies()) {
            out.println("# body file: " + layout.body(body.sha256()));
        }
        BodyStore bodies = new BodyStore(layout);
        grpcMessages("request", interaction.request().headers(), interaction.request().body(), bodies, out);
        grpcMessages("response", interaction.response().headers(), interaction.response().body(), bodies, out);
        return 0;
    }

    /** A gRPC body's messages, decoded as protobuf without a schema, as comments after the entry. */
    private static void grpcMessages(String which, Headers headers, Body body, BodyStore bodies, PrintStream out) {
        if (body.isEmpty() || !GrpcMessages.isGrpc(headers.first("content-type"))) {
            return;
        }
        byte[] bytes;
        try (InputStream in = bodies.open(body)) {
            bytes = in.readAllBytes();
        } catch (IOException | CassetteException e) {
            out.println("# " + which + " messages: cannot read the body (" + e.getMessage() + ")");
            return;
        }
        out.println("# " + which + " messages (gRPC; protobuf decoded without its schema, by field number):");
        for (String line : GrpcMessages.describe(bytes)) {
            for (String physical : line.split("\n")) {
                out.println("#   " + physical);
            }
        }
    }
}
