package netrec.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test that goes through one family of the JDK classes netrec weaves, or through how the agent starts
 * on a JDK. Every run, CI's included, runs these on JDK 25 as well as on JDK 17 ({@value #TAG} is in the JDK 25
 * execution's {@code groups}; the full run adds {@link AlsoCoversJdkClasses}); the other JDK-dependent tests run on
 * JDK 25 with {@code -Dnetrec.jdk25.groups=}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(CoversJdkClasses.TAG)
public @interface CoversJdkClasses {
    /** The JUnit tag of these tests. */
    String TAG = "covers-jdk-classes";

    /** The JDK classes (or the part of the agent's start) the test goes through. */
    String value();
}
