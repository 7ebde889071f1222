package netrec.it.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the test classes named as arguments on the JUnit Platform, as a build tool would, and prints one line per
 * test or class that ends: {@code PASSED Class.method} or {@code FAILED Class.method: message <- caused by ...}.
 * Exit status 0 when everything passed, 1 otherwise. The classes the system property {@code junit.main.loads} names
 * (commas between) are loaded first.
 */
public final class JUnitMain {
    public static void main(String[] args) throws Exception {
        for (String loadedFirst : System.getProperty("junit.main.loads", "").split(",")) {
            if (!loadedFirst.isEmpty()) {
                Class.forName(loadedFirst); // as a program that made a library's client before its tests began
            }
        }
        List<String> failures = new ArrayList<>();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : args) {
            request.selectors(selectClass(Class.forName(name)));
        }
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                String name = name(test);
                if (name == null) {
                    return;
                }
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    if (test.isTest()) {
                        System.out.println("PASSED " + name);
                    }
                } else {
                    String message = result.getThrowable().map(JUnitMain::withCauses).orElse("?");
                    System.out.println("FAILED " + name + ": " + message);
                    failures.add(name);
                }
            }
        });
        System.out.flush();
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** The failure's message, then each cause's ({@code <- caused by ...}): which read failed, and how. */
    private static String withCauses(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.getMessage() == null ? failure.toString()
                : failure.getMessage());
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            text.append(" <- caused by ").append(cause);
        }
        return text.toString();
    }

    private static String name(TestIdentifier test) {
        if (test.getSource().orElse(null) instanceof MethodSource) {
            MethodSource method = (MethodSource) test.getSource().get();
            return simple(method.getClassName()) + "." + method.getMethodName();
        }
        if (test.getSource().orElse(null) instanceof ClassSource) {
            return simple(((ClassSource) test.getSource().get()).getClassName());
        }
        return null;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
