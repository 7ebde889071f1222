package netrec.it.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netrec.it.support.TestServer;
import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;

/** A test with the default hosts left alone: its calls to a server on localhost pass untouched, never recorded. */
@Netrec
public class LocalServerCalls {
    @Test
    void callsALocalTestServer() throws Exception {
        assertEquals("200 " + TestServer.JSON, ApiCalls.get("/json"));
    }
}
