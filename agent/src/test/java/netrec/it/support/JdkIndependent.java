package netrec.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test whose subject does not depend on the JDK it runs on: a cassette's files, netrec's command line,
 * the shape of a Maven build, what the recorder keeps. The integration tests run on JDK 17 and again on JDK 25; the
 * JDK 25 execution leaves these out (failsafe's {@code excludedGroups}: {@value #TAG}). What such a test touches of the
 * JDK (a client's sockets, TLS, DNS) is covered on both JDKs by the tests {@link #value()} names.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(JdkIndependent.TAG)
public @interface JdkIndependent {
    /** The JUnit tag the JDK 25 execution excludes. */
    String TAG = "jdk-independent";

    /** Why one JDK is enough, and which tests cover on both JDKs what the test touches of the JDK. */
    String value();
}
