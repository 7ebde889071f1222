package netrec.it.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netrec.it.support.TestServer;
import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;

/** Tests that leave loopback alone, as a test with a local database would: their calls to localhost pass untouched. */
public class LeftAloneCalls {
    @Test
    @Netrec(leaveAlone = "loopback")
    void callsALocalServerLeftAlone() throws Exception {
        assertEquals("200 " + TestServer.JSON, ApiCalls.get("/json"));
    }

    @Test
    @Netrec(leaveAlone = {"db.internal", "loopback"}, strict = true)
    void strictlyCallsALocalServerLeftAlone() throws Exception {
        assertEquals("200 " + TestServer.JSON, ApiCalls.get("/json"));
    }
}
