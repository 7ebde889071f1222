package netrec.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import netrec.agent.SelfAttach;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.runtime.Engine;
import netrec.runtime.base.Mode;
import netrec.runtime.replay.report.ReplayOutcome;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 side of {@link Netrec}: puts a test's cassette in use before it runs and judges how replay went
 * after (a miss fails the test with netrec's explanation; so do unused interactions in strict mode). A class-wide
 * cassette is in use from before the first test of the class to after the last.
 */
public final class NetrecExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    /** Overrides every annotation's mode for a run. */
    public static final String MODE_PROPERTY = "netrec.mode";
    /** The folder relative cassette names live in. */
    public static final String CASSETTES_PROPERTY = "netrec.cassettes";

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Netrec annotation = classWide(context);
        if (annotation != null) {
            begin(context.getRequiredTestClass().getSimpleName(), annotation, annotation.value());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Netrec annotation = classWide(context);
        if (annotation != null) {
            end(context.getRequiredTestClass().getSimpleName(), annotation);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Netrec annotation = perTest(context);
        if (annotation == null) {
            return;
        }
        String cassette = annotation.value().isEmpty()
                ? context.getRequiredTestClass().getSimpleName() + "/" + context.getRequiredTestMethod().getName()
                : annotation.value();
        begin(testName(context), annotation, cassette);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Netrec annotation = perTest(context);
        if (annotation != null) {
            end(testName(context), annotation);
        }
    }

    /** The class's annotation when it names one cassette for the whole class; null otherwise. */
    private static Netrec classWide(ExtensionContext context) {
        Netrec annotation = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), Netrec.class)
                .orElse(null);
        return annotation != null && !annotation.value().isEmpty() ? annotation : null;
    }

    /** The annotation that gives this test its own cassette, or null when it shares the class's or has none. */
    private static Netrec perTest(ExtensionContext context) {
        Optional<Netrec> onMethod = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), Netrec.class);
        Netrec classWide = classWide(context);
        if (onMethod.isPresent() && classWide != null) {
            throw new IllegalStateException("netrec: " + testName(context) + " has its own @Netrec, but its class "
                    + "uses the cassette '" + classWide.value() + "' for all its tests; move the test to another "
                    + "class, or name no cassette on the class");
        }
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        return classWide == null
                ? AnnotationSupport.findAnnotation(context.getRequiredTestClass(), Netrec.class).orElse(null) : null;
    }

    /** The cassette of the test running now (one at a time per JVM), or null. */
    private static Path inUse;
    /** Cassettes some test of this JVM missed with: their replay-misses.txt is this run's, and stays. */
    private static final Set<Path> MISSED = ConcurrentHashMap.newKeySet();

    private static void begin(String test, Netrec annotation, String cassetteName) throws IOException {
        SelfAttach.ensureAttached();
        Path cassette = cassetteDirectory(cassetteName);
        Mode mode = mode(annotation, cassette);
        if (mode == Mode.RECORD) {
            forgetEarlierRecordings(cassette);
        }
        Engine.beginTest(test, Engine.options().forTest(mode, cassette, Arrays.asList(annotation.leaveAlone())),
                rules(annotation));
        inUse = cassette;
    }

    private static void end(String test, Netrec annotation) throws IOException {
        ReplayOutcome outcome = Engine.endTest();
        Path cassette = inUse;
        inUse = null;
        if (outcome == null) {
            return;
        }
        if (outcome.misses().isEmpty() && cassette != null && !MISSED.contains(cassette)) {
            // misses written by an earlier run are stale once the cassette answers every request
            Files.deleteIfExists(new CassetteLayout(cassette).missReport());
        }
        if (!outcome.misses().isEmpty()) {
            if (cassette != null) {
                MISSED.add(cassette);
            }
            int more = outcome.misses().size() - 1;
            throw new AssertionError(outcome.misses().get(0) + (more == 0 ? "" : "\n(and " + more + " more "
                    + "request(s) the cassette lacks, in its replay-misses.txt)"));
        }
        if (annotation.strict() && !outcome.unused().isEmpty()) {
            StringBuilder message = new StringBuilder("netrec: strict: " + test + " never requested "
                    + outcome.unused().size() + " recorded interaction(s):");
            for (Interaction interaction : outcome.unused()) {
                message.append("\n  ").append(interaction.request()).append(" (").append(interaction.source())
                        .append(')');
            }
            message.append("\nre-record the cassette (-D" + MODE_PROPERTY + "=record), remove them from it, or "
                    + "drop strict");
            throw new AssertionError(message.toString());
        }
    }

    private static Mode mode(Netrec annotation, Path cassette) {
        String override = System.getProperty(MODE_PROPERTY, "").trim();
        NetrecMode mode = annotation.mode();
        if (!override.isEmpty()) {
            try {
                mode = NetrecMode.valueOf(override.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("netrec: -D" + MODE_PROPERTY + "=" + override + " is not a mode; "
                        + "use record, replay, update or auto");
            }
        }
        switch (mode) {
            case RECORD:
                return Mode.RECORD;
            case REPLAY:
                return Mode.REPLAY;
            case UPDATE:
                return Mode.UPDATE;
            default:
                return hasRecordings(cassette) ? Mode.REPLAY : Mode.RECORD;
        }
    }

    private static Path cassetteDirectory(String name) {
        Path path = Paths.get(name);
        if (path.isAbsolute()) {
            return path;
        }
        String root = System.getProperty(CASSETTES_PROPERTY, "");
        if (root.isEmpty()) {
            root = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "resources",
                    "netrec").toString();
        }
        return Paths.get(root).resolve(path).toAbsolutePath().normalize();
    }

    private static boolean hasRecordings(Path cassette) {
        Path interactions = new CassetteLayout(cassette).interactions();
        if (!Files.isDirectory(interactions)) {
            return false;
        }
        try (Stream<Path> files = Files.list(interactions)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".yaml"));
        } catch (IOException e) {
            throw new IllegalStateException("netrec: cannot read " + interactions + ": " + e.getMessage(), e);
        }
    }

    /** Re-recording replaces what the cassette held; its hand-written {@code rules.yaml} stays. */
    private static void forgetEarlierRecordings(Path cassette) throws IOException {
        CassetteLayout layout = new CassetteLayout(cassette);
        for (Path folder : List.of(layout.interactions(), layout.bodies(), layout.certificates())) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
        }
        Files.deleteIfExists(layout.missReport());
    }

    /** The annotation's matching settings, as one rule for every request, named as {@code rules.yaml} names them. */
    private static MatchRules rules(Netrec annotation) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        if (annotation.ignoreQuery().length > 0) {
            settings.put("ignore-query", Arrays.asList(annotation.ignoreQuery()));
        }
        if (annotation.matchHeaders().length > 0) {
            settings.put("match-headers", Arrays.asList(annotation.matchHeaders()));
        }
        if (annotation.body() != Netrec.Body.IGNORE) {
            settings.put("body", List.of(annotation.body().name().toLowerCase(Locale.ROOT)));
        }
        if (annotation.ignoreBodyFields().length > 0) {
            settings.put("ignore-body-fields", Arrays.asList(annotation.ignoreBodyFields()));
        }
        return settings.isEmpty() ? MatchRules.none()
                : new MatchRules(List.of(MatchRules.Rule.everywhere(settings, "@Netrec")));
    }

    private static String testName(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    }
}
