package netrec.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netrec.cassette.store.StoreAddress;

/** The {@code -javaagent:netrec.jar=...} JVM option, and putting it into a property such as {@code argLine}. */
final class AgentArgument {
    /** The modes of a whole JVM, as the agent takes them. */
    static final List<String> MODES = List.of("record", "replay", "update", "once", "off");
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|\\S+");

    /** A scheme among the path's parts: Maven's File of an address, its {@code //} made one {@code /}. */
    private static final Pattern ADDRESS = Pattern.compile(".*?/([A-Za-z][A-Za-z0-9+.-]+):/(.*)");

    private AgentArgument() {
    }

    /**
     * {@code MODE,cassette=DIR[,reports=DIR][,OPTIONS]}; checked here so that a wrong mode fails the build, not each
     * test JVM. {@code reports}: where the reports on the cassette go, unless {@code options} says (null: the agent's
     * default).
     */
    static String of(String mode, File cassette, File reports, String options) {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown mode '" + mode + "'; valid modes: " + String.join(", ", MODES)
                    + ", or none at all for @Netrec tests");
        }
        String directory = cassette.getAbsolutePath();
        Matcher address = ADDRESS.matcher(directory); // <cassette>s3://B/N</cassette>, as Maven makes a File of it
        if (address.matches()) {
            String named = address.group(1) + "://" + address.group(2);
            if (StoreAddress.isStore(named)) { // a mistyped scheme (S3://, gs://) is refused, saying so
                directory = named; // the agent uses this machine's copy
            }
        }
        if (directory.contains(",")) {
            throw new IllegalArgumentException("the cassette directory " + directory + " has a comma in its name, "
                    + "which the agent's options cannot carry; choose another directory");
        }
        boolean reportsGiven = options.matches("(^|.*,)\\s*reports=.*");
        String reportsOption = reports == null || reportsGiven || reports.getAbsolutePath().contains(",") ? ""
                : ",reports=" + reports.getAbsolutePath();
        return mode + ",cassette=" + directory + reportsOption + (options.isEmpty() ? "" : "," + options);
    }

    /**
     * {@code before} with netrec's agent appended, after taking out any netrec agent an earlier run of the goal put
     * there; the option is quoted when the jar's path has a space, as Surefire splits {@code argLine} on spaces.
     */
    static String appendTo(String before, File agentJar, String argument) {
        String option = "-javaagent:" + agentJar.getAbsolutePath() + (argument.isEmpty() ? "" : "=" + argument);
        if (option.contains(" ") || option.contains("\"")) {
            option = "\"" + option.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        List<String> kept = new ArrayList<>();
        if (before != null) {
            Matcher token = TOKEN.matcher(before);
            while (token.find()) {
                if (!isNetrecAgent(token.group(), agentJar)) {
                    kept.add(token.group());
                }
            }
        }
        kept.add(option);
        return String.join(" ", kept);
    }

    private static boolean isNetrecAgent(String token, File agentJar) {
        String unquoted = token.startsWith("\"") ? token.substring(1) : token;
        return unquoted.startsWith("-javaagent:" + agentJar.getAbsolutePath());
    }
}
