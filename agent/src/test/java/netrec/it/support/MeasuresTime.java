package netrec.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test whose assertions are about time as a client sees it (a recorded pace kept, what a JVM killed
 * after so many milliseconds lost). The other test classes run two at a time, each starting JVMs, Maven builds and
 * servers on a 2-core machine: a class beside them could see a child JVM starved for a few hundred milliseconds,
 * which says nothing about netrec. Failsafe runs these classes after the others, one at a time, with the machine to
 * themselves (their tag, {@value #TAG}, is left out of the other executions).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(MeasuresTime.TAG)
public @interface MeasuresTime {
    String TAG = "measures-time";
}
