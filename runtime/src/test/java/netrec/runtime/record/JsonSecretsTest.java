package netrec.runtime.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import netrec.cassette.Redacted;
import org.junit.jupiter.api.Test;

class JsonSecretsTest {
    private static final Predicate<String> PASSWORD = "password"::equals;

    @Test
    void aNameAtAnyDepthCountsAndAValueOrAQuotedNameInsideAValueDoesNot() {
        assertTrue(JsonSecrets.namesAnySecret("{\"user\":{\"password\" : \"x\"}}", PASSWORD));
        assertTrue(JsonSecrets.namesAnySecret("[1, {\"a\": [{\"password\"\n:\t2}]}]", PASSWORD));
        assertFalse(JsonSecrets.namesAnySecret("{\"user\":\"password\"}", PASSWORD), "a value, not a name");
        assertFalse(JsonSecrets.namesAnySecret("{\"note\":\"say \\\"password\\\": x\"}", PASSWORD),
                "quoted inside a string");
        assertFalse(JsonSecrets.namesAnySecret("{\"v\":\"a\\\\\",\"x\":\"password\"}", PASSWORD),
                "a value ending in an escaped backslash ends where it ends");
        assertTrue(JsonSecrets.namesAnySecret("{\"v\":\"a\\\\\",\"password\":1}", PASSWORD));
        assertFalse(JsonSecrets.namesAnySecret("{\"id\":42,\"name\":\"small\"}", PASSWORD));
    }

    @Test
    void aNameWrittenWithAnEscapeIsLeftToJacksonWhichReadsIt() {
        String escaped = "{\"pass\\u0077ord\":\"hunter2\"}";
        assertTrue(JsonSecrets.namesAnySecret(escaped, PASSWORD));
        Set<String> taken = new HashSet<>();
        assertEquals("{\"password\":\"" + Redacted.VALUE + "\"}", JsonSecrets.out(escaped, PASSWORD, false, taken));
        assertEquals(Set.of("hunter2"), taken);
    }

    @Test
    void textThatIsNotOneDocumentIsLeftAsItIs() {
        assertFalse(JsonSecrets.namesAnySecret("{\"password\"", PASSWORD), "a name never followed by a colon");
        assertFalse(JsonSecrets.namesAnySecret("{\"unclosed: \"password\":1", PASSWORD), "in an unclosed string");
        assertNull(JsonSecrets.out("{\"password\":\"a\"}\n{\"password\":\"b\"}", PASSWORD, false, new HashSet<>()),
                "lines of JSON");
        assertNull(JsonSecrets.out("{\"id\":1}", PASSWORD, false, new HashSet<>()), "no secret");
    }
}
