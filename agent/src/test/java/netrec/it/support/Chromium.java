package netrec.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, driven by the node scripts in src/test/browser through Playwright (installed by npm into
 * target/har-browser on first use). A test that needs it fails, saying what to install, where it is missing.
 */
public final class Chromium {
    private static final Path SOURCES = Paths.get(System.getProperty("netrec.browser.sources", "src/test/browser"));
    private static final Path WORK = Paths.get(System.getProperty("netrec.browser.work", "target/har-browser"))
            .toAbsolutePath();

    private Chromium() {
    }

    public static Path executable() {
        Path chromium = Paths.get(System.getProperty("netrec.chromium", "/usr/bin/chromium"));
        assertTrue(Files.isExecutable(chromium), "no Chromium at " + chromium + ": install Debian's package "
                + "(apt-get install -y chromium; .ci/run does), or point -Dnetrec.chromium at one");
        return chromium;
    }

    /** Runs {@code node SCRIPT ARGS...} from src/test/browser, with Chromium's path in NETREC_CHROMIUM; its stdout. */
    public static String runScript(String script, String... arguments) throws Exception {
        Path chromium = executable();
        Files.createDirectories(WORK);
        for (String file : new String[] {"package.json", "package-lock.json", script}) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), chromium);
        }
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        return run(command, chromium);
    }

    private static String run(List<String> command, Path chromium) throws Exception {
        Path output = Files.createTempFile("netrec-browser", ".out");
        Path errors = Files.createTempFile("netrec-browser", ".err");
        try {
            return run(command, chromium, output, errors);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    private static String run(List<String> command, Path chromium, Path output, Path errors) throws Exception {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile());
            builder.environment().put("NETREC_CHROMIUM", chromium.toString());
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " cannot run (" + e.getMessage() + "): this test needs node and "
                    + "npm (Debian's nodejs and npm packages; .ci/run installs them)", e);
        }
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String said = Files.readString(output);
        assertTrue(finished && process.exitValue() == 0, String.join(" ", command) + " failed:\n" + said
                + Files.readString(errors));
        return said;
    }
}
