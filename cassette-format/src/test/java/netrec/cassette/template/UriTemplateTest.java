package netrec.cassette.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UriTemplateTest {
    @Test
    void aLiteralUriIsItsParts() {
        UriTemplate uri = UriTemplate.parse("https://API.example.org/a%20b/c?x=1&y");
        assertEquals("https", uri.scheme());
        assertEquals("api.example.org", uri.host().text());
        assertEquals("443", uri.port().text());
        assertEquals("/a%20b/c", uri.path().toString());
        assertEquals("[x=1, y]", uri.query().toString());
        assertEquals(0, uri.generality());
    }

    @Test
    void placeholdersMatchWithinTheirPieceOnly() {
        PathTemplate path = UriTemplate.parse("http://h:80/files/v{version}/app-{*}.jar").path();
        assertTrue(path.matches("/files/v1.2/app-20261122.101530-3.jar"));
        assertFalse(path.matches("/files/v1/2/app-x.jar"), "{name} never spans a '/'");
        assertTrue(UriTemplate.parse("http://h:80/a?ts={*}").query().get(0).matches("ts="));
        assertFalse(UriTemplate.parse("http://h:80/a?ts={*}").query().get(0).matches("ts"));
        assertTrue(UriTemplate.parse("http://h:80/a?{*}=1").query().get(0).matches("anything=1"));
    }

    @Test
    void regularExpressionPlaceholdersMayHoldBraces() {
        TextTemplate build = TextTemplate.parse("build-{n:[0-9]{3,4}}", TextTemplate.Piece.PATH_SEGMENT);
        assertTrue(build.matches("build-123"));
        assertFalse(build.matches("build-12"));
        assertFalse(build.matches("build-12a"));
        assertEquals(1, build.placeholders());
    }

    @Test
    void deepWildcardSpansAnyNumberOfSegments() {
        PathTemplate path = PathTemplate.parse("/repo/{**}/maven-metadata.xml");
        assertTrue(path.matches("/repo/maven-metadata.xml"));
        assertTrue(path.matches("/repo/org/example/lib/maven-metadata.xml"));
        assertFalse(path.matches("/repo/org/example/lib/lib.pom"));
        assertEquals(1, path.segmentWildcards());
    }

    @Test
    void generalityRanksTemplates() {
        int literal = UriTemplate.parse("http://h:80/a/b").generality();
        int one = UriTemplate.parse("http://h:80/a/{x}").generality();
        int two = UriTemplate.parse("http://{h}:{p}/a/b").generality();
        int deep = UriTemplate.parse("http://h:80/{**}").generality();
        assertTrue(literal < one && one < two && two < deep, literal + " " + one + " " + two + " " + deep);
    }

    @Test
    void malformedPlaceholdersSayWhatIsWrongAndWhere() {
        assertEquals("the placeholder at column 6 of 'items{id' is not closed; write {name}, {*}, {name:REGEX} or "
                + "{**}, or %7B for a literal brace", message("http://h:80/items{id"));
        assertEquals("'}' at column 2 of 'a}' closes no placeholder; write %7D for a literal brace",
                message("http://h:80/a}"));
        assertTrue(message("http://h:80/a{**}").contains("{**} stands for whole path segments"));
        assertTrue(message("http://h:80/{1x}").contains("a placeholder's name is letters"));
        assertTrue(message("http://h:80/{n:[0-9}").contains("'[0-9' is not a valid regular expression"),
                message("http://h:80/{n:[0-9}"));
        assertTrue(message("http://h:80/{n:}").contains("the regular expression after ':' is empty"));
        assertEquals("'/relative' is not an absolute URI such as https://host:443/path", message("/relative"));
        assertEquals("'http://h:8o/' has port '8o', which is not a number", message("http://h:8o/"));
    }

    private static String message(String uri) {
        return assertThrows(TemplateException.class, () -> UriTemplate.parse(uri)).getMessage();
    }
}
