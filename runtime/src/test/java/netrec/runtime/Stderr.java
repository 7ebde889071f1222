package netrec.runtime;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What netrec said on stderr while an action ran. */
final class Stderr {
    private Stderr() {
    }

    static synchronized String during(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return said.toString(StandardCharsets.UTF_8);
    }
}
