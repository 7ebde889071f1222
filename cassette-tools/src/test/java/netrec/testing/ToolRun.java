package netrec.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netrec.tools.command.Arguments;
import netrec.tools.command.CommandLine;
import netrec.tools.command.Tool;

/** A tool run in this JVM as {@code java -jar netrec.jar} runs it: its exit status and what it printed. */
public record ToolRun(int status, String out, String err) {
    /** Runs {@code tool} with {@code arguments} (after its name), through {@link CommandLine}. */
    public static ToolRun of(Tool tool, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> commandLine = new ArrayList<>();
        commandLine.add(tool.name());
        commandLine.addAll(Arrays.asList(arguments));
        int status = CommandLine.run(tool, Arguments.of(commandLine.toArray(new String[0])),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ToolRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Lines of standard output. */
    public List<String> lines() {
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
