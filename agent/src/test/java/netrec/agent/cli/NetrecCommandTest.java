package netrec.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netrec.store.command.StoreTools;
import netrec.tools.Tools;
import netrec.tools.command.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netrec.jar's main class in this JVM: every cassette tool and the launcher's modes are commands, help lists them
 * all, and a command line that cannot run is one line with where the help is, never the whole usage.
 */
class NetrecCommandTest {
    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new NetrecCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryToolTheLauncherAndTheAgent() {
        assertEquals(0, run("--help"));
        for (Tool tool : Tools.all()) {
            assertTrue(out().contains("\n  " + tool.usage().replace("\n", "\n  ") + "\n"), tool.name() + ": " + out());
        }
        assertTrue(out().contains("\n  record|replay|update|once --cassette DIR"), out());
        assertTrue(out().endsWith("As an agent: java -javaagent:netrec.jar=MODE[,cassette=DIR,log=LEVEL,redact=NAMES] "
                + "...\n"), out());
    }

    @Test
    void noCommandIsTheUsageAndStatusTwo() {
        assertEquals(2, run());
        assertTrue(out().startsWith("usage: java -jar netrec.jar COMMAND CASSETTE [ARGS]\n"), out());
    }

    @Test
    void anUnknownCommandIsOneLineNamingTheValidOnes() {
        assertEquals(2, run("lsit", "c"));
        assertEquals("", out());
        assertEquals("netrec: unknown command 'lsit'; valid commands: list, show, verify, templates, view, har, "
                + "har-import, wiremock-export, wiremock-import, maven-repository, prune, push, pull, gc, record, replay, "
                + "update, once\n"
                + "Try 'java -jar netrec.jar --help' for more information.\n", err());
    }

    @Test
    void eachToolIsReachedByItsName() {
        List<Tool> all = new ArrayList<>(Tools.all());
        all.addAll(StoreTools.all());
        for (Tool tool : all) {
            out.reset();
            assertEquals(0, run(tool.name(), "--help"), tool.name());
            assertEquals(tool.usage() + "\n", out(), tool.name());
        }
        assertEquals(1, run("verify", work.resolve("nowhere").toString()));
        assertEquals("netrec: " + work.resolve("nowhere") + " is not a cassette directory (it does not exist)\n", err());
    }

    @Test
    void aLaunchersUsageErrorIsOneLineTooAndRunsNothing() {
        assertEquals(2, run("replay", "--", "true"));
        assertEquals("netrec: replay needs --cassette DIR (or s3://BUCKET/PREFIX/NAME)\n"
                + "Try 'java -jar netrec.jar replay --help' for more information.\n", err());
        err.reset();
        assertEquals(2, run("record", "--cassette", work.toString(), "--log", "loud", "--", "sh", "-c", "exit 7"));
        assertEquals("netrec: unknown log level 'loud'; valid levels: quiet, warn, info, debug (checked before running "
                + "sh -c exit 7)\nTry 'java -jar netrec.jar record --help' for more information.\n", err());
    }

    @Test
    void versionIsOneLine() {
        assertEquals(0, run("--version"));
        assertTrue(out().matches("netrec \\S.*\n"), out());
    }
}
