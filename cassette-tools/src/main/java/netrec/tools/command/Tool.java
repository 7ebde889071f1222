package netrec.tools.command;

import java.io.IOException;
import java.io.PrintStream;

/**
 * One command of {@code java -jar netrec.jar}: its name, what {@code --help} says of it, and the run. A tool writes
 * its results to {@code out} and its warnings to {@code err}, and returns the exit status (0 when all is well, 1 when
 * it found something wrong); a command line it cannot run is a {@link UsageException}, which
 * {@link CommandLine#run} reports in one line.
 */
public abstract class Tool {
    private final String name;
    private final String usage;

    /** {@code usage}: the lines of its help, the first the command and its arguments, the others indented. */
    protected Tool(String name, String... usage) {
        this.name = name;
        this.usage = String.join("\n", usage);
    }

    /** The command, as typed after {@code java -jar netrec.jar}. */
    public final String name() {
        return name;
    }

    /** Its lines of {@code --help}: the command and its arguments, then what it does, indented. */
    public final String usage() {
        return usage;
    }

    public abstract int run(Arguments arguments, PrintStream out, PrintStream err)
            throws IOException, InterruptedException;
}
