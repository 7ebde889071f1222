package netrec.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import netrec.agent.Libraries;
import netrec.store.command.StoreTools;
import netrec.tools.Tools;
import netrec.tools.command.Arguments;
import netrec.tools.command.CommandLine;
import netrec.tools.command.NetrecVersion;
import netrec.tools.command.Tool;

/**
 * {@code java -jar netrec.jar COMMAND ...}: netrec.jar's main class. The cassette tools ({@link Tools}) look into
 * and convert cassettes, the store's ({@link StoreTools}) publish and fetch them, with AWS's SDK put on the class
 * path first; {@link Launcher} runs a command with netrec in every JVM it starts. Exit status 0 when all
 * is well, 1 when not, 2 for a command line that cannot run (said in one line, with where the help is).
 */
public final class NetrecCommand {
    private final PrintStream out;
    private final PrintStream err;

    NetrecCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new NetrecCommand(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--version") || args[0].equals("version")) {
            out.println("netrec " + NetrecVersion.get());
            return 0;
        }
        Tool tool = Launcher.MODES.contains(args[0]) ? new Launcher(args[0]) : named(args[0]);
        if (tool == null) {
            List<String> names = new ArrayList<>();
            tools().forEach(t -> names.add(t.name()));
            names.addAll(Launcher.MODES);
            return CommandLine.usageError("unknown command '" + args[0] + "'; valid commands: "
                    + String.join(", ", names), CommandLine.PROGRAM + " --help", err);
        }
        if (StoreTools.all().contains(tool)) {
            try {
                Libraries.ensureStoreOnClassPath();
            } catch (IOException e) {
                err.println("netrec: cannot put AWS's SDK on the class path (" + e.getMessage() + "); check that the "
                        + "temporary directory can be written");
                return 1;
            }
        }
        return CommandLine.run(tool, Arguments.of(args), out, err);
    }

    /** The cassette tools, then the store's. */
    private static List<Tool> tools() {
        List<Tool> all = new ArrayList<>(Tools.all());
        all.addAll(StoreTools.all());
        return all;
    }

    private static Tool named(String name) {
        for (Tool tool : tools()) {
            if (tool.name().equals(name)) {
                return tool;
            }
        }
        return null;
    }

    /** What {@code --help} prints: every tool's usage, the launcher's, and the agent's argument. */
    static String usage() {
        StringBuilder usage = new StringBuilder("usage: " + CommandLine.PROGRAM + " COMMAND CASSETTE [ARGS]\n");
        for (Tool tool : tools()) {
            usage.append("  ").append(tool.usage().replace("\n", "\n  ")).append('\n');
        }
        usage.append("  ").append(Launcher.USAGE.replace("\n", "\n  ")).append('\n');
        usage.append("  --version           netrec's version\n");
        usage.append("  COMMAND --help      that command's help\n");
        return usage.append("As an agent: java -javaagent:netrec.jar=MODE[,cassette=DIR,log=LEVEL,redact=NAMES] ...")
                .toString();
    }
}
