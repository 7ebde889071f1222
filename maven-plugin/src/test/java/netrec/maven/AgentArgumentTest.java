package netrec.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import org.junit.jupiter.api.Test;

class AgentArgumentTest {
    private static final File JAR = new File("/repo/dev/netrec/netrec-agent/1.0/netrec-agent-1.0.jar");

    @Test
    void bareAgentWhenNoModeIsGiven() {
        assertEquals("-javaagent:" + JAR, AgentArgument.appendTo(null, JAR, ""));
    }

    @Test
    void appendedAfterWhatTheArgLineHad() {
        assertEquals("-Xmx1g -Dx=\"a b\" -javaagent:" + JAR + "=replay,cassette=/p/c",
                AgentArgument.appendTo("-Xmx1g  -Dx=\"a b\"", JAR, "replay,cassette=/p/c"));
    }

    @Test
    void anEarlierNetrecAgentIsReplacedNotRepeated() {
        String once = AgentArgument.appendTo("-Xmx1g", JAR, "record,cassette=/p/c");
        assertEquals("-Xmx1g -javaagent:" + JAR + "=replay,cassette=/p/c",
                AgentArgument.appendTo(once, JAR, "replay,cassette=/p/c"));
    }

    @Test
    void otherAgentsStay() {
        assertEquals("-javaagent:/jacoco.jar=destfile=x -javaagent:" + JAR,
                AgentArgument.appendTo("-javaagent:/jacoco.jar=destfile=x", JAR, ""));
    }

    @Test
    void aPathWithASpaceIsQuoted() {
        File jar = new File("/home/a user/netrec-agent-1.0.jar");
        String once = AgentArgument.appendTo("", jar, "");
        assertEquals("\"-javaagent:/home/a user/netrec-agent-1.0.jar\"", once);
        assertEquals(once, AgentArgument.appendTo(once, jar, ""));
    }

    @Test
    void modeCassetteAndOptionsMakeTheAgentArgument() {
        assertEquals("replay,cassette=" + new File("/p/c").getAbsolutePath() + ",log=info",
                AgentArgument.of("replay", new File("/p/c"), null, "log=info"));
    }

    @Test
    void theReportsGoToTheBuildFolderUnlessTheOptionsSayWhere() {
        assertEquals("once,cassette=/p/c,reports=/p/target/netrec/c,log=info",
                AgentArgument.of("once", new File("/p/c"), new File("/p/target/netrec/c"), "log=info"));
        assertEquals("once,cassette=/p/c,reports=/elsewhere",
                AgentArgument.of("once", new File("/p/c"), new File("/p/target/netrec/c"), "reports=/elsewhere"));
    }

    @Test
    void anUnknownModeNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentArgument.of("replya", new File("/p"), null, ""));
        assertEquals("unknown mode 'replya'; valid modes: record, replay, update, once, off, or none at all for @Netrec "
                + "tests", e.getMessage());
    }

    @Test
    void aCassetteInAStoreGoesToTheAgentAsItsAddress() {
        File asMavenMakesIt = new File(new File("/project"), "s3://ci-cassettes/builds/weather");
        assertEquals("replay,cassette=s3://ci-cassettes/builds/weather,reports=/project/target/netrec",
                AgentArgument.of("replay", asMavenMakesIt, new File("/project/target/netrec"), ""));
        IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class, () -> AgentArgument.of(
                "replay", new File(new File("/project"), "S3://ci-cassettes/weather"), null, ""));
        assertTrue(mistyped.getMessage().startsWith("'S3://ci-cassettes/weather' looks like an address"),
                mistyped.getMessage());
    }

    @Test
    void aCassetteWithACommaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentArgument.of("record", new File("/p/a,b"), null, ""));
        assertEquals("the cassette directory /p/a,b has a comma in its name, which the agent's options cannot "
                + "carry; choose another directory", e.getMessage());
    }
}
