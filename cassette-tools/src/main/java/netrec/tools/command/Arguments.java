package netrec.tools.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netrec.cassette.CassetteException;

/**
 * A command's arguments after its name, read against the options it has: an option with a value takes the next
 * argument, a flag stands alone, anything else is a path or a number, in order. An option the command does not have
 * is a {@link UsageException} that lists the ones it has.
 */
public final class Arguments {
    private final String command;
    private final List<String> given;
    private final List<String> rest = new ArrayList<>();
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Arguments(String command, List<String> given) {
        this.command = command;
        this.given = List.copyOf(given);
    }

    /** {@code commandLine[0]} is the command, the rest its arguments. */
    public static Arguments of(String... commandLine) {
        return new Arguments(commandLine[0], Arrays.asList(commandLine).subList(1, commandLine.length));
    }

    public String command() {
        return command;
    }

    /** The arguments as given, options included. */
    public List<String> given() {
        return given;
    }

    /**
     * Reads the arguments: {@code withValues} are the options that take a value, {@code flagNames} those that stand
     * alone. Returns this, to ask for {@link #rest}, {@link #value} and {@link #flag}.
     */
    public Arguments read(List<String> withValues, List<String> flagNames) {
        rest.clear();
        values.clear();
        flags.clear();
        for (int i = 0; i < given.size(); i++) {
            String argument = given.get(i);
            if (!isOption(argument)) {
                rest.add(argument);
            } else if (flagNames.contains(argument)) {
                flags.add(argument);
            } else if (withValues.contains(argument)) {
                if (i + 1 >= given.size()) {
                    throw new UsageException(argument + " needs a value");
                }
                values.put(argument, given.get(++i));
            } else {
                List<String> valid = new ArrayList<>(withValues);
                valid.addAll(flagNames);
                throw new UsageException(command + " has " + (valid.isEmpty() ? "no options"
                        : valid.size() == 1 ? "one option, " + valid.get(0) : "the options " + String.join(", ", valid))
                        + ", not '" + argument + "'");
            }
        }
        return this;
    }

    /** True for {@code --name} and {@code -x}, not for {@code -1} or {@code -}. */
    static boolean isOption(String argument) {
        return argument.length() > 1 && argument.charAt(0) == '-' && !Character.isDigit(argument.charAt(1));
    }

    /** What is neither an option nor its value, after {@link #read}. */
    public List<String> rest() {
        return rest;
    }

    /** The value given to {@code option}, or null when it was not given. */
    public String value(String option) {
        return values.get(option);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** {@link #rest}, when it holds {@code count} arguments; a usage error saying what it must hold when not. */
    public List<String> expect(int count, String what) {
        if (rest.size() != count) {
            throw new UsageException(command + " takes " + what + ", got " + (rest.isEmpty() ? "none" : rest));
        }
        return rest;
    }

    /** The directory {@code path} names; netrec's error when there is none there. */
    public static Path existingDirectory(String path) {
        Path directory = Paths.get(path);
        if (!Files.isDirectory(directory)) {
            throw new CassetteException(directory + " is not a cassette directory (it does not exist)");
        }
        return directory;
    }
}
