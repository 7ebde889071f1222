package netrec.it.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import netrec.it.support.TestServer;
import netrec.junit.Netrec;
import org.junit.jupiter.api.Test;

/** A test whose cassette is in an object store. */
public class StoreCassetteCalls {
    @Netrec("s3://ci-cassettes/weather")
    @Test
    void namesAStoredCassette() throws Exception {
        assertEquals("200 " + TestServer.JSON, ApiCalls.get("/json"));
    }
}
