package netrec.junit;

import netrec.runtime.Engine;
import netrec.runtime.base.JvmEnd;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Tells netrec that a test of this JVM failed, for a test JVM recording as a whole (the Maven plugin's
 * {@code <mode>}, or {@code -javaagent:netrec.jar=record} in {@code argLine}): Surefire's forked JVM exits with status
 * 0 even when tests failed, so without this a failed run's recording would replace the cassette. Found by the JUnit
 * Platform as a service; does nothing when netrec is not attached, or only waits for {@code @Netrec} tests (whose
 * cassettes count by their own tests).
 */
public final class FailedTestsListener implements TestExecutionListener {
    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.FAILED && Engine.isInPlace()) {
            JvmEnd.failed("the test " + test.getDisplayName() + " failed");
        }
    }
}
