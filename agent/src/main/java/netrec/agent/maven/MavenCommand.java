package netrec.agent.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Maven build this JVM runs, read as Maven reads it before it resolves anything: the arguments of
 * {@code .mvn/maven.config} and of the command line, the local repository they, {@code MAVEN_OPTS} and the settings
 * files name, and whether the project's POMs name netrec. Maven's own JVM is known by its launcher class, which Maven
 * 3 and 4 share.
 */
final class MavenCommand {
    static final String LAUNCHER = "org.codehaus.plexus.classworlds.launcher.Launcher";
    /** Folders of a project where no POM of its modules lives. */
    private static final List<String> NOT_MODULES = List.of("target", "src", "node_modules", "build");
    private static final int MODULE_DEPTH = 5;

    private final List<String> arguments;
    private final Path workingDirectory;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Map<String, String> userProperties = new HashMap<>();

    /**
     * {@code commandLine}: Maven's arguments (those of {@code .mvn/maven.config} first); {@code systemProperties}:
     * the JVM's ({@code MAVEN_OPTS}'s {@code -D} among them, and {@code maven.multiModuleProjectDirectory},
     * {@code maven.home} and {@code user.home}, which Maven's script and the JVM set).
     */
    MavenCommand(List<String> arguments, Path workingDirectory, Map<String, String> systemProperties,
            Map<String, String> environment) {
        this.arguments = arguments;
        this.workingDirectory = workingDirectory;
        this.systemProperties = systemProperties;
        this.environment = environment;
        for (int i = 0; i < arguments.size(); i++) {
            String definition = null;
            String argument = arguments.get(i);
            if (argument.startsWith("-D") && argument.length() > 2) {
                definition = argument.substring(2);
            } else if (argument.startsWith("--define=")) {
                definition = argument.substring("--define=".length());
            } else if ((argument.equals("-D") || argument.equals("--define")) && i + 1 < arguments.size()) {
                definition = arguments.get(++i);
            }
            if (definition != null) {
                int equals = definition.indexOf('=');
                userProperties.put(equals < 0 ? definition : definition.substring(0, equals),
                        equals < 0 ? "true" : definition.substring(equals + 1));
            }
        }
    }

