package netrec.tools.command;

import java.io.IOException;
import java.io.PrintStream;
import netrec.cassette.CassetteException;

/**
 * Runs a {@link Tool} and turns what went wrong into one line on stderr and an exit status: a command line it cannot
 * run is said in one line, followed by where the help is (2); a cassette or file problem is netrec's message (1); an
 * interrupted run is 130. {@code --help} or {@code -h} among a command's options prints that command's help.
 */
public final class CommandLine {
    /** How a user starts netrec's commands, as help and messages write it. */
    public static final String PROGRAM = "java -jar netrec.jar";

    private CommandLine() {
    }

    public static int run(Tool tool, Arguments arguments, PrintStream out, PrintStream err) {
        if (asksForHelp(arguments)) {
            out.println(tool.usage());
            return 0;
        }
        try {
            return tool.run(arguments, out, err);
        } catch (UsageException e) {
            return usageError(e.getMessage(), PROGRAM + " " + arguments.command() + " --help", err);
        } catch (IOException e) {
            err.println("netrec: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (CassetteException e) {
            err.println(e.getMessage().startsWith("netrec") ? e.getMessage() : "netrec: " + e.getMessage());
            return 1;
        }
    }

    /** Says {@code problem} in one line and where the help is ({@code help}, a command line), and returns 2. */
    public static int usageError(String problem, String help, PrintStream err) {
        err.println("netrec: " + problem);
        err.println("Try '" + help + "' for more information.");
        return 2;
    }

    /** True when {@code --help} or {@code -h} comes before any {@code --} (after which a launched command begins). */
    private static boolean asksForHelp(Arguments arguments) {
        for (String argument : arguments.given()) {
            if (argument.equals("--")) {
                return false;
            }
            if (argument.equals("--help") || argument.equals("-h")) {
                return true;
            }
        }
        return false;
    }
}
