package netrec.it.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netrec.it.support.TestServer;
import org.junit.jupiter.api.Test;

/** A test without {@code @Netrec}: netrec leaves its calls alone, whatever the other tests in the JVM do. */
public class NoCassette {
    @Test
    void callsTheServerItself() throws Exception {
        assertEquals("200 " + TestServer.JSON, ApiCalls.get("/json"));
    }
}
