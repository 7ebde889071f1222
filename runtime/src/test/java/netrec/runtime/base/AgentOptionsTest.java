package netrec.runtime.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    @Test
    void modeAloneUsesTheDefaults() {
        AgentOptions options = AgentOptions.parse("record", Map.of());
        assertEquals(Mode.RECORD, options.mode());
        assertEquals(Path.of("netrec-cassette").toAbsolutePath(), options.cassette());
        assertEquals(LogLevel.WARN, options.logLevel());
        assertTrue(options.redacts("authorization"));
        assertTrue(options.redacts("Set-Cookie"));
    }

    @Test
    void aCassetteInAStoreIsUsedThroughThisMachinesCopyOfIt() {
        AgentOptions options = AgentOptions.parse("replay,cassette=s3://ci/builds/enforcer/",
                Map.of("NETREC_CACHE", "/var/cache/netrec"));
        assertEquals("s3://ci/builds/enforcer", options.store());
        assertEquals(Path.of("/var/cache/netrec/cassettes/ci/builds%2Fenforcer"), options.cassette());
        assertEquals("s3://ci/x", AgentOptions.parse("record", Map.of("NETREC_CASSETTE", "s3://ci/x",
                "XDG_CACHE_HOME", "/home/u/.cache")).store(), "never a folder named s3: in the working directory");
        assertEquals(Path.of("/home/u/.cache/netrec/cassettes/ci/x"), AgentOptions.parse("record",
                Map.of("NETREC_CASSETTE", "s3://ci/x", "XDG_CACHE_HOME", "/home/u/.cache")).cassette());
        assertNull(AgentOptions.parse("record,cassette=/tmp/c", Map.of()).store());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("replay,cassette=s3://ci", Map.of()));
        assertTrue(wrong.getMessage().startsWith("'s3://ci' is not a cassette in an object store: write "
                + "s3://BUCKET/NAME"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("record,cassette=S3://ci/x", Map.of()),
                "never a folder named S3: in the working directory");
    }

    @Test
    void environmentGivesTheDefaultCassetteAndTheArgumentWins() {
        assertEquals(Path.of("/tmp/env"), AgentOptions.parse("replay", Map.of("NETREC_CASSETTE", "/tmp/env")).cassette());
        assertEquals(Path.of("/tmp/arg"), AgentOptions.parse("replay,cassette=/tmp/arg",
                Map.of("NETREC_CASSETTE", "/tmp/env")).cassette());
    }

    @Test
    void redactionByDefaultCoversTheNamesPeoplePutSecretsIn() {
        AgentOptions options = AgentOptions.parse("record", Map.of());
        for (String secret : List.of("Authorization", "proxy-authorization", "Cookie", "Set-Cookie", "X-Api-Key",
                "X-Auth-Token", "X-Upstream-Token", "api_key", "apikey", "access_token", "client_secret", "password",
                "db_password", "X-Amz-Security-Token", "oauth_signature")) {
            assertTrue(options.redacts(secret), secret);
        }
        for (String plain : List.of("Accept", "Content-Type", "WWW-Authenticate", "Proxy-Authenticate", "page", "q",
                "User-Agent", "name")) {
            assertFalse(options.redacts(plain), plain);
        }
    }

    @Test
    void redactionAddsRemovesOrDropsNames() {
        AgentOptions added = AgentOptions.parse("record,redact=X-Session;ssn", Map.of());
        assertTrue(added.redacts("x-session") && added.redacts("SSN") && added.redacts("Authorization"));
        AgentOptions removed = AgentOptions.parse("record,redact=-Cookie;-Set-Cookie;-sortKey", Map.of());
        assertFalse(removed.redacts("Cookie") || removed.redacts("set-cookie") || removed.redacts("sortKey"));
        assertTrue(removed.redacts("Authorization") && removed.redacts("api_key"));
        AgentOptions none = AgentOptions.parse("record,redact=none", Map.of());
        assertFalse(none.redacts("Authorization") || none.redacts("password"));
        assertTrue(none.redaction().none());
        AgentOptions only = AgentOptions.parse("record,redact=none;X-Mine", Map.of());
        assertTrue(only.redacts("X-Mine"));
        assertFalse(only.redacts("Authorization") || only.redacts("token"));
        assertEquals("redact=- has a '-' with no name after it; write -NAME to keep NAME in clear",
                message("record,redact=-"));
    }

    @Test
    void classCacheDefaultsToTheUserCacheAndCanBeTurnedOff() {
        assertEquals(Path.of("/xdg/netrec/classes"),
                AgentOptions.parse("record", Map.of("XDG_CACHE_HOME", "/xdg")).classCache());
        assertEquals(Path.of("/tmp/c"), AgentOptions.parse("record,class-cache=/tmp/c", Map.of()).classCache());
        assertEquals(null, AgentOptions.parse("record,class-cache=off", Map.of()).classCache());
    }

    @Test
    void modesAreAskedWhatTheyDo() {
        assertTrue(Mode.UPDATE.replays() && Mode.UPDATE.records() && Mode.UPDATE.recordsMisses());
        assertTrue(Mode.REPLAY.replays() && !Mode.REPLAY.records());
        assertTrue(!Mode.OFF.isActive());
        assertTrue(Mode.ONCE.decidedByCassette() && Mode.ONCE.isActive());
        assertEquals(Mode.RECORD, Mode.ONCE.once(false));
        assertEquals(Mode.REPLAY, Mode.ONCE.once(true));
        assertEquals(Mode.UPDATE, Mode.UPDATE.once(false), "only once is decided by the cassette");
    }

    @Test
    void reportsMaxAgeAndExpiryAreOptionsOfTheCassette() {
        AgentOptions options = AgentOptions.parse("replay,cassette=/c,reports=/r,max-age=2w,expired=record", Map.of());
        assertEquals(Path.of("/r"), options.reports());
        assertEquals(Path.of("/r/replay-misses.txt"), options.layout().missReport());
        assertEquals(14, options.maxAgeDays());
        assertEquals(Expiry.RECORD, options.expiry());
        AgentOptions defaults = AgentOptions.parse("replay,cassette=/c", Map.of());
        assertEquals(Path.of("/c/.netrec/replay-report.txt"), defaults.layout().replayReport());
        assertEquals(0, defaults.maxAgeDays());
        assertEquals(Expiry.WARN, defaults.expiry());
    }

    @Test
    void wrongInputIsOneLineNamingTheValidValues() {
        assertEquals("unknown mode 'replya'; valid modes: record, replay, update, once, off", message("replya"));
        assertEquals("unknown option 'cassete'; valid options: cassette, log, redact, leave-alone, templates, http2, "
                + "pace, class-cache, reports, max-age, expired, fetch", message("record,cassete=x"));
        assertTrue(message("replay,pace=slow").startsWith("pace=slow is not valid; use pace=fast (replay answers at "
                + "once) or pace=recorded"), message("replay,pace=slow"));
        assertTrue(message("replay,max-age=12h").startsWith("max-age=12h is not valid; give days or weeks"));
        assertTrue(message("replay,max-age=30d,expired=maybe").startsWith("expired=maybe is not valid; use "
                + "expired=warn"));
        assertTrue(message("replay,expired=fail").startsWith("expired=fail needs max-age=..."));
        assertEquals("unknown log level 'loud'; valid levels: quiet, warn, info, debug", message("record,log=loud"));
        assertEquals("option 'cassette' needs a value: cassette=...", message("record,cassette="));
        assertEquals("option 'log' is given twice", message("record,log=info,log=debug"));
        assertTrue(message(",log=info").startsWith("no mode given"));
        assertTrue(message("record,templates=yes").startsWith("templates=yes is not valid; use templates=auto"));
        assertTrue(message("record,http2=off").startsWith("http2=off is not valid; use http2=keep"));
    }

    @Test
    void http2IsKeptUnlessDowngradeIsAsked() {
        assertFalse(AgentOptions.parse("record", Map.of()).http2Downgraded());
        assertTrue(AgentOptions.parse("record,http2=downgrade", Map.of()).http2Downgraded());
    }

    @Test
    void aBareAgentWaitsForATestToPickACassette() {
        AgentOptions bare = AgentOptions.parse("", Map.of());
        assertTrue(bare.standby());
        assertEquals(Mode.OFF, bare.mode());
        assertTrue(!AgentOptions.parse("off", Map.of()).standby());
    }

    @Test
    void hostsLeftAloneAreNamedOrLoopback() {
        AgentOptions options = AgentOptions.parse("record,leave-alone=db.internal;loopback", Map.of());
        assertTrue(options.leavesAlone("DB.internal"));
        assertTrue(options.leavesAlone("localhost") && options.leavesAlone("127.0.0.1") && options.leavesAlone("::1"));
        assertTrue(!options.leavesAlone("api.example.org"));
        assertTrue(!AgentOptions.parse("record", Map.of()).leavesAlone("localhost"));
    }

    private static String message(String argument) {
        return assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(argument, Map.of())).getMessage();
    }
}