    /** This JVM's Maven build; null when this JVM is not Maven's own. */
    static MavenCommand ofThisJvm() throws IOException {
        String command = System.getProperty("sun.java.command", "");
        if (!command.equals(LAUNCHER) && !command.startsWith(LAUNCHER + " ")) {
            return null;
        }
        Map<String, String> properties = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            properties.put(name, System.getProperty(name));
        }
        Path workingDirectory = Paths.get(properties.get("user.dir"));
        List<String> arguments = new ArrayList<>(configArguments(projectDirectory(properties, workingDirectory)));
        arguments.addAll(words(command.substring(LAUNCHER.length())));
        return new MavenCommand(arguments, workingDirectory, properties, System.getenv());
    }

    /** The arguments in {@code .mvn/maven.config}, which Maven reads before the command line's. */
    static List<String> configArguments(Path projectDirectory) throws IOException {
        Path config = projectDirectory.resolve(".mvn").resolve("maven.config");
        List<String> arguments = new ArrayList<>();
        if (Files.isRegularFile(config)) {
            for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("-D") && trimmed.contains("=")) {
                    arguments.add(trimmed); // one per line, as Maven 3.9 and 4 read it: a value may hold spaces
                } else if (!trimmed.startsWith("#")) {
                    arguments.addAll(words(line));
                }
            }
        }
        return arguments;
    }

    /**
     * The local repository Maven will use: {@code maven.repo.local} from the command line, else from the JVM's
     * properties, else the user's settings' {@code <localRepository>}, else the global settings', else
     * {@code ~/.m2/repository}; a relative path from the working directory, as Maven takes it. Null when the one named
     * holds an expression netrec cannot fill in (Maven 4's {@code ${session.rootDirectory}}, say).
     */
    Path localRepository() throws IOException {
        String named = userProperties.get("maven.repo.local");
        if (named == null) {
            named = systemProperties.get("maven.repo.local");
        }
        if (named == null) {
            named = settingsLocalRepository(option("-s", "--settings",
                    Paths.get(userHome(), ".m2", "settings.xml").toString()));
        }
        if (named == null && systemProperties.containsKey("maven.home")) {
            named = settingsLocalRepository(option("-gs", "--global-settings",
                    Paths.get(systemProperties.get("maven.home"), "conf", "settings.xml").toString()));
        }
        if (named == null) {
            return Paths.get(userHome(), ".m2", "repository");
        }
        return named.contains("${") ? null : workingDirectory.resolve(named).normalize();
    }

    /**
     * Whether a POM of this project names netrec's group, {@code dev.netrec} itself: those under the project root Maven's script found, and
     * under the project's own folder ({@code -f}, else the working directory) when that is elsewhere.
     */
    boolean namesNetrec() throws IOException {
        String file = option("-f", "--file", null);
        Path project = workingDirectory;
        Pattern netrecGroup = Pattern.compile("<groupId>\\s*dev\\.netrec\\s*</groupId>");
        if (file != null) {
            Path named = workingDirectory.resolve(file);
            project = Files.isDirectory(named) ? named : named.toAbsolutePath().getParent();
            if (Files.isRegularFile(named) && netrecGroup.matcher(Files.readString(named, StandardCharsets.UTF_8))
                    .find()) {
                return true; // a POM of another name (-f ci-pom.xml)
            }
        }
        Path root = projectDirectory(systemProperties, workingDirectory);
        return pomsName(root, netrecGroup)
                || !project.normalize().startsWith(root.normalize()) && pomsName(project, netrecGroup);
    }

    /** Whether a POM under {@code project}, a folder with a {@code pom.xml} (not a home folder), names netrec. */
    private static boolean pomsName(Path project, Pattern netrecGroup) throws IOException {
        boolean[] found = new boolean[1];
        if (!Files.isRegularFile(project.resolve("pom.xml"))) {
            return false;
        }
        Files.walkFileTree(project, EnumSet.noneOf(FileVisitOption.class), MODULE_DEPTH,
                new SimpleFileVisitor<Path>() { // not a lambda: this runs as Maven's JVM starts
                    @Override
                    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                        String name = String.valueOf(directory.getFileName());
                        boolean skipped = !directory.equals(project)
                                && (NOT_MODULES.contains(name) || name.startsWith("."));
                        return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        if (String.valueOf(file.getFileName()).equals("pom.xml") && attributes.size() < (1 << 22)
                                && netrecGroup.matcher(Files.readString(file, StandardCharsets.UTF_8)).find()) {
                            found[0] = true;
                            return FileVisitResult.TERMINATE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return found[0];
    }

    /** The folder Maven's script found the project root in (with {@code .mvn}), else the working directory. */
    private static Path projectDirectory(Map<String, String> properties, Path workingDirectory) {
        String root = properties.get("maven.multiModuleProjectDirectory");
        return root == null || root.isEmpty() ? workingDirectory : workingDirectory.resolve(root);
    }

    /** The value of a command-line option given short, long or as {@code --long=value}; the last one wins. */
    private String option(String shortName, String longName, String otherwise) {
        String value = otherwise;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if ((argument.equals(shortName) || argument.equals(longName)) && i + 1 < arguments.size()) {
                value = arguments.get(++i);
            } else if (argument.startsWith(longName + "=")) {
                value = argument.substring(longName.length() + 1);
            }
        }
        return value;
    }

    /** {@code <localRepository>} of a settings file, its expressions filled in; null without one. */
    private String settingsLocalRepository(String settings) throws IOException {
        Path file = workingDirectory.resolve(settings);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        // compiled here, not as the class loads: every JVM netrec starts in loads it to ask whether it is Maven's
        String text = Pattern.compile("<!--.*?-->", Pattern.DOTALL).matcher(Files.readString(file,
                StandardCharsets.UTF_8)).replaceAll("");
        Matcher named = Pattern.compile("<localRepository>\\s*(.*?)\\s*</localRepository>", Pattern.DOTALL)
                .matcher(text);
        return named.find() && !named.group(1).isEmpty() ? filledIn(named.group(1)) : null; // empty: as if none
    }

    /** {@code ${env.NAME}}, {@code ${user.home}} and other properties filled in as Maven fills in settings. */
    private String filledIn(String value) {
        Matcher expression = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder filled = new StringBuilder();
        while (expression.find()) {
            String name = expression.group(1);
            String known = name.startsWith("env.") ? environment.get(name.substring(4))
                    : userProperties.getOrDefault(name, systemProperties.get(name));
            expression.appendReplacement(filled, Matcher.quoteReplacement(known == null ? expression.group() : known));
        }
        return expression.appendTail(filled).toString();
    }

    private String userHome() {
        return systemProperties.getOrDefault("user.home", System.getProperty("user.home"));
    }

    private static List<String> words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
}
