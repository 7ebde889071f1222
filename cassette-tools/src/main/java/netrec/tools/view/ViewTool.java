package netrec.tools.view;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;

/**
 * {@code view CASSETTE [--out FILE] [--open]}: writes the cassette's {@link ViewPage} ({@code CASSETTE-NAME.html}
 * in the working directory, or FILE), and opens it in the desktop's browser when asked.
 */
public final class ViewTool extends Tool {
    public ViewTool() {
        super("view",
                "view CASSETTE [--out FILE] [--open]",
                "                      one self-contained HTML page of the cassette: list, filter, details, replay report");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        List<String> paths = arguments.read(List.of("--out"), List.of("--open")).expect(1, "one cassette");
        Path directory = Arguments.existingDirectory(paths.get(0));
        boolean open = arguments.flag("--open");
        String named = arguments.value("--out");
        Path page = Paths.get(named != null ? named : directory.toAbsolutePath().normalize().getFileName() + ".html")
                .toAbsolutePath();
        Files.writeString(page, new ViewPage(directory).html(err::println));
        out.println("wrote " + page + (open ? "" : " (open it in a browser; it needs no server and no network)"));
        if (open) {
            Browser.open(page, out);
        }
        return 0;
    }
}
