package netrec.junit;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import netrec.agent.SelfAttach;
import netrec.agent.StoredCassette;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
import netrec.cassette.publish.CassetteAge;
import netrec.cassette.store.MachineCache;
import netrec.cassette.store.StoreAddress;
import netrec.runtime.CassetteOutcome;
import netrec.runtime.Engine;
import netrec.runtime.ReplayReports;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Expiry;
import netrec.runtime.base.JvmStart;
import netrec.runtime.base.Mode;
import netrec.runtime.replay.report.ReplayOutcome;
import netrec.runtime.tests.RunningTest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 side of {@link Netrec}: puts a test's cassette in use before it runs and judges how it went after. A
 * miss fails the test with netrec's explanation; so do unused interactions in strict mode. A recording becomes the
 * cassette only when the test passed; a test that recorded nothing says so, naming what it left alone (strict fails
 * it). A class-wide cassette is in use from before the first test of the class to after the last, and is published
 * when every test of the class passed. A test may take a {@link SentRequests} parameter to check what its code sent.
 *
 * <p>Tests may run at the same time (JUnit's parallel execution): each test's own code (its test method and its
 * lifecycle methods) runs bound to its cassette, and so does the work it hands to executors; see the README.
 */
public final class NetrecExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, InvocationInterceptor {
    /** Overrides every annotation's mode for a run. */
    public static final String MODE_PROPERTY = "netrec.mode";
    /** The folder relative cassette names live in. */
    public static final String CASSETTES_PROPERTY = "netrec.cassettes";
    /** The folder the reports on the cassettes go to (replay's misses and summaries). */
    public static final String REPORTS_PROPERTY = "netrec.reports";

    /** The options of each running test's cassette, by its key. */
    /** True once this JVM's netrec can reach cassettes in stores ({@link #reachStores}). */
    private static boolean storesReached;
    private static final Map<String, AgentOptions> IN_USE = new ConcurrentHashMap<>();
    /** The first failure of a test of each class whose tests share one cassette. */
    private static final Map<Class<?>, String> CLASS_FAILURES = new ConcurrentHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Netrec annotation = classWide(context);
        if (annotation != null) {
            CLASS_FAILURES.remove(context.getRequiredTestClass());
            begin(classKey(context), context.getRequiredTestClass().getSimpleName(), annotation, annotation.value());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Netrec annotation = classWide(context);
        if (annotation != null) {
            String failure = context.getExecutionException().map(NetrecExtension::failed)
                    .orElse(CLASS_FAILURES.remove(context.getRequiredTestClass()));
            end(classKey(context), context.getRequiredTestClass().getSimpleName(), annotation, failure);
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
        begin(context.getUniqueId(), testName(context), annotation, cassette);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Optional<String> failure = context.getExecutionException().map(NetrecExtension::failed);
        Netrec annotation = perTest(context);
        if (annotation != null) {
            end(context.getUniqueId(), testName(context), annotation, failure.orElse(null));
        } else if (failure.isPresent() && classWide(context) != null) {
            CLASS_FAILURES.putIfAbsent(context.getRequiredTestClass(), testName(context) + " failed");
        }
    }

    /** A test's {@link SentRequests} parameter. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SentRequests.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String key = cassetteKey(context);
        return new SentRequests(key, classWide(context) == null || key == null ? 0 : Engine.sentRequests(key).size());
    }

    // ---- the test's own code runs bound to its cassette ----

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        bound(classWide(context) == null ? null : classKey(context), invocation);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        bound(classWide(context) == null ? null : classKey(context), invocation);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        bound(cassetteKey(context), invocation);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        bound(cassetteKey(context), invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> method, ExtensionContext context) throws Throwable {
        bound(cassetteKey(context), invocation);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        return bound(cassetteKey(context), invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        bound(cassetteKey(context), invocation);
    }

    /** Runs {@code invocation} with the current thread bound to the test {@code key} (to none when null). */
    private static <T> T bound(String key, Invocation<T> invocation) throws Throwable {
        if (key == null || !IN_USE.containsKey(key)) {
            return invocation.proceed();
        }
        RunningTest<?> before = Engine.bindThread(key);
        try {
            return invocation.proceed();
        } finally {
            Engine.restoreThread(before);
        }
    }

    /** The key of the cassette a test method uses: its own, or its class's; null when it uses none. */
    private static String cassetteKey(ExtensionContext context) {
        if (perTest(context) != null) {
            return context.getUniqueId();
        }
        return classWide(context) != null ? classKey(context) : null;
    }

    /** The key of a class's cassette: the same from the class's context and from its tests'. */
    private static String classKey(ExtensionContext context) {
        return "class:" + context.getRequiredTestClass().getName();
    }

    private static String failed(Throwable failure) {
        return "the test failed: " + failure.toString().lines().findFirst().orElse("");
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

    private static void begin(String key, String test, Netrec annotation, String cassetteName) throws IOException {
        SelfAttach.ensureAttached();
        AgentOptions options;
        StoreAddress address = storeAddress(cassetteName, test);
        if (address != null) {
            reachStores();
            Path copy = MachineCache.copyOf(address, System.getenv());
            options = Engine.options().forTest(mode(annotation), copy, Arrays.asList(annotation.leaveAlone()),
                    reportsDirectory(address.bucket() + "/" + address.prefix() + address.name(), copy))
                    .withStore(address.toString());
        } else {
            Path cassette = cassetteDirectory(cassetteName);
            options = Engine.options().forTest(mode(annotation), cassette, Arrays.asList(annotation.leaveAlone()),
                    reportsDirectory(cassetteName, cassette));
        }
        if (!annotation.maxAge().isEmpty()) {
            try {
                options = options.withMaxAge(CassetteAge.parseMaxAge(annotation.maxAge()),
                        Expiry.parse(annotation.expired().name().toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("netrec: @Netrec(maxAge = \"" + annotation.maxAge() + "\") on "
                        + test + ": " + e.getMessage(), e);
            }
        }
        Mode decided = Engine.beginTest(key, test, options, rules(annotation)).mode();
        IN_USE.put(key, options.withMode(decided));
    }

    private static void end(String key, String test, Netrec annotation, String failure) throws IOException {
        CassetteOutcome outcome = Engine.endTest(key, failure);
        AgentOptions options = IN_USE.remove(key);
        if (outcome == null || options == null) {
            return;
        }
        ReplayOutcome replay = outcome.replay();
        if (replay != null) {
            ReplayReports.write(options, replay, failure, JvmStart.instant());
        }
        StringBuilder rest = new StringBuilder();
        for (String host : options.leftAloneWithout(outcome.hostsLeftAlone())) {
            rest.append(rest.length() == 0 ? "\"" : ", \"").append(host).append('"');
        }
        String recording = outcome.recordingLine(test, "@Netrec(leaveAlone = {" + rest + "})");
        if (recording != null && outcome.recordedNothing() && annotation.strict() && failure == null) {
            throw new AssertionError("netrec: strict: " + recording.substring("netrec: ".length()));
        }
        if (recording != null) {
            System.err.println(recording);
        }
        if (replay == null) {
            return;
        }
        if (!replay.misses().isEmpty()) {
            int more = replay.misses().size() - 1;
            throw new AssertionError(replay.misses().get(0) + (more == 0 ? "" : "\n(and " + more + " more "
                    + "request(s) the cassette lacks, in " + options.layout().missReport() + ")"));
        }
        if (annotation.strict() && !replay.unused().isEmpty()) {
            StringBuilder message = new StringBuilder("netrec: strict: " + test + " never requested "
                    + replay.unused().size() + " recorded interaction(s):");
            for (Interaction interaction : replay.unused()) {
                message.append("\n  ").append(interaction.request()).append(" (").append(interaction.source())
                        .append(')');
            }
            message.append("\nre-record the cassette (-D" + MODE_PROPERTY + "=record), prune it (java -jar netrec.jar "
                    + "prune " + options.cassette() + "), or drop strict");
            throw new AssertionError(message.toString());
        }
    }

    /** The annotation's mode, or the run's ({@code -Dnetrec.mode}). */
    private static Mode mode(Netrec annotation) {
        String override = System.getProperty(MODE_PROPERTY, "").trim();
        NetrecMode mode = annotation.mode();
        if (!override.isEmpty()) {
            try {
                mode = NetrecMode.valueOf(override.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("netrec: -D" + MODE_PROPERTY + "=" + override + " is not a mode; "
                        + "use record, replay, update or once");
            }
        }
        return Mode.valueOf(mode.name());
    }

    private static Path cassetteRoot() {
        String root = System.getProperty(CASSETTES_PROPERTY, "");
        return root.isEmpty() ? basedir().resolve(Paths.get("src", "test", "resources", "netrec"))
                : Paths.get(root).toAbsolutePath().normalize();
    }

    private static Path basedir() {
        return Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    }

    /** Gives netrec the way to cassettes in stores, once: the first test that names one. */
    private static synchronized void reachStores() {
        if (!storesReached) {
            Engine.useStoredCassettes(StoredCassette.forThisJvm());
            storesReached = true;
        }
    }

    /** The stored cassette {@code name} is, null for a folder, or a message saying what is wrong with it. */
    private static StoreAddress storeAddress(String name, String test) {
        try {
            return StoreAddress.isStore(name) ? StoreAddress.parse(name) : null;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("netrec: @Netrec(\"" + name + "\") on " + test + ": " + e.getMessage(), e);
        }
    }

    private static Path cassetteDirectory(String name) {
        Path path = Paths.get(name);
        return path.isAbsolute() ? path : cassetteRoot().resolve(path).toAbsolutePath().normalize();
    }

    /**
     * Where the reports on a test's cassette go: {@code -Dnetrec.reports=DIR}/NAME, else the build's folder,
     * {@code target/netrec/NAME}: never beside the committed cassette.
     */
    private static Path reportsDirectory(String name, Path cassette) {
        String reports = System.getProperty(REPORTS_PROPERTY, "");
        if (Paths.get(name).isAbsolute()) {
            return reports.isEmpty() ? CassetteLayout.defaultReports(cassette)
                    : Paths.get(reports).resolve(cassette.getFileName().toString());
        }
        Path root = reports.isEmpty() ? basedir().resolve("target").resolve("netrec") : Paths.get(reports);
        return root.resolve(name).toAbsolutePath().normalize();
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
