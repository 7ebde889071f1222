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
 * <p>{@code -Dnetrec.mode=record|replay|update|once} overrides {@link #mode} for the whole run, so a developer
 * re-records with one flag and CI replays strictly. {@code -Dnetrec.cassettes=DIR} moves the folder that relative
 * cassette names live in (by default {@code src/test/resources/netrec}); {@code -Dnetrec.reports=DIR} the folder of
 * the reports on them (by default the build's, {@code target/netrec}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NetrecExtension.class)
public @interface Netrec {
    /**
     * The cassette: a directory, relative to {@code src/test/resources/netrec/} unless absolute; or
     * {@code s3://BUCKET/PREFIX/NAME}, one in an object store, used through this machine's copy (fetched as the test
     * starts, published when a test that recorded passes).
     */
    String value() default "";

    NetrecMode mode() default NetrecMode.ONCE;

    /**
     * When true, a replayed test that leaves recorded interactions unrequested fails, naming them; and so does a
     * recording test that recorded nothing.
     */
    boolean strict() default false;

    /**
     * Hosts whose traffic passes untouched, never recorded nor replayed: by name as the code names them, or
     * {@code loopback} for {@code localhost} and the loopback addresses (a local database, a container). None by
     * default: a stand-in API on {@code localhost} is recorded, as the agent records it.
     */
    String[] leaveAlone() default {};

    /**
     * How old the cassette may get, in days or weeks ({@code "30d"}, {@code "2w"}); empty: any age. An older one
     * gets what {@link #expired} says.
     */
    String maxAge() default "";

    /** What a cassette older than {@link #maxAge} gets: a warning, a failure, or a new recording. */
    Expired expired() default Expired.WARN;

    /** Query parameters that never count for matching (added to the cassette's {@code rules.yaml}). */
    String[] ignoreQuery() default {};

    /** Request headers that must match too. */
    String[] matchHeaders() default {};

    /** How request bodies are compared. */
    Body body() default Body.IGNORE;

    /** JSON or form fields left out when bodies are compared. */
    String[] ignoreBodyFields() default {};

    /**
     * What an expired cassette gets: {@code WARN} replays it and says so; {@code FAIL} fails the test; {@code RECORD}
     * records it again (in {@code ONCE} and {@code UPDATE} modes, when every server it recorded can be reached; else
     * it replays with a warning), so a test suite refreshes what has expired, and only that.
     */
    enum Expired {
        WARN, FAIL, RECORD
    }

    /** How request bodies are compared: not at all, byte for byte, as JSON values, or as form fields. */
    enum Body {
        IGNORE, EXACT, JSON, FORM
    }
}
