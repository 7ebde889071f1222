package netrec.tools.command;

import java.io.IOException;
import java.io.PrintStream;

/**
 * One command of {@code java -jar netrec.jar}: its name, what {@code --help} says of it, and the run. A tool writes
 * its results to {@code out} and its warnings to {@code err}, and returns the exit status (0 when all is well, 1 when
 * it found something wrong); a command line it cannot run is a {@link UsageException}, which
 * {@link CommandLine#run} reports in one line.
 */
public interface Tool {
    /** The command, as typed after {@code java -jar netrec.jar}. */
    String name();

    /** Its lines of {@code --help}: the command and its arguments, then what it does, indented. */
    String usage();

    int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException, InterruptedException;
}
