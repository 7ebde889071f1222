package netrec.tools.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import netrec.cassette.CassetteException;
import netrec.testing.ToolRun;
import org.junit.jupiter.api.Test;

/**
 * How every tool's run ends: a usage error in one line and where the help is (status 2), netrec's message for a
 * cassette or file problem (1), a command's own help on {@code --help}; and how arguments are read.
 */
class CommandLineTest {
    /** A tool that fails as it is told to by its one argument. */
    private static final Tool FAILING = new Tool("fail", "fail HOW          fails as it is told") {
        @Override
        public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
            String how = arguments.read(List.of("--how"), List.of("--loud")).value("--how");
            switch (how == null ? "" : how) {
                case "usage":
                    throw new UsageException("fail needs a better reason");
                case "io":
                    throw new IOException(Path.of("x") + ": No space left on device");
                case "cassette":
                    throw new CassetteException("x/interactions/r.yaml:3: 'status' must be a number");
                case "netrec":
                    throw new CassetteException("netrec: said in full already");
                default:
                    out.println("ran" + (arguments.flag("--loud") ? " loudly" : ""));
                    return 0;
            }
        }
    };

    @Test
    void aUsageErrorIsOneLineAndWhereTheHelpIs() {
        ToolRun run = ToolRun.of(FAILING, "--how", "usage");

        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertEquals("netrec: fail needs a better reason\nTry 'java -jar netrec.jar fail --help' for more information.\n",
                run.err());
    }

    @Test
    void aFileOrCassetteProblemIsNetrecsMessageAndStatusOne() {
        assertEquals("netrec: x: No space left on device\n", ToolRun.of(FAILING, "--how", "io").err());
        assertEquals(1, ToolRun.of(FAILING, "--how", "io").status());
        assertEquals("netrec: x/interactions/r.yaml:3: 'status' must be a number\n",
                ToolRun.of(FAILING, "--how", "cassette").err());
        assertEquals("netrec: said in full already\n", ToolRun.of(FAILING, "--how", "netrec").err());
    }

    @Test
    void helpPrintsTheCommandsOwnUsage() {
        for (String help : new String[] {"--help", "-h"}) {
            ToolRun run = ToolRun.of(FAILING, "--how", "usage", help);
            assertEquals(0, run.status());
            assertEquals("fail HOW          fails as it is told\n", run.out());
        }
    }

    @Test
    void optionsAreReadAgainstTheOnesACommandHas() {
        assertEquals("ran loudly\n", ToolRun.of(FAILING, "--loud").out());
        assertEquals("netrec: fail has the options --how, --loud, not '--quiet'\n"
                + "Try 'java -jar netrec.jar fail --help' for more information.\n", ToolRun.of(FAILING, "--quiet").err());
        assertEquals("netrec: --how needs a value\nTry 'java -jar netrec.jar fail --help' for more information.\n",
                ToolRun.of(FAILING, "--how").err());
    }

    @Test
    void argumentsKeepTheirOrderAndNegativeNumbersAreNoOptions() {
        Arguments arguments = Arguments.of("show", "a", "--x", "1", "-1", "b").read(List.of("--x"), List.of());

        assertEquals(List.of("a", "-1", "b"), arguments.rest());
        assertEquals("1", arguments.value("--x"));
        assertEquals(List.of("a", "-1", "b"), arguments.expect(3, "three things"));
        UsageException tooFew = assertThrows(UsageException.class, () -> arguments.expect(2, "two things"));
        assertEquals("show takes two things, got [a, -1, b]", tooFew.getMessage());
        assertEquals("show has no options, not '-q'", assertThrows(UsageException.class,
                () -> Arguments.of("show", "-q").read(List.of(), List.of())).getMessage());
    }
}
