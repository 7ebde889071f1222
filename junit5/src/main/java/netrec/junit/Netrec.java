package netrec.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records the network calls of a test into a cassette, or replays them from it, without touching the code under
 * test. On a method: that test's cassette. On a class: each test gets its own cassette, named after the class and
 * the method, unless {@link #value} names one cassette for the whole class.
 *
 * <p>{@code -Dnetrec.mode=record|replay|update|auto} overrides {@link #mode} for the whole run, so a developer
 * re-records with one flag and CI replays strictly. {@code -Dnetrec.cassettes=DIR} moves the folder that relative
 * cassette names live in (by default {@code src/test/resources/netrec}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NetrecExtension.class)
public @interface Netrec {
    /** The cassette: a directory, relative to {@code src/test/resources/netrec/} unless absolute. */
    String value() default "";

    NetrecMode mode() default NetrecMode.AUTO;

    /** When true, a replayed test that leaves recorded interactions unrequested fails, naming them. */
    boolean strict() default false;

    /**
     * Hosts whose traffic passes untouched, never recorded nor replayed: by name as the code names them, or
     * {@code loopback} for {@code localhost} and the loopback addresses (test servers, local databases).
     */
    String[] leaveAlone() default {"loopback"};

    /** Query parameters that never count for matching (added to the cassette's {@code rules.yaml}). */
    String[] ignoreQuery() default {};

    /** Request headers that must match too. */
    String[] matchHeaders() default {};

    /** How request bodies are compared. */
    Body body() default Body.IGNORE;

    /** JSON or form fields left out when bodies are compared. */
    String[] ignoreBodyFields() default {};

    /** How request bodies are compared: not at all, byte for byte, as JSON values, or as form fields. */
    enum Body {
        IGNORE, EXACT, JSON, FORM
    }
}
