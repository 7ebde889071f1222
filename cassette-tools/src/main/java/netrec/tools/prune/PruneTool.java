package netrec.tools.prune;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import netrec.cassette.CassetteLayout;
import netrec.cassette.publish.Pruning;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;

/**
 * {@code prune CASSETTE [--reports DIR]}: removes the interactions the cassette's last replay, which passed, never
 * used (see {@link Pruning}), and says which. The report is read where replay wrote it: the cassette's reports folder
 * by default ({@link CassetteLayout#defaultReports}), or {@code --reports DIR}.
 */
public final class PruneTool extends Tool {
    public PruneTool() {
        super("prune",
                "prune CASSETTE [--reports DIR]",
                "                      remove the interactions the last replay (which passed) never used; its",
                "                      report is read from DIR (by default where replay writes it)");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        List<String> paths = arguments.read(List.of("--reports"), List.of()).expect(1, "one cassette");
        Path cassette = Arguments.existingDirectory(paths.get(0)).toAbsolutePath().normalize();
        String reportsOption = arguments.value("--reports");
        Path reports = reportsOption == null ? null : Paths.get(reportsOption).toAbsolutePath().normalize();
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
