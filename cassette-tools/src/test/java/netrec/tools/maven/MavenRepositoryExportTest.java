package netrec.tools.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import netrec.testing.TestCassette;
import netrec.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenRepositoryExportTest {
    /** As a recorder writes a URL: with its port, the scheme's own too. */
    private static final String CENTRAL = "https://repo.maven.apache.org:443/maven2/";

    @TempDir
    Path work;

    @Test
    void everyDownloadLandsUnderItsHostAndPathAsTheClientReadIt() throws Exception {
        byte[] jar = new byte[40_000];
        for (int i = 0; i < jar.length; i++) {
            jar[i] = (byte) (i * 31);
        }
        Path cassette = new TestCassette(work.resolve("cassette"))
                .get(CENTRAL + "org/example/lib/1.0/lib-1.0.pom", "text/xml", "<project/>")
                .exchange("GET", CENTRAL + "org/example/lib/1.0/lib-1.0.jar", List.of(), null, 200,
                        List.of("Content-Type", "application/java-archive"), jar)
                .get(CENTRAL + "org/example/lib/maven-metadata.xml?ts=1", "text/xml", "<metadata>1</metadata>")
                .get(CENTRAL + "org/example/lib/maven-metadata.xml", "text/xml", "<metadata>2</metadata>")
                .exchange("GET", CENTRAL + "com/example/app/2.0/app-2.0.pom", List.of(), null, 200,
                        List.of("Content-Encoding", "gzip"), gzip("<project>app</project>"))
                .exchange("GET", CENTRAL + "org/example/missing/1.0/missing-1.0.pom", List.of(), null, 404,
                        List.of(), null)
                .exchange("GET", "http://localhost:8081/repository/internal/com/corp/x/1/x-1.pom", List.of(), null,
                        200, List.of(), "<project>x</project>".getBytes(StandardCharsets.UTF_8))
                .write("build");
        Path repository = work.resolve("repository");

        ToolRun exported = ToolRun.of(new MavenRepositoryExport(), cassette.toString(), repository.toString());

        assertEquals(0, exported.status(), exported.toString());
        Path central = repository.resolve("repo.maven.apache.org/maven2");
        Path settings = repository.resolve("settings.xml");
        assertEquals("<project/>", Files.readString(central.resolve("org/example/lib/1.0/lib-1.0.pom")));
        assertArrayEquals(jar, Files.readAllBytes(central.resolve("org/example/lib/1.0/lib-1.0.jar")));
        assertEquals("<metadata>2</metadata>", Files.readString(central.resolve("org/example/lib/maven-metadata.xml")),
                "the last answer recorded");
        assertEquals("<project>app</project>", Files.readString(central.resolve("com/example/app/2.0/app-2.0.pom")),
                "decoded as the client read it");
        assertFalse(Files.exists(central.resolve("org/example/missing")), "a 404 is no file");
        assertEquals("<project>x</project>", Files.readString(repository
                .resolve("localhost_8081/repository/internal/com/corp/x/1/x-1.pom")));
        assertEquals("wrote 5 files to " + repository + "; as Maven repositories (a <mirror> or <repository> url in "
                + "settings.xml):\n"
                + "  " + repository.resolve("localhost_8081/repository/internal/com/corp/x/1/").toUri()
                + "  (1 files from localhost:8081)\n"
                + "  " + central.toUri() + "  (4 files from repo.maven.apache.org)\n"
                + "wrote " + settings + ": mvn -s " + settings + " -Dmaven.repo.local=EMPTY_FOLDER ... takes Maven "
                + "Central's files from here; it names http://localhost:8081/repository/internal/com/corp/x/1/ in a "
                + "comment: a mirror needs the id the build's POMs give it\n", exported.out());
        assertTrue(exported.err().contains("maven-metadata.xml was downloaded more than once"), exported.toString());
        String xml = Files.readString(settings);
        assertTrue(xml.contains("<mirror>\n      <id>netrec-central</id>\n"
                + "      <name>Maven Central, as the cassette recorded it</name>\n"
                + "      <mirrorOf>central</mirrorOf>\n"
                + "      <url>" + central.toUri() + "</url>\n    </mirror>\n"), xml);
        assertTrue(xml.contains("<!-- http://localhost:8081/repository/internal/com/corp/x/1/: add a <mirror> of the "
                + "id the build's POMs give it, with <url>"
                + repository.resolve("localhost_8081/repository/internal/com/corp/x/1/").toUri() + "</url> -->"), xml);
        assertEquals(1, xml.split("    <mirror>\n", -1).length - 1, "one mirror: Central's");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(settings.toFile());
    }

    @Test
    void centralsRepositoryIsItsMaven2FolderEvenForOneFile() throws Exception {
        Path cassette = new TestCassette(work.resolve("cassette"))
                .get(CENTRAL + "org/example/lib/1.0/lib-1.0.pom", "text/xml", "<project/>").write("build");
        Path repository = work.resolve("repository");

        ToolRun exported = ToolRun.of(new MavenRepositoryExport(), cassette.toString(), repository.toString());

        assertEquals(0, exported.status(), exported.toString());
        String mirror = "<url>" + repository.resolve("repo.maven.apache.org/maven2/").toUri() + "</url>";
        assertTrue(Files.readString(repository.resolve("settings.xml")).contains(mirror),
                Files.readString(repository.resolve("settings.xml")));
        assertEquals(0, ToolRun.of(new MavenRepositoryExport(), cassette.toString(), repository.toString()).status(),
                "exporting again replaces netrec's own settings.xml");
    }

    @Test
    void aFolderWhoseNameXmlWouldMisreadStillMakesValidSettings() throws Exception {
        Path cassette = new TestCassette(work.resolve("cassette"))
                .get(CENTRAL + "org/example/lib/1.0/lib-1.0.pom", "text/xml", "<project/>")
                .get("https://repo1.maven.org:443/maven2/org/example/other/1.0/other-1.0.pom", "text/xml", "<p/>")
                .get("http://localhost:8081/a--b/x/1/x-1.pom", "text/xml", "<project>x</project>")
                .write("build");
        Path repository = work.resolve("a&b--c").resolve("repository");

        ToolRun exported = ToolRun.of(new MavenRepositoryExport(), cassette.toString(), repository.toString());

        assertEquals(0, exported.status(), exported.toString());
        Path settings = repository.resolve("settings.xml");
        org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(settings.toFile());
        assertEquals(1, xml.getElementsByTagName("mirror").getLength(), "one mirror of central: "
                + Files.readString(settings));
        assertEquals(repository.resolve("repo.maven.apache.org/maven2/").toUri().toString(),
                xml.getElementsByTagName("url").item(0).getTextContent());
        assertTrue(Files.readString(settings).contains("https://repo1.maven.org:443/maven2/: add a <mirror>"),
                "the other Central host named in a comment: " + Files.readString(settings));
    }

    @Test
    void aSettingsFileNetrecDidNotWriteIsNeverOverwritten() throws Exception {
        Path cassette = new TestCassette(work.resolve("cassette"))
                .get(CENTRAL + "org/example/lib/1.0/lib-1.0.pom", "text/xml", "<project/>").write("build");
        Path repository = Files.createDirectories(work.resolve("repository"));
        Files.writeString(repository.resolve("settings.xml"), "<settings>mine</settings>");

        ToolRun exported = ToolRun.of(new MavenRepositoryExport(), cassette.toString(), repository.toString());

        assertEquals(2, exported.status(), exported.toString());
        assertEquals("<settings>mine</settings>", Files.readString(repository.resolve("settings.xml")));
        assertTrue(exported.err().contains("settings.xml exists and netrec did not write it; export into another "
                + "folder"), exported.err());
        assertFalse(Files.exists(repository.resolve("repo.maven.apache.org")), "nothing written");
    }

    @Test
    void aPathThatWouldLeaveItsHostsFolderIsLeftOut() throws Exception {
        Path cassette = new TestCassette(work.resolve("cassette"))
                .get("http://localhost:8081/a/../../../escaped.txt", "text/plain", "outside")
                .get("http://localhost:8081/inside.txt", "text/plain", "inside")
                .write("build");

        ToolRun exported = ToolRun.of(new MavenRepositoryExport(), cassette.toString(), work.resolve("r").toString());

        assertEquals(0, exported.status(), exported.toString());
        assertFalse(Files.exists(work.resolve("escaped.txt")));
        assertFalse(Files.exists(work.resolve("r/escaped.txt")));
        assertTrue(exported.err().contains("left out http://localhost:8081/a/../../../escaped.txt"), exported.err());
    }

    @Test
    void aCassetteWithNoDownloadIsAnErrorThatSaysSo() throws Exception {
        Path cassette = new TestCassette(work.resolve("cassette"))
                .exchange("POST", "http://localhost:8081/x", List.of(), null, 201, List.of(), null).write("build");

        ToolRun exported = ToolRun.of(new MavenRepositoryExport(), cassette.toString(), work.resolve("r").toString());

        assertEquals(2, exported.status(), exported.toString());
        assertTrue(exported.err().contains("holds no download (a GET answered 200) to write"), exported.err());
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
