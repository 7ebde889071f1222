package netrec.agent.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenCommandTest {
    @TempDir
    Path work;
    Path home;
    Path project;
    Path mavenHome;
    final Map<String, String> properties = new HashMap<>();
    final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void aUserAProjectAndAMaven() throws IOException {
        home = Files.createDirectories(work.resolve("home"));
        project = Files.createDirectories(work.resolve("project"));
        mavenHome = Files.createDirectories(work.resolve("maven").resolve("conf")).getParent();
        properties.put("user.home", home.toString());
        properties.put("maven.home", mavenHome.toString());
        properties.put("maven.multiModuleProjectDirectory", project.toString());
    }

    private MavenCommand maven(String... arguments) throws IOException {
        List<String> all = new ArrayList<>(MavenCommand.configArguments(project));
        all.addAll(List.of(arguments));
        return new MavenCommand(all, project, properties, environment);
    }

    @Test
    void withNothingSaidTheLocalRepositoryIsTheUsersDefault() throws IOException {
        assertEquals(home.resolve(".m2/repository"), maven("-B", "verify").localRepository());
    }

    @Test
    void theCommandLineWinsOverMavenOptsAndSettings() throws IOException {
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), "<settings><localRepository>/from/settings"
                + "</localRepository></settings>");
        properties.put("maven.repo.local", "/from/maven-opts");
        assertEquals(Path.of("/from/command-line"), maven("-Dmaven.repo.local=/from/command-line", "verify")
                .localRepository());
        assertEquals(Path.of("/spaced"), maven("-D", "maven.repo.local=/spaced").localRepository());
        assertEquals(Path.of("/from/maven-opts"), maven("verify").localRepository());
        properties.remove("maven.repo.local");
        assertEquals(Path.of("/from/settings"), maven("verify").localRepository());
    }

    @Test
    void aRelativeRepositoryIsTakenFromTheWorkingDirectoryAndTheLastDefinitionWins() throws IOException {
        assertEquals(project.resolve("repo"), maven("-Dmaven.repo.local=/first", "-Dmaven.repo.local=repo")
                .localRepository());
    }

    @Test
    void mavenConfigIsReadBeforeTheCommandLine() throws IOException {
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn/maven.config"), "# offline builds\n-B -Dmaven.repo.local=.m2repo\n");
        assertEquals(project.resolve(".m2repo"), maven("verify").localRepository());
        assertEquals(Path.of("/mine"), maven("-Dmaven.repo.local=/mine").localRepository());
    }

    @Test
    void settingsNamedOnTheCommandLineWithTheirExpressionsFilledInAndCommentsLeftOut() throws IOException {
        Files.writeString(project.resolve("ci-settings.xml"), "<settings>\n  <!-- <localRepository>/old"
                + "</localRepository> -->\n  <localRepository>\n    ${env.CI_CACHE}/m2/${user.home}\n"
                + "  </localRepository>\n</settings>\n");
        environment.put("CI_CACHE", "/cache");
        assertEquals(Path.of("/cache/m2" + home), maven("-s", "ci-settings.xml", "verify").localRepository());
        assertEquals(Path.of("/cache/m2" + home), maven("--settings=ci-settings.xml").localRepository());
    }

    @Test
    void theGlobalSettingsCountWhenTheUsersSayNothing() throws IOException {
        Files.writeString(mavenHome.resolve("conf/settings.xml"), "<settings><localRepository>/global"
                + "</localRepository></settings>");
        assertEquals(Path.of("/global"), maven("verify").localRepository());
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), "<settings><localRepository>/user</localRepository>"
                + "</settings>");
        assertEquals(Path.of("/user"), maven("verify").localRepository());
    }

    @Test
    void aMavenConfigLineIsOneDefinitionSpacesAndAllAndAnEmptyUserRepositoryFallsThroughToTheGlobalOne()
            throws IOException {
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn/maven.config"), "-Dmaven.repo.local=/ci/my repo\n");
        assertEquals(Path.of("/ci/my repo"), maven("verify").localRepository());
        Files.delete(project.resolve(".mvn/maven.config"));
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), "<settings><localRepository/><localRepository>"
                + "</localRepository></settings>");
        Files.writeString(mavenHome.resolve("conf/settings.xml"), "<settings><localRepository>/global"
                + "</localRepository></settings>");
        assertEquals(Path.of("/global"), maven("verify").localRepository());
    }

    @Test
    void aRepositoryNamedByAnExpressionNetrecCannotFillInIsNone() throws IOException {
        assertNull(maven("-Dmaven.repo.local=${session.rootDirectory}/.m2").localRepository(),
                "never a folder named ${...} in the project");
    }

    @Test
    void aBuildNamesNetrecWhenAModulesPomDoesButNotInItsBuildOutput() throws IOException {
        Files.writeString(project.resolve("pom.xml"), "<project><groupId>dev.netrec.samples</groupId><modules>"
                + "<module>app</module></modules></project>");
        Files.createDirectories(project.resolve("target/classes"));
        Files.writeString(project.resolve("target/classes/pom.xml"), "<groupId>dev.netrec</groupId>");
        assertFalse(maven("verify").namesNetrec(), "a group under dev.netrec is not netrec's, and a POM under target "
                + "is no module's");

        Files.createDirectories(project.resolve("app"));
        Files.writeString(project.resolve("app/pom.xml"), "<plugin><groupId>\n  dev.netrec\n</groupId></plugin>");
        assertTrue(maven("verify").namesNetrec());
    }

    @Test
    void aProjectNamedWithDashFIsTheOneRead() throws IOException {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("pom.xml"), "<groupId>dev.netrec</groupId>");
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        assertFalse(maven("verify").namesNetrec());
        assertTrue(maven("-f", elsewhere.resolve("pom.xml").toString(), "verify").namesNetrec());
        Files.writeString(project.resolve("ci-pom.xml"), "<groupId>dev.netrec</groupId>");
        assertTrue(maven("-f", "ci-pom.xml", "verify").namesNetrec(), "a POM of another name");
    }

    @Test
    void aFolderWithoutAPomIsNoProjectAndIsNotSearched() throws IOException {
        Files.createDirectories(project.resolve("somewhere"));
        Files.writeString(project.resolve("somewhere/pom.xml"), "<groupId>dev.netrec</groupId>");
        assertFalse(maven("verify").namesNetrec(), "Maven started in a home folder, say: its folders are not modules");
    }
}
