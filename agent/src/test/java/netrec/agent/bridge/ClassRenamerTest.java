package netrec.agent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ClassRenamerTest {
    /** A class that names itself in a field type, a method descriptor and a static call. */
    public static final class Renamed {
        public static Renamed self;

        public static String call() {
            return echo("called") + (self == null ? "" : "!");
        }

        static String echo(String text) {
            return text;
        }
    }

    @Test
    void renamedClassLoadsUnderItsNewNameAndStillCallsItself() throws Exception {
        String from = Renamed.class.getName().replace('.', '/');
        byte[] original;
        try (InputStream in = Renamed.class.getResourceAsStream("ClassRenamerTest$Renamed.class")) {
            original = in.readAllBytes();
        }
        byte[] renamed = ClassRenamer.rename(original, from, "elsewhere/Moved");

        Class<?> moved = new ClassLoader(null) {
            Class<?> define() {
                return defineClass("elsewhere.Moved", renamed, 0, renamed.length);
            }
        }.define();

        assertEquals("elsewhere.Moved", moved.getName());
        assertEquals(moved, moved.getField("self").getType());
        assertEquals("called", moved.getMethod("call").invoke(null));
    }
}
