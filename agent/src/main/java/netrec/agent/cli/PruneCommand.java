package netrec.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.publish.Pruning;

/**
 * {@code java -jar netrec.jar prune CASSETTE [--reports DIR]}: removes the interactions the cassette's last replay,
 * which passed, never used (see {@link Pruning}), and says which. The report is read where replay wrote it: the
 * cassette's reports folder by default ({@link CassetteLayout#defaultReports}), or {@code --reports DIR}.
 */
final class PruneCommand {
    private final PrintStream out;

    PruneCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws IOException {
        Path cassette = null;
        Path reports = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--reports") && i + 1 < args.size()) {
                reports = Paths.get(args.get(++i)).toAbsolutePath().normalize();
            } else if (cassette == null && !args.get(i).startsWith("--")) {
                cassette = Paths.get(args.get(i)).toAbsolutePath().normalize();
            } else {
                throw new UsageException("prune takes CASSETTE and, optionally, --reports DIR; got " + args);
            }
        }
        if (cassette == null) {
            throw new UsageException("prune needs the cassette: prune CASSETTE [--reports DIR]");
        }
        if (!Files.isDirectory(cassette)) {
            throw new CassetteException(cassette + " is not a cassette directory (it does not exist)");
        }
        Pruning.Result result = Pruning.prune(new CassetteLayout(cassette).withReports(reports));
        out.println("pruned " + result.count() + " interaction" + (result.count() == 1 ? "" : "s") + " the last replay "
                + "never used from " + cassette);
        for (Map.Entry<String, List<String>> file : result.removed().entrySet()) {
            for (String request : file.getValue()) {
                out.println("  " + request + "  (" + file.getKey() + ")");
            }
        }
        return 0;
    }
}
