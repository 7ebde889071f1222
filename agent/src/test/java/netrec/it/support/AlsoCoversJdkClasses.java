package netrec.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test that goes into a family of the JDK classes netrec weaves another way than the {@link
 * CoversJdkClasses} tests do (TLS layered by a client through {@code SSLSocketFactory}, a client's own selector
 * loop, a main thread that throws). The full run ({@code -Pfull}, CI's) runs these on JDK 25 as well as on JDK 17;
 * every build runs them on JDK 17, keeping its JDK 25 run short.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(AlsoCoversJdkClasses.TAG)
public @interface AlsoCoversJdkClasses {
    /** The JUnit tag of these tests. */
    String TAG = "also-covers-jdk-classes";

    /** The JDK classes the test goes through, and the way it does that the others do not. */
    String value();
}
