package netrec.tools;

import java.util.List;
import netrec.tools.command.Tool;
import netrec.tools.har.HarExport;
import netrec.tools.har.HarImport;
import netrec.tools.inspect.ListTool;
import netrec.tools.inspect.ShowTool;
import netrec.tools.inspect.VerifyTool;
import netrec.tools.maven.MavenRepositoryExport;
import netrec.tools.prune.PruneTool;
import netrec.tools.templates.TemplatesTool;
import netrec.tools.view.ViewTool;
import netrec.tools.wiremock.WireMockExport;
import netrec.tools.wiremock.WireMockImport;

/**
 * The cassette tools of {@code java -jar netrec.jar}, one line each, in the order {@code --help} lists them. A new
 * tool is one class extending {@link Tool} and one line here.
 */
public final class Tools {
    private static final List<Tool> ALL = List.of(
            new ListTool(),
            new ShowTool(),
            new VerifyTool(),
            new TemplatesTool(),
            new ViewTool(),
            new HarExport(),
            new HarImport(),
            new WireMockExport(),
            new WireMockImport(),
            new MavenRepositoryExport(),
            new PruneTool());

    private Tools() {
    }

    public static List<Tool> all() {
        return ALL;
    }

    /** The tool called {@code name}, or null when there is none. */
    public static Tool named(String name) {
        for (Tool tool : ALL) {
            if (tool.name().equals(name)) {
                return tool;
            }
        }
        return null;
    }
}
